package dev.gwrun.cli;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code --state postgres://…} with real bin/gwrun processes against the real PostgreSQL server:
 * processes in different directories (as on different machines) share locks and run records.
 * A fresh database per class, dropped afterwards. Without a server the class is skipped with a
 * notice, or fails when GWRUN_REQUIRE_POSTGRES=1.
 */
class PgStateIT {
    static final Path GWRUN = GwrunProcessIT.GWRUN;
    static final String ADMIN_URL = System.getenv().getOrDefault("GWRUN_TEST_PG_URL", "postgresql://gwrun:gwrun-test@127.0.0.1:5432/postgres");
    static String database;
    static String stateUrl;
    static String password;

    @TempDir
    Path dir;

    static Connection admin(String db) throws SQLException {
        URI u = URI.create(ADMIN_URL);
        String[] user = u.getUserInfo().split(":", 2);
        password = user.length > 1 ? user[1] : "";
        String path = db == null ? u.getPath() : "/" + db;
        return DriverManager.getConnection("jdbc:postgresql://" + u.getHost() + ":" + (u.getPort() < 0 ? 5432 : u.getPort()) + path, user[0], password);
    }

    @BeforeAll
    static void freshDatabase() throws Exception {
        try (Connection c = admin(null); Statement s = c.createStatement()) {
            database = "gwrun_state_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
            s.execute("CREATE DATABASE " + database);
        } catch (SQLException e) {
            String why = "PostgreSQL at " + ADMIN_URL.replaceAll(":[^:@/]*@", ":***@") + " does not answer: " + e.getMessage();
            if ("1".equals(System.getenv("GWRUN_REQUIRE_POSTGRES"))) throw new AssertionError(why + " (GWRUN_REQUIRE_POSTGRES=1)", e);
            System.err.println("SKIPPED PgStateIT: " + why);
            assumeTrue(false, why);
        }
        URI u = URI.create(ADMIN_URL);
        stateUrl = "postgres://" + u.getUserInfo() + "@" + u.getHost() + ":" + (u.getPort() < 0 ? 5432 : u.getPort()) + "/" + database;
    }

    @AfterAll
    static void dropDatabase() throws Exception {
        if (database == null) return;
        try (Connection c = admin(null); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
        }
    }

    record Proc(int exit, String out, String err) {}

    private Process start(Path cwd, String name, Map<String, String> env, String... args) throws IOException {
        Files.createDirectories(cwd);
        List<String> cmd = new ArrayList<>();
        cmd.add(GWRUN.toString());
        cmd.addAll(List.of(args));
        cmd.add("--state");
        cmd.add(stateUrl);
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(cwd.toFile());
        pb.environment().putAll(env);
        pb.redirectOutput(dir.resolve(name + ".out").toFile()).redirectError(dir.resolve(name + ".err").toFile());
        return pb.start();
    }

    private Proc finish(String name, Process p) throws Exception {
        assertThat(p.waitFor(90, TimeUnit.SECONDS)).as(name + " finishes").isTrue();
        Proc r = new Proc(p.exitValue(), Files.readString(dir.resolve(name + ".out")), Files.readString(dir.resolve(name + ".err")));
        assertThat(r.out() + r.err()).as("the database password is never printed").doesNotContain(password);
        return r;
    }

    private Proc gwrun(Path cwd, String name, String... args) throws Exception {
        return finish(name, start(cwd, name, Map.of(), args));
    }

    private void awaitOutput(String name, String text) throws Exception {
        long deadline = System.currentTimeMillis() + 30_000;
        while (System.currentTimeMillis() < deadline) {
            if (Files.exists(dir.resolve(name + ".out")) && Files.readString(dir.resolve(name + ".out")).contains(text)) return;
            Thread.sleep(50);
        }
        throw new AssertionError(name + " never printed '" + text + "':\n" + Files.readString(dir.resolve(name + ".out")));
    }

