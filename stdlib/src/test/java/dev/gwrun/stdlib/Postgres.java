package dev.gwrun.stdlib;

import dev.gwrun.runtime.HostObject;
import dev.gwrun.stdlib.postgres.PgUrl;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

/**
 * The real PostgreSQL server of the tests ({@code GWRUN_TEST_PG_URL}, by default the one {@code .ci/provision}
 * starts) and a fresh database per test class. When the server does not answer the tests are skipped with a
 * notice on stderr, or fail when {@code GWRUN_REQUIRE_POSTGRES=1}.
 */
public final class Postgres implements AutoCloseable {
    public static final String DEFAULT_URL = "postgresql://gwrun:gwrun-test@127.0.0.1:5432/postgres";

    private final PgUrl admin;
    private final String database;

    private Postgres(PgUrl admin, String database) {
        this.admin = admin;
        this.database = database;
    }

    /** The server's URL, after making sure it answers (skipping or failing the test when it does not). */
    public static PgUrl server() {
        String url = System.getenv().getOrDefault("GWRUN_TEST_PG_URL", DEFAULT_URL);
        PgUrl admin = PgUrl.parse(url, null, null, "test");
        try (Connection c = connect(admin)) {
            c.isValid(2);
        } catch (SQLException e) {
            String why = "PostgreSQL at " + admin.display() + " does not answer (" + e.getMessage() + ")";
            if ("1".equals(System.getenv("GWRUN_REQUIRE_POSTGRES"))) Assertions.fail(why + " and GWRUN_REQUIRE_POSTGRES=1");
            System.err.println("SKIPPED: " + why + "; set GWRUN_TEST_PG_URL or start it with .ci/provision");
            Assumptions.abort(why);
        }
        return admin;
    }

    /** Creates a database with a unique name ({@code gwrun_t_<what>_<random>}); close() drops it. */
    public static Postgres freshDatabase(String what) throws SQLException {
        PgUrl admin = server();
        String name = "gwrun_t_" + what + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        try (Connection c = connect(admin); Statement s = c.createStatement()) {
            s.execute("create database " + name);
        }
        return new Postgres(admin, name);
    }

    public String name() { return database; }

    public PgUrl pg() { return admin.withDatabase(database); }

    /** {@code postgresql://user:pass@host:port/db}, the form runbooks use. */
    public String url() {
        PgUrl p = pg();
        return "postgresql://" + p.user() + ":" + p.password() + "@" + p.host() + ":" + p.port() + "/" + p.database();
    }

    public String password() { return admin.password(); }

    public static Connection connect(PgUrl url) throws SQLException {
        Properties props = new Properties();
        if (url.user() != null) props.setProperty("user", url.user());
        if (url.password() != null) props.setProperty("password", url.password());
        props.setProperty("connectTimeout", "5");
        return DriverManager.getConnection(url.jdbcUrl(), props);
    }

    public void execute(String sql) throws SQLException {
        try (Connection c = connect(pg()); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    /** The rows of a query, each column as text. */
    public List<List<String>> query(String sql) throws SQLException {
        try (Connection c = connect(pg())) {
            return rows(c, sql);
        }
    }

    /** The rows of a query on this connection, each column as text. */
    public static List<List<String>> rows(Connection c, String sql) throws SQLException {
        List<List<String>> rows = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= n; i++) row.add(rs.getString(i));
                rows.add(row);
            }
        }
        return rows;
    }

    /** A sha256 of a query's rows, to compare data byte for byte before and after. */
    public String checksum(String sql) throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        for (List<String> row : query(sql)) md.update((String.join("\u0001", row.stream().map(String::valueOf).toList()) + "\n").getBytes());
        return HexFormat.of().formatHex(md.digest());
    }

    @Override
    public void close() throws SQLException {
        try (Connection c = connect(admin); Statement s = c.createStatement()) {
            s.execute("drop database if exists " + database + " with (force)");
        }
    }

    /** Calls a host function by name with named arguments, as the evaluator does. */
    public static Object call(String function, Map<String, Object> args, TestCallContext ctx) throws Exception {
        return HostCalls.call(ctx, function, args);
    }

    public static Object field(Object hostObject, String name) {
        return ((HostObject) hostObject).field(name);
    }
}
