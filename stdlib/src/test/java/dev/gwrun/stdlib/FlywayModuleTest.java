package dev.gwrun.stdlib;

import dev.gwrun.host.Effect;
import dev.gwrun.host.Registry;
import dev.gwrun.runtime.GwrunError;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static dev.gwrun.stdlib.Postgres.call;
import static dev.gwrun.stdlib.Postgres.field;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The flyway module against the real PostgreSQL server, in a database of its own. */
@Timeout(120)
class FlywayModuleTest {
    private static Postgres db;

    @TempDir Path dir;
    private TestCallContext ctx;
    private Path migrations;

    @BeforeAll
    static void createDatabase() throws Exception {
        db = Postgres.freshDatabase("flyway");
    }

    @AfterAll
    static void dropDatabase() throws Exception {
        if (db != null) db.close();
    }

    @BeforeEach
    void setUp() throws Exception {
        ctx = new TestCallContext(dir);
        migrations = Files.createDirectories(dir.resolve("migrations"));
        // Each test starts from an empty database.
        db.execute("drop schema public cascade; create schema public");
    }

    private void migration(String name, String sql) throws Exception {
        Files.writeString(migrations.resolve(name), sql);
    }

    private Object migrate(Object... extra) throws Exception {
        return call("flyway.migrate", args(extra), ctx);
    }

    private Map<String, Object> args(Object... extra) {
        Map<String, Object> a = new java.util.LinkedHashMap<>(Map.of("url", db.url(), "locations", "migrations"));
        for (int i = 0; i < extra.length; i += 2) a.put((String) extra[i], extra[i + 1]);
        return a;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object hostObject, String name) {
        return (List<Object>) field(hostObject, name);
    }

    private String schemaVersion() throws Exception {
        return db.query("select max(version) from flyway_schema_history where success and version is not null").get(0).get(0);
    }

    @Test
    void effectsAreClassified() {
        Registry r = StandardLibrary.registry();
        assertThat(r.function("flyway.migrate").signature().effect()).isEqualTo(Effect.CHANGE);
        assertThat(r.function("flyway.info").signature().effect()).isEqualTo(Effect.READ);
        assertThat(r.function("flyway.validate").signature().effect()).isEqualTo(Effect.READ);
        assertThat(r.function("flyway.check").signature().effect()).isEqualTo(Effect.READ);
        assertThat(r.function("flyway.repair").signature().effect()).isEqualTo(Effect.CHANGE);
        assertThat(r.function("flyway.baseline").signature().effect()).isEqualTo(Effect.CHANGE);
        assertThat(r.function("flyway.clean").signature().effect()).isEqualTo(Effect.CHANGE);
    }

    @Test
    void migratesFromEmptyThenRerunIsANoOp() throws Exception {
        migration("V1__create_items.sql", "create table items (id int primary key, name text);");
        migration("V2__add_price.sql", "alter table items add column price numeric;\ninsert into items values (1, 'a', 2.5);");
        assertThat(field(call("flyway.validate", args(), ctx), "ok")).as("pending migrations are not a validation problem").isEqualTo(true);
        PrintStream realOut = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        Object r;
        System.setOut(new PrintStream(captured, true));
        try {
            r = migrate();
        } finally {
            System.setOut(realOut);
        }
        assertThat(captured.toString()).as("Flyway prints nothing itself").isEmpty();
        assertThat(field(r, "from")).isNull();
        assertThat(field(r, "to")).isEqualTo("2");
        assertThat(list(r, "applied")).containsExactly(
                Map.of("version", "1", "description", "create items", "script", "V1__create_items.sql"),
                Map.of("version", "2", "description", "add price", "script", "V2__add_price.sql"));
        assertThat(ctx.lines("log")).anyMatch(l -> l.startsWith("flyway: applied 1 create items ("))
                .anyMatch(l -> l.startsWith("flyway: applied 2 add price ("))
                .anyMatch(l -> l.matches("flyway: gwrun@.* migrated from empty to 2 in .*"));
        assertThat(db.query("select name from items")).containsExactly(List.of("a"));

        Object again = migrate();
        assertThat(list(again, "applied")).isEmpty();
        assertThat(field(again, "from")).isEqualTo("2");
        assertThat(field(again, "to")).isEqualTo("2");
        assertThat(ctx.lines("log")).last().asString().endsWith("is up to date at version 2");

        Object info = call("flyway.info", args(), ctx);
        assertThat(field(info, "current")).isEqualTo("2");
        assertThat(list(info, "pending")).isEmpty();
        assertThat(list(info, "applied")).hasSize(2);
        assertThat(field(call("flyway.validate", args(), ctx), "ok")).isEqualTo(true);
    }

    @Test
    void aFailingMigrationNamesFileAndSqlErrorAndLeavesTheVersion() throws Exception {
        migration("V1__create_items.sql", "create table items (id int primary key);");
        migration("V2__add_tags.sql", "alter table items add column tags text[];");
        migrate();
        migration("V3__add_tags_again.sql", "insert into items values (1);\nalter table items add column tags text[];");
        assertThatThrownBy(this::migrate).isInstanceOf(GwrunError.class)
                .hasMessage("V3__add_tags_again.sql: ERROR: column \"tags\" of relation \"items\" already exists (SQLSTATE 42701)");
        assertThat(schemaVersion()).isEqualTo("2");
        assertThat(db.query("select count(*) from items")).containsExactly(List.of("0"));
    }