    @Test
    void processesOnTwoMachinesShareOneLockAndTheRunRecords() throws Exception {
        Path runbook = dir.resolve("locked.gwrun");
        Files.writeString(runbook, """
                runbook "locked" {
                  param who: string
                  for round in [1, 2, 3] {
                    step "deploy" {
                      lock "production-deploy" timeout 60s {
                        sh("echo enter ${who} >> %1$s/trace.txt")
                        log "inside"
                        sleep(600ms)
                        sh("echo leave ${who} >> %1$s/trace.txt")
                      }
                    }
                  }
                }
                """.formatted(dir));
        Process a = start(dir.resolve("machine-a"), "a", Map.of("HOSTNAME", "runner-a"), "run", runbook.toString(), "-p", "who=a");
        awaitOutput("a", "inside");
        Process b = start(dir.resolve("machine-b"), "b", Map.of("HOSTNAME", "runner-b"), "run", runbook.toString(), "-p", "who=b");
        Proc pa = finish("a", a), pb = finish("b", b);
        assertThat(pa.exit()).as(pa.out() + pa.err()).isEqualTo(0);
        assertThat(pb.exit()).as(pb.out() + pb.err()).isEqualTo(0);
        // Whichever came second waited, and was told who held the lock.
        assertThat(pa.out() + pb.out()).containsPattern("waiting for lock production-deploy held by \\S+@runner-[ab] \\(pid (" + a.pid() + "|" + b.pid() + "), run \\S+\\) since ");
        List<String> trace = Files.readAllLines(dir.resolve("trace.txt"));
        assertThat(trace).hasSize(12);
        for (int i = 0; i < trace.size(); i += 2) {
            assertThat(trace.get(i)).as("line %d of %s", i, trace).startsWith("enter ");
            assertThat(trace.get(i + 1)).as("line %d of %s", i + 1, trace).isEqualTo("leave " + trace.get(i).substring("enter ".length()));
        }
        assertThat(dir.resolve("machine-a/.gwrun")).doesNotExist();

        Proc runs = gwrun(dir.resolve("machine-c"), "runs", "runs");
        assertThat(runs.out().lines().filter(l -> l.contains(runbook.toString()) && l.endsWith("succeeded")).toList())
                .as(runs.out()).hasSize(2);
        try (Connection c = admin(database); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM gwrun_locks")) {
            rs.next();
            assertThat(rs.getInt(1)).as("released locks leave no owner row").isZero();
        }
    }

    @Test
    void aRunRecordedInPostgresIsResumedFromAnotherDirectory() throws Exception {
        Path runbook = dir.resolve("deploy.gwrun");
        Files.writeString(runbook, """
                runbook "deploy" {
                  let version = ""
                  step "build" {
                    sh("echo build >> %1$s/trace.txt")
                    version = "1.4.2"
                  }
                  step "ship" {
                    sh("test -f %1$s/go")
                    sh("echo ship ${version} >> %1$s/trace.txt")
                  }
                }
                """.formatted(dir));
        Proc failed = gwrun(dir.resolve("machine-a"), "failed", "run", runbook.toString());
        assertThat(failed.exit()).isEqualTo(1);
        Files.writeString(dir.resolve("go"), "");
        Proc resumed = gwrun(dir.resolve("machine-b"), "resumed", "resume", "last");
        assertThat(resumed.exit()).as(resumed.out() + resumed.err()).isEqualTo(0);
        assertThat(resumed.out()).contains("at step 'ship' (skipping 1 step that succeeded)");
        assertThat(Files.readAllLines(dir.resolve("trace.txt"))).containsExactly("build", "ship 1.4.2");
        Proc show = gwrun(dir.resolve("machine-c"), "show", "show", "last");
        assertThat(show.out()).contains("(resumes run ").contains("– build").contains("✓ ship");
    }

    @Test
    void aKilledHoldersLockIsFreeAtOnceAndABusyLockExits6() throws Exception {
        Path hold = dir.resolve("hold.gwrun");
        Files.writeString(hold, "runbook \"hold\" { step \"work\" { log \"holding\"\n sleep(60s) } }");
        Path next = dir.resolve("next.gwrun");
        Files.writeString(next, "runbook \"next\" { step \"work\" { log \"got it\" } }");
        Process holder = start(dir.resolve("machine-a"), "holder", Map.of("HOSTNAME", "runner-a"), "run", "--lock", "db", hold.toString());
        awaitOutput("holder", "holding");
        Proc busy = gwrun(dir.resolve("machine-b"), "busy", "run", "--lock", "db", next.toString());
        assertThat(busy.exit()).as(busy.out() + busy.err()).isEqualTo(6);
        assertThat(busy.out()).containsPattern("error: lock db is held by \\S+@runner-a \\(pid " + holder.pid() + ", run \\S+\\) since ");
        holder.destroyForcibly();
        assertThat(holder.waitFor(20, TimeUnit.SECONDS)).isTrue();
        long start = System.nanoTime();
        Proc after = gwrun(dir.resolve("machine-b"), "after", "run", "--lock", "db", "--lock-wait", "30s", next.toString());
        assertThat(after.exit()).as(after.out() + after.err()).isEqualTo(0);
        assertThat(after.out()).containsPattern("took over lock db from \\S+@runner-a \\(pid " + holder.pid() + ", run \\S+\\) since \\S+ \\(its session ended without releasing it\\)")
                .contains("got it");
        assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start)).isLessThan(20);
    }
}
