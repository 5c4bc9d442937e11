package dev.gwrun.state;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/**
 * Connections to the PostgreSQL database a {@code postgres://user:password@host:port/db} URL names
 * (the password may instead come from PGPASSWORD). The password never appears in messages.
 */
final class PgConnector {
    private final String jdbcUrl;
    private final Properties props = new Properties();
    private final String shown;
    private final String password;

    PgConnector(String url) throws IOException {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new IOException("not a valid PostgreSQL URL: " + redact(url));
        }
        if (uri.getHost() == null) throw new IOException("the PostgreSQL URL needs a host: " + redact(url));
        String user = null, pass = System.getenv("PGPASSWORD");
        if (uri.getRawUserInfo() != null) {
            String[] parts = uri.getRawUserInfo().split(":", 2);
            user = URLDecoder.decode(parts[0], StandardCharsets.UTF_8);
            if (parts.length > 1) pass = URLDecoder.decode(parts[1], StandardCharsets.UTF_8);
        }
        if (user == null) user = System.getenv().getOrDefault("PGUSER", System.getProperty("user.name"));
        int port = uri.getPort() < 0 ? 5432 : uri.getPort();
        String db = uri.getPath() == null || uri.getPath().length() <= 1 ? user : uri.getPath().substring(1);
        this.jdbcUrl = "jdbc:postgresql://" + uri.getHost() + ":" + port + "/" + db + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        props.setProperty("user", user);
        if (pass != null) props.setProperty("password", pass);
        props.setProperty("ApplicationName", "gwrun");
        props.setProperty("connectTimeout", "10");
        props.setProperty("tcpKeepAlive", "true");
        this.password = pass;
        this.shown = "postgres://" + user + "@" + uri.getHost() + ":" + port + "/" + db;
    }

    /** The URL with any password replaced by ***. */
    static String redact(String url) {
        return url.replaceAll("(://[^:/@]+:)[^@]*@", "$1***@");
    }

    String describe() { return shown; }

    String password() { return password; }

    Connection connect() throws SQLException {
        Connection c = DriverManager.getConnection(jdbcUrl, props);
        c.setAutoCommit(true);
        return c;
    }

    /** A message for a person from a driver error, without the password. */
    String message(SQLException e) {
        String m = e.getMessage() == null ? e.toString() : e.getMessage();
        if (password != null && !password.isEmpty()) m = m.replace(password, "***");
        return "PostgreSQL at " + shown + ": " + m.strip();
    }

    /** Creates the tables on first use; an advisory transaction lock keeps concurrent first runs apart. */
    static void ensureSchema(Connection c) throws SQLException {
        boolean auto = c.getAutoCommit();
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            s.execute("SELECT pg_advisory_xact_lock(7204011957)");
            s.execute("CREATE TABLE IF NOT EXISTS gwrun_runs (id text PRIMARY KEY, runbook text NOT NULL, "
                    + "started timestamptz NOT NULL, header text NOT NULL)");
            s.execute("CREATE INDEX IF NOT EXISTS gwrun_runs_runbook ON gwrun_runs (runbook, started DESC)");
            s.execute("CREATE TABLE IF NOT EXISTS gwrun_run_events (run_id text NOT NULL REFERENCES gwrun_runs (id) ON DELETE CASCADE, "
                    + "seq integer NOT NULL, event text NOT NULL, PRIMARY KEY (run_id, seq))");
            s.execute("CREATE TABLE IF NOT EXISTS gwrun_locks (name text PRIMARY KEY, host text NOT NULL, pid bigint NOT NULL, "
                    + "username text NOT NULL, run_id text, acquired timestamptz NOT NULL)");
            c.commit();
        } catch (SQLException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(auto);
        }
    }

    /**
     * Closes a connection, ignoring a failure: whatever it held goes with the session (an advisory lock), and
     * what it wrote was committed as it happened, so a connection the server already dropped has nothing to release.
     */
    static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException ignored) {
            // see above
        }
    }
}
