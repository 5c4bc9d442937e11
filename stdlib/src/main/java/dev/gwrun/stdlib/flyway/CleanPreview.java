package dev.gwrun.stdlib.flyway;

import dev.gwrun.host.CallContext;
import dev.gwrun.runtime.GwrunError;
import dev.gwrun.stdlib.postgres.PgUrl;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/** What {@code flyway.clean} would drop: the tables, views, sequences, functions and types of the schemas. */
final class CleanPreview {
    private static final int SHOWN = 20;

    private static final String QUERY = """
            select kind || ' ' || quote_ident(schema) || '.' || quote_ident(name) from (
              select n.nspname as schema, c.relname as name,
                     case c.relkind when 'r' then 'table' when 'p' then 'table' when 'v' then 'view'
                          when 'm' then 'materialized view' when 'S' then 'sequence' when 'f' then 'foreign table' end as kind
                from pg_class c join pg_namespace n on n.oid = c.relnamespace
               where c.relkind in ('r', 'p', 'v', 'm', 'S', 'f')
                 and not exists (select 1 from pg_depend d where d.objid = c.oid and d.deptype in ('e', 'a', 'i'))
              union all
              select n.nspname, p.proname, 'function'
                from pg_proc p join pg_namespace n on n.oid = p.pronamespace
               where not exists (select 1 from pg_depend d where d.objid = p.oid and d.deptype = 'e')
              union all
              select n.nspname, t.typname, 'type'
                from pg_type t join pg_namespace n on n.oid = t.typnamespace
               where t.typtype in ('e', 'd') or (t.typtype = 'c' and (select c.relkind from pg_class c where c.oid = t.typrelid) = 'c')
            ) o
            where schema = any(?) order by kind, schema, name
            """;

    private CleanPreview() {}

    static List<String> objects(PgUrl url, List<String> schemas, CallContext ctx) {
        Properties props = new Properties();
        if (url.user() != null) props.setProperty("user", url.user());
        if (url.password() != null) props.setProperty("password", url.password());
        try (Connection conn = DriverManager.getConnection(url.jdbcUrl(), props)) {
            List<String> names = schemas;
            if (names.isEmpty()) {
                try (ResultSet rs = conn.createStatement().executeQuery("select current_schema()")) {
                    rs.next();
                    names = List.of(rs.getString(1));
                }
            }
            try (PreparedStatement ps = conn.prepareStatement(QUERY)) {
                ps.setArray(1, conn.createArrayOf("text", names.toArray()));
                List<String> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) out.add(rs.getString(1));
                }
                return out;
            }
        } catch (SQLException e) {
            throw new GwrunError("flyway", ctx.mask("flyway.clean: cannot list what " + url.display() + " holds: "
                    + FlywayFailure.firstLine(e.getMessage()) + (e.getSQLState() == null ? "" : " (SQLSTATE " + e.getSQLState() + ")")));
        }
    }

    static String summary(List<String> objects) {
        if (objects.size() <= SHOWN) return String.join(", ", objects);
        return String.join(", ", objects.subList(0, SHOWN)) + " and " + (objects.size() - SHOWN) + " more";
    }
}
