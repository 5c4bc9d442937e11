package dev.gwrun.stdlib.postgres;

import dev.gwrun.host.CallContext;
import dev.gwrun.runtime.GwrunError;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/** A JDBC connection from a {@link PgUrl}, and the one-line form of its failures. */
public final class PgConnect {
    private PgConnect() {}

    public static Connection open(PgUrl url) throws SQLException {
        Properties props = new Properties();
        if (url.user() != null) props.setProperty("user", url.user());
        if (url.password() != null) props.setProperty("password", url.password());
        props.setProperty("connectTimeout", "10");
        props.setProperty("ApplicationName", "gwrun");
        return DriverManager.getConnection(url.jdbcUrl(), props);
    }

    /** The server's version ({@code 15.18}), which also proves the database answers with these credentials. */
    public static String serverVersion(PgUrl url, String function, CallContext ctx) {
        try (Connection c = open(url); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("show server_version")) {
            rs.next();
            return rs.getString(1).split(" ")[0];
        } catch (SQLException e) {
            throw failure(function, "cannot connect to " + url.display(), e, ctx);
        }
    }

    /** {@code function: what: FATAL: password authentication failed for user "x" (SQLSTATE 28P01)}, masked. */
    public static GwrunError failure(String function, String what, SQLException e, CallContext ctx) {
        String msg = e.getMessage() == null ? e.toString() : e.getMessage();
        int nl = msg.indexOf('\n');
        if (nl >= 0) msg = msg.substring(0, nl);
        return new GwrunError("postgres", ctx.mask(function + ": " + what + ": " + msg.strip()
                + (e.getSQLState() == null ? "" : " (SQLSTATE " + e.getSQLState() + ")")), null, e);
    }
}
