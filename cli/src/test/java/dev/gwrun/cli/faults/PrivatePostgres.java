package dev.gwrun.cli.faults;

import dev.gwrun.stdlib.Postgres;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A PostgreSQL cluster of the test's own, to be stopped under a run: the shared server every engineer's
 * tests use is never touched. Debian's binaries (which .ci/provision installs), {@code initdb} and
 * {@code pg_ctl} run as the postgres user, a data directory and socket directory under /tmp, a free
 * loopback port, password authentication. Without root or the binaries the test is skipped, or fails
 * with GWRUN_REQUIRE_POSTGRES=1.
 */
final class PrivatePostgres implements AutoCloseable {
    static final String USER = "gwrun";
    static final String PASSWORD = "pw-" + UUID.randomUUID().toString().substring(0, 12);

    final Path root;
    final int port;
    private final Path bin;

    private PrivatePostgres(Path root, int port, Path bin) {
        this.root = root;
        this.port = port;
        this.bin = bin;
    }

    static PrivatePostgres start() throws Exception {
        Path bin = null;
        try (Stream<Path> versions = Files.list(Path.of("/usr/lib/postgresql"))) {
            bin = versions.map(v -> v.resolve("bin")).filter(b -> Files.isExecutable(b.resolve("initdb"))).sorted().reduce((a, b) -> b).orElse(null);
        } catch (IOException none) {
            // no Debian PostgreSQL
        }
        String why = bin == null ? "no /usr/lib/postgresql/*/bin/initdb" : !"root".equals(System.getProperty("user.name")) ? "a private cluster needs root (to run as postgres)" : null;
        if (why != null) {
            if ("1".equals(System.getenv("GWRUN_REQUIRE_POSTGRES"))) Assertions.fail(why + " and GWRUN_REQUIRE_POSTGRES=1");
            System.err.println("NOTICE: skipping the PostgreSQL fault tests: " + why);
            Assumptions.abort(why);
        }
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path root = Files.createDirectories(Path.of("/tmp", "gwf-pg-" + UUID.randomUUID().toString().substring(0, 8)));
        Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwx------"));
        Files.writeString(root.resolve("pwfile"), PASSWORD + "\n");
        PrivatePostgres pg = new PrivatePostgres(root, port, bin);
        pg.exec("chown", "-R", "postgres:postgres", root.toString());
        pg.asPostgres(bin.resolve("initdb").toString(), "-D", root.resolve("data").toString(), "-U", USER, "--pwfile", root.resolve("pwfile").toString(),
                "--auth=scram-sha-256", "-E", "UTF8", "--locale", "C.UTF-8");
        pg.startServer();
        return pg;
    }

    void startServer() throws Exception {
        asPostgres(bin.resolve("pg_ctl").toString(), "-D", root.resolve("data").toString(), "-l", root.resolve("server.log").toString(), "-w", "-t", "60",
                "-o", "-p " + port + " -k " + root + " -c listen_addresses=127.0.0.1 -c fsync=off", "start");
    }

    /** {@code pg_ctl stop -m immediate}: every backend is killed at once, no checkpoint, as a crash of the server would end them. */
    void crash() throws Exception {
        asPostgres(bin.resolve("pg_ctl").toString(), "-D", root.resolve("data").toString(), "-m", "immediate", "-w", "stop");
    }

    String url(String database) {
        return "postgresql://" + USER + ":" + PASSWORD + "@127.0.0.1:" + port + "/" + database;
    }

    Connection connect(String database) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/" + database, USER, PASSWORD);
    }

    List<List<String>> query(String database, String sql) throws SQLException {
        try (Connection c = connect(database)) {
            return Postgres.rows(c, sql);
        }
    }

    void execute(String database, String sql) throws SQLException {
        try (Connection c = connect(database); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private void asPostgres(String... cmd) throws Exception {
        List<String> all = new ArrayList<>(List.of("runuser", "-u", "postgres", "--"));
        all.addAll(List.of(cmd));
        exec(all.toArray(new String[0]));
    }

    private void exec(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) throw new AssertionError(String.join(" ", cmd) + " failed:\n" + out);
    }

    @Override
    public void close() throws Exception {
        try {
            if (Files.exists(root.resolve("data/postmaster.pid"))) {
                asPostgres(bin.resolve("pg_ctl").toString(), "-D", root.resolve("data").toString(), "-m", "immediate", "-w", "stop");
            }
        } finally {
            exec("rm", "-rf", root.toString());
        }
    }
}
