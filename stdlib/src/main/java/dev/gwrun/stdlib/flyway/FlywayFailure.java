package dev.gwrun.stdlib.flyway;

import dev.gwrun.host.CallContext;
import dev.gwrun.runtime.GwrunError;
import dev.gwrun.stdlib.postgres.PgUrl;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.internal.exception.FlywayMigrateException;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns Flyway's multi-paragraph exceptions into the one line an on-call engineer needs:
 * {@code V3__add_tags.sql: ERROR: column "tags" already exists (SQLSTATE 42701)}.
 */
final class FlywayFailure {
    private FlywayFailure() {}

    static GwrunError of(String function, FlywayException e, PgUrl url, CallContext ctx) {
        SQLException sql = sqlCause(e);
        String dbError = sql == null ? null : firstLine(sql.getMessage()) + (sql.getSQLState() == null ? "" : " (SQLSTATE " + sql.getSQLState() + ")");
        String message;
        if (e instanceof FlywayMigrateException m && m.getMigration() != null) {
            MigrationInfo info = m.getMigration();
            String script = info.getScript() == null ? "migration " + info.getVersion() : Path.of(info.getScript()).getFileName().toString();
            message = script + ": " + (dbError != null ? dbError : flywayMessage(e));
        } else if (sql != null && String.valueOf(e.getMessage()).startsWith("Unable to obtain connection")) {
            message = function + ": cannot connect to " + url.display() + ": " + dbError;
        } else {
            message = function + ": " + flywayMessage(e) + (dbError != null && !flywayMessage(e).contains(firstLine(sql.getMessage())) ? ": " + dbError : "");
        }
        return new GwrunError("flyway", ctx.mask(message), null, e);
    }

    private static SQLException sqlCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) if (t instanceof SQLException s) return s;
        return null;
    }

    /** Flyway's message without its banners, links and blank lines, joined into one line. */
    static String flywayMessage(Throwable e) {
        List<String> kept = new ArrayList<>();
        for (String line : String.valueOf(e.getMessage()).split("\\R")) {
            String l = line.strip();
            if (l.isEmpty() || l.startsWith("---") || l.contains("https://") || l.startsWith("Need more flexibility")) continue;
            if (l.startsWith("SQL State") || l.startsWith("Error Code") || l.startsWith("Message")) continue;
            kept.add(l);
            if (kept.size() == 5) break;
        }
        return String.join(" ", kept);
    }

    static String firstLine(String s) {
        if (s == null) return "";
        int nl = s.indexOf('\n');
        return (nl < 0 ? s : s.substring(0, nl)).strip();
    }
}