    @Test
    void destructiveMigrationIsRefusedThenAllowed() throws Exception {
        migration("V1__create.sql", "create table legacy (id int);\ncreate table users (id int, old_name text, email text);");
        migrate();
        migration("V2__contract.sql", """
                -- drop table users;  (a comment, not a finding)
                insert into users values (1, 'drop table users', 'x');
                DROP   TABLE legacy;
                alter table users
                  drop column old_name,
                  alter column email set not null;
                """);
        assertThatThrownBy(this::migrate).isInstanceOf(GwrunError.class).hasMessage("""
                flyway.migrate: refusing 3 destructive operations in pending migrations (allow_destructive: true runs them):
                  V2__contract.sql:3: critical DROP TABLE: DROP TABLE legacy
                  V2__contract.sql:5: critical DROP COLUMN: alter table users drop column old_name, alter column email set not null
                  V2__contract.sql:6: medium SET NOT NULL: alter table users drop column old_name, alter column email set not null""");
        assertThat(schemaVersion()).isEqualTo("1");

        Object r = migrate("allow_destructive", true);
        assertThat(field(r, "to")).isEqualTo("2");
        assertThat(list(r, "findings")).hasSize(3);
        assertThat(db.query("select count(*) from information_schema.tables where table_name = 'legacy'")).containsExactly(List.of("0"));

        Object check = call("flyway.check", Map.of("locations", "migrations"), ctx);
        assertThat(field(check, "ok")).isEqualTo(false);
        Object pendingOnly = call("flyway.check", args(), ctx);
        assertThat(field(pendingOnly, "ok")).as("nothing is pending any more").isEqualTo(true);
    }

    @Test
    void jdbcUrlsWorkAndPasswordsAreMaskedInEveryMessage() throws Exception {
        migration("V1__create.sql", "create table t (id int);");
        var pg = db.pg();
        String jdbc = "jdbc:postgresql://" + pg.host() + ":" + pg.port() + "/" + pg.database();
        Object r = call("flyway.migrate", Map.of("url", jdbc, "locations", "migrations", "user", pg.user(), "password", pg.password()), ctx);
        assertThat(field(r, "to")).isEqualTo("1");

        String wrong = "postgresql://" + pg.user() + ":not-the-password-42@" + pg.host() + ":" + pg.port() + "/" + pg.database();
        assertThatThrownBy(() -> call("flyway.info", Map.of("url", wrong), ctx))
                .hasMessageStartingWith("flyway.info: cannot connect to " + pg.user() + "@")
                .hasMessageContaining("password authentication failed")
                .hasMessageContaining("(SQLSTATE 28P01)")
                .hasMessageNotContaining("not-the-password-42");
        assertThat(ctx.lines()).noneMatch(l -> l.text().contains(pg.password()));
    }

    @Test
    void cleanRefusesAndSaysWhatItWouldDropUnlessAllowed() throws Exception {
        migration("V1__create.sql", "create table items (id int);\ncreate view item_ids as select id from items;");
        migrate();
        assertThatThrownBy(() -> call("flyway.clean", Map.of("url", db.url()), ctx))
                .hasMessageStartingWith("flyway.clean: refusing to drop 3 objects in ")
                .hasMessageContaining("table public.flyway_schema_history, table public.items, view public.item_ids")
                .hasMessageEndingWith("(allow_clean: true drops them)");
        assertThat(db.query("select count(*) from items")).containsExactly(List.of("0"));
        Object r = call("flyway.clean", Map.of("url", db.url(), "allow_clean", true), ctx);
        assertThat(list(r, "dropped")).contains("table public.items");
        assertThat(db.query("select count(*) from information_schema.tables where table_schema = 'public'")).containsExactly(List.of("0"));
    }

    @Test
    void baselineAndRepair() throws Exception {
        db.execute("create table existing (id int)");
        migration("V1__old.sql", "create table existing (id int);");
        migration("V2__new.sql", "create table newer (id int);");
        Object b = call("flyway.baseline", Map.of("url", db.url(), "locations", "migrations", "version", "1"), ctx);
        assertThat(field(b, "version")).isEqualTo("1");
        Object r = migrate();
        assertThat(list(r, "applied")).hasSize(1);
        assertThat(field(r, "to")).isEqualTo("2");

        migration("V2__new.sql", "create table newer (id int); -- edited after it was applied");
        assertThatThrownBy(() -> call("flyway.validate", args(), ctx)).hasMessageStartingWith("flyway.validate: ")
                .hasMessageContaining("checksum");
        Object repaired = call("flyway.repair", args(), ctx);
        assertThat(list(repaired, "aligned")).hasSize(1);
        assertThat(field(call("flyway.validate", args(), ctx), "ok")).isEqualTo(true);
    }

    @Test
    void missingLocationsSayWhere() {
        assertThatThrownBy(() -> call("flyway.migrate", Map.of("url", db.url(), "locations", "nowhere"), ctx))
                .hasMessage("flyway.migrate: migrations directory " + dir.resolve("nowhere") + " does not exist");
    }
}
