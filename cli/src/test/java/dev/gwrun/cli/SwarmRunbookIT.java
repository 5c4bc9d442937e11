package dev.gwrun.cli;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.LocalNodeState;
import com.github.dockerjava.api.model.Network;
import com.github.dockerjava.api.model.Service;
import com.github.dockerjava.api.model.SwarmInfo;
import com.github.dockerjava.api.model.SwarmSpec;
import dev.gwrun.stdlib.DockerTestSupport;
import dev.gwrun.stdlib.Postgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static dev.gwrun.stdlib.DockerTestSupport.quietly;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * runbooks/deploy-swarm.gwrun, the documents' production deploy on a swarm, run by the real bin/gwrun against
 * a single-node swarm of the engine (made here if the engine is in none, and left after) and the host's
 * PostgreSQL: a first deploy whose migration runs as a one-off swarm task (psql in the migration image), a rolling
 * update with a client counting failed requests through the proxy, a broken version that Swarm rolls back by itself
 * while the runbook exits 1 naming the failed task, and a failing migration whose task's output fails the runbook.
 */
@Timeout(600)
class SwarmRunbookIT {
    private static final Path ROOT = ExampleRunbookIT.ROOT;
    private static final String IMAGE = DockerTestSupport.PREFIX + "-swarmstack";
    private static final String STACK = DockerTestSupport.PREFIX + "sw";

    @TempDir static Path work;
    private static DockerClient docker;
    private static boolean createdSwarm;
    private static Postgres db;
    private static int port;

    @BeforeAll
    static void swarm() throws Exception {
        docker = DockerTestSupport.requireEngine();
        Postgres.server();
        SwarmInfo info = docker.infoCmd().exec().getSwarm();
        LocalNodeState state = info == null ? LocalNodeState.INACTIVE : info.getLocalNodeState();
        if (state == LocalNodeState.INACTIVE) {
            docker.initializeSwarmCmd(new SwarmSpec()).withAdvertiseAddr("127.0.0.1").withListenAddr("127.0.0.1:2377").exec();
            createdSwarm = true;
        } else if (state != LocalNodeState.ACTIVE || !Boolean.TRUE.equals(info.getControlAvailable())) {
            String why = "the engine is in swarm state " + state + " and not a manager";
            if ("1".equals(System.getenv("GWRUN_REQUIRE_DOCKER"))) Assertions.fail(why);
            Assumptions.abort(why);
        }
        try (Stream<Path> s = Files.walk(ROOT.resolve("runbooks"))) {
            for (Path from : s.toList()) {
                Path rel = ROOT.resolve("runbooks").relativize(from);
                if (rel.startsWith("docs") || rel.startsWith("backups") || rel.startsWith(".gwrun") || rel.toString().isEmpty()) continue;
                if (Files.isDirectory(from)) Files.createDirectories(work.resolve(rel));
                else Files.copy(from, work.resolve(rel));
            }
        }
        db = Postgres.freshDatabase("swarm");
        port = DockerTestSupport.freePort();
        Files.writeString(work.resolve(".env.production"), String.join("\n",
                "# written by SwarmRunbookIT",
                "ENVIRONMENT=production",
                "STACK=" + STACK,
                "IMAGE=" + IMAGE,
                "API_PORT=" + port,
                "DB_RELAY_PORT=" + DockerTestSupport.freePort(),
                "DB_NAME=" + db.name(),
                "BACKUP_DIR=backups/production",
                ""));
    }

    @AfterAll
    static void cleanUp() throws Exception {
        if (docker == null) return;
        for (Service s : docker.listServicesCmd().withLabelFilter(Map.of("com.docker.stack.namespace", STACK)).exec()) {
            quietly(() -> docker.removeServiceCmd(s.getId()).exec());
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            boolean left = false;
            for (Network n : docker.listNetworksCmd().exec()) {
                if (!n.getName().startsWith(STACK)) continue;
                try {
                    docker.removeNetworkCmd(n.getId()).exec();
                } catch (RuntimeException busy) {
                    left = true;
                }
            }
            if (!left) break;
            Thread.sleep(500);
        }
        for (var i : docker.listImagesCmd().exec()) {
            if (i.getRepoTags() == null) continue;
            for (String t : i.getRepoTags()) if (t.startsWith(IMAGE + ":") || t.startsWith(IMAGE + "-migrate:")) quietly(() -> docker.removeImageCmd(t).withForce(true).exec());
        }
        DockerTestSupport.cleanUp();
        if (createdSwarm) quietly(() -> docker.leaveSwarmCmd().withForceEnabled(true).exec());
        if (db != null) db.close();
    }

    private record Proc(int exit, String out) {}

