package dev.gwrun.stdlib.flyway;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** The safety analyser's table: SQL in, the exact findings out ("line: severity OPERATION"). */
class MigrationSafetyTest {

    static Stream<Arguments> table() {
        return Stream.of(
                arguments("DROP TABLE users;", List.of("1: critical DROP TABLE")),
                arguments("drop   table\n  users;", List.of("1: critical DROP TABLE")),
                arguments("DrOp TaBlE IF EXISTS a, b CASCADE;", List.of("1: critical DROP TABLE")),
                arguments("-- DROP TABLE users;\nselect 1;", List.of()),
                arguments("/* DROP TABLE users; */ select 1;", List.of()),
                arguments("/* outer /* nested */ DROP TABLE still_comment; */ select 1;", List.of()),
                arguments("insert into notes values ('drop table users');", List.of()),
                arguments("insert into notes values ('it''s; drop table users');", List.of()),
                arguments("insert into notes values (E'a\\'; drop table users');", List.of()),
                arguments("create function f() returns void as $$ begin drop table users; end $$ language plpgsql;", List.of()),
                arguments("create function f() returns text as $body$ select 'x; truncate t' $body$ language sql;", List.of()),
                arguments("select $1::text, $tag$ DROP TABLE t $tag$;", List.of()),
                arguments("create table \"drop table x\" (id int);", List.of()),
                arguments("TRUNCATE audit_log;", List.of("1: critical TRUNCATE")),
                arguments("truncate table a, b restart identity;", List.of("1: critical TRUNCATE")),
                arguments("alter table users drop column legacy_field;", List.of("1: critical DROP COLUMN")),
                arguments("ALTER TABLE users DROP legacy_field;", List.of("1: critical DROP COLUMN")),
                arguments("alter table if exists only app.users drop column if exists x cascade;", List.of("1: critical DROP COLUMN")),
                arguments("alter table users drop constraint users_email_key;", List.of("1: medium DROP CONSTRAINT")),
                arguments("alter table users alter column id type bigint;", List.of("1: high ALTER COLUMN TYPE")),
                arguments("alter table users alter id set data type bigint using id::bigint;", List.of("1: high ALTER COLUMN TYPE")),
                arguments("alter table users alter column type set not null;", List.of("1: medium SET NOT NULL")),
                arguments("alter table users alter column email drop not null;", List.of()),
                arguments("alter table users alter column email set default 'TYPE';", List.of()),
                arguments("alter table entities rename column old_name to new_name;", List.of("1: high RENAME COLUMN")),
                arguments("alter table entities rename old_name to new_name;", List.of("1: high RENAME COLUMN")),
                arguments("alter table entities rename to things;", List.of("1: high RENAME TABLE")),
                arguments("alter table entities rename constraint a to b;", List.of()),
                arguments("alter table \"Users\" add column age int, drop column b,\n  alter column c set not null;",
                        List.of("1: critical DROP COLUMN", "2: medium SET NOT NULL")),
                arguments("alter table t add constraint c check (a in (1, 2)), drop constraint d;", List.of("1: medium DROP CONSTRAINT")),
                arguments("create table t (id int);\n\n-- cleanup\ndrop table old_t;\ntruncate t;",
                        List.of("4: critical DROP TABLE", "5: critical TRUNCATE")),
                arguments("do $$\nbegin\n  drop table legacy;\nend\n$$;", List.of("3: critical DROP TABLE")),
                arguments("drop index users_email_idx; drop view v; select * from drop_table_log;", List.of()),
                arguments("insert into t values ('unterminated; drop table x", List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void findings(String sql, List<String> expected) {
        List<String> actual = MigrationSafety.analyse("V1__x.sql", null, sql).stream()
                .map(f -> f.line() + ": " + f.severity().label() + " " + f.operation()).toList();
        assertThat(actual).containsExactlyElementsOf(expected);
    }

    @org.junit.jupiter.api.Test
    void aFindingNamesFileLineAndStatement() {
        var f = MigrationSafety.analyse("V3__contract.sql", null, "select 1;\nalter table users\n   drop   column legacy;").get(0);
        assertThat(f.describe()).isEqualTo("V3__contract.sql:3: critical DROP COLUMN: alter table users drop column legacy");
    }
}