    private static Proc deploy(String version, String... params) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(ROOT.resolve("bin/gwrun").toString(), "run", "deploy-swarm.gwrun", "--env-file", ".env.production",
                "-p", "version=" + version, "-p", "stack=" + STACK, "-p", "port=" + port, "-p", "converge_timeout=3m"));
        for (String p : params) cmd.addAll(List.of("-p", p));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(work.toFile()).redirectErrorStream(true);
        pb.environment().put("DATABASE_URL", db.url());
        pb.environment().put("SWARM_UPDATE_DELAY", "1s");
        pb.environment().put("SWARM_ROLLBACK_DELAY", "1s");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(300, TimeUnit.SECONDS)).isTrue();
        System.err.println("deploy-swarm " + version + " exited " + p.exitValue() + ":\n" + out);
        assertThat(out).as("the database password never shows").doesNotContain(db.password());
        return new Proc(p.exitValue(), out);
    }

    private static String version() throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/version")).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString()).body().strip();
    }

    @Test
    void deploysUpdatesWithoutFailedRequestsAndAFailingVersionRollsBackByItself() throws Exception {
        Proc first = deploy("s1");
        assertThat(first.exit()).as(first.out()).isZero();
        assertThat(first.out()).contains("✔ pre-deploy backup", "✔ migrate", "– one-off check of s1: skipped",
                "stack " + STACK + ": created " + names("api", "proxy", "cache", "db") + ", updated [], unchanged []",
                STACK + " serves s1, healthy");
        assertThat(version()).isEqualTo("s1");
        assertThat(first.out()).as("the migration ran as a one-off swarm task of the migration image")
                .contains("running " + STACK + "_db_run_", "(image " + IMAGE + "-migrate:s1)", "migrating to version 1 (create items)",
                        "applied 3 migration(s); schema at version 3", STACK + "_db_run_");
        assertThat(db.query("select max(version::int) from flyway_schema_history where success").get(0).get(0)).isEqualTo("3");
        assertThat(db.query("select count(*) from flyway_schema_history").get(0).get(0)).isEqualTo("3");

        Proc second;
        try (DockerRunbookIT.Probe probe = new DockerRunbookIT.Probe(port)) {
            second = deploy("s2");
            Thread.sleep(200);
            probe.close();
            assertThat(second.exit()).as(second.out()).isZero();
            System.err.println("probe during the swarm rolling update: " + probe.ok.get() + " served, " + probe.failed.get() + " failed");
            assertThat(probe.failed.get()).as("failed requests during the rolling update; first: " + probe.firstFailure.get()).isZero();
            assertThat(probe.versions).containsSubsequence("s1", "s2");
        }
        assertThat(second.out()).contains("schema at version 3", "applied 0 migration(s); schema at version 3", "s2 reaches the cache and the database",
                "created [], updated " + names("api") + ", unchanged " + names("proxy", "cache", "db"), STACK + " serves s2, healthy");
        assertThat(version()).isEqualTo("s2");

        Proc broken = deploy("s3", "broken=true");
        assertThat(broken.exit()).as(broken.out()).isEqualTo(1);
        assertThat(broken.out()).contains("service " + STACK + "_api rolled back", "task " + STACK + "_api.", "last health check",
                "Swarm rolled " + STACK + "_api back by itself", "deploy of s3 to the swarm failed in 'rolling update to s3'");
        assertThat(version()).isEqualTo("s2");

        // A migration that fails in its task fails the runbook with the task's output, before any service changes.
        Path broken4 = work.resolve("migrations/V4__add_items_again.sql");
        Files.writeString(broken4, "-- a bad release: items exists\ncreate table items (id int);\n");
        try {
            Proc failing = deploy("s4");
            assertThat(failing.exit()).as(failing.out()).isEqualTo(1);
            assertThat(failing.out()).contains("running " + STACK + "_db_run_", "exited with code 1", "migrating to version 4 (add items again)",
                    "psql:/migrations/V4__add_items_again.sql:2: ERROR:  relation \"items\" already exists",
                    "migration V4__add_items_again.sql failed; the schema stays at version 3", "deploy of s4 to the swarm failed in 'migrate'");
        } finally {
            Files.delete(broken4);
        }
        assertThat(db.query("select max(version::int) from flyway_schema_history").get(0).get(0)).isEqualTo("3");
        assertThat(db.query("select count(*) from flyway_schema_history").get(0).get(0)).isEqualTo("3");
        assertThat(version()).isEqualTo("s2");
    }

    /** The stack's services as the runbook logs a list of them: ["<stack>_api", …]. */
    private static String names(String... services) {
        List<String> quoted = new ArrayList<>();
        for (String s : services) quoted.add("\"" + STACK + "_" + s + "\"");
        return "[" + String.join(", ", quoted) + "]";
    }
}
