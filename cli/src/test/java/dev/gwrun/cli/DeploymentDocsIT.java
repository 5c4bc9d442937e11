package dev.gwrun.cli;

import dev.gwrun.runtime.Json;
import dev.gwrun.stdlib.DockerTestSupport;
import dev.gwrun.stdlib.LoopbackServer;
import dev.gwrun.stdlib.Postgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The deployment docs' runbooks (runbooks/deploy.gwrun and the runbooks it runs, emergency-rollback,
 * monitor, stack-rollback, release-tags) run by the real bin/gwrun against the local stack on the real
 * Docker Engine and PostgreSQL, including the failure paths: a broken version and a destructive
 * migration refused while the old version serves every request, an emergency rollback timed, the
 * monitor rolling back on health failures, a rollback refused past a migration the old version does
 * not know. Each test deploys from its own copy of runbooks/ (so it can add migrations) with its own
 * .env file naming containers, image, ports and database under the run's unique prefix.
 */
@Timeout(900)
class DeploymentDocsIT {
    private static final Path ROOT = ExampleRunbookIT.ROOT;
    private static final String IMAGE = DockerTestSupport.PREFIX + "-stack";
    private static final List<Postgres> databases = new ArrayList<>();

    @TempDir static Path work;

    private record Proc(int exit, String out, Duration took) {}

    /** One environment of the local stack: its runbooks copy, settings, database and extra environment variables. */
    private record Env(String name, Path dir, String stack, int port, Postgres db, Map<String, String> vars) {
        Proc gwrun(String... args) throws Exception {
            List<String> cmd = new ArrayList<>(List.of(ROOT.resolve("bin/gwrun").toString()));
            cmd.addAll(List.of(args));
            ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true);
            pb.environment().put("DATABASE_URL", db.url());
            pb.environment().putAll(vars);
            long start = System.nanoTime();
            Process p = pb.start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(300, TimeUnit.SECONDS)).isTrue();
            assertThat(out).as("the database password never shows").doesNotContain(db.password());
            return new Proc(p.exitValue(), out, Duration.ofNanos(System.nanoTime() - start));
        }

        Proc deploy(String version, String... params) throws Exception {
            List<String> args = new ArrayList<>(List.of("run", "deploy.gwrun", "--yes", "-p", "env=" + name, "-p", "version=" + version));
            for (String p : params) args.addAll(List.of("-p", p));
            return gwrun(args.toArray(String[]::new));
        }

        String schema() throws Exception {
            return db.query("select max(version::int) from flyway_schema_history where success and version is not null").get(0).get(0);
        }
    }

    @BeforeAll
    static void services() {
        DockerTestSupport.requireEngine();
        Postgres.server();
    }

    @AfterAll
    static void cleanUp() throws Exception {
        DockerTestSupport.cleanUp();
        for (Postgres db : databases) db.close();
    }

    /** A copy of runbooks/ (without generated pages and backups) with a .env.&lt;name&gt; for this run. */
    private static Env environment(String name) throws Exception {
        return environment(name, name.substring(0, 4));
    }

    /** As {@link #environment(String)}, with the copy and the stack (the Compose project) named by {@code tag}. */
    private static Env environment(String name, String tag) throws Exception {
        Path dir = Files.createDirectories(work.resolve(tag));
        ExampleRunbookIT.copyRunbooks(dir);
        Postgres db = Postgres.freshDatabase("deploy");
        databases.add(db);
        String stack = DockerTestSupport.name(tag);
        int port = DockerTestSupport.freePort();
        Files.writeString(dir.resolve(".env." + name), String.join("\n",
                "# written by DeploymentDocsIT",
                "ENVIRONMENT=" + name,
                "STACK=" + stack,
                "COMPOSE_PROJECT_NAME=" + stack,
                "IMAGE=" + IMAGE,
                "API_PORT=" + port,
                "DB_RELAY_PORT=" + DockerTestSupport.freePort(),
                "DB_NAME=" + db.name(),
                "BACKUP_DIR=backups/" + name,
                ""));
        return new Env(name, dir, stack, port, db, new HashMap<>());
    }

    /** The path token of the test's chat webhook: a credential, which no output may show. */
    private static final String HOOK_TOKEN = "T01/B02/hookTokenDeployDocs";

    /** The "text" of every message the chat webhook received, in order. */
    private static List<String> texts(LoopbackServer chat) {
        return chat.requests("/services/" + HOOK_TOKEN).stream().map(r -> (String) ((Map<?, ?>) Json.parse(r.body())).get("text")).toList();
    }

    private static HttpResponse<String> get(int port, String path) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String version(int port) throws Exception {
        return get(port, "/version").body().strip();
    }

    @Test
    void stagingDeploysBlueGreenAndKeepsTheOldVersionServingThroughABrokenVersionAndADestructiveMigration() throws Exception {
        Env stg = environment("staging");

        Proc unknown = stg.gwrun("run", "deploy.gwrun", "-p", "env=qa", "-p", "version=v1");
        assertThat(unknown.exit()).as(unknown.out()).isEqualTo(4);
        assertThat(unknown.out()).contains("env must be one of development, staging, production, got 'qa'");
        Files.writeString(stg.dir().resolve(".env.production"), "ENVIRONMENT=staging\nSTACK=" + stg.stack() + "\n");
        Proc wrong = stg.gwrun("run", "deploy.gwrun", "--yes", "-p", "env=production", "-p", "version=v1");
        assertThat(wrong.exit()).as(wrong.out()).isEqualTo(4);
        assertThat(wrong.out()).contains(".env.production does not set IMAGE, API_PORT, DB_RELAY_PORT, DB_NAME, BACKUP_DIR",
                ".env.production is not for production", "DATABASE_URL is not ");
        assertThat(DockerTestSupport.leftoverContainers()).as("a refused deploy starts nothing")
                .filteredOn(n -> n.startsWith("/" + stg.stack())).isEmpty();

        Proc first = stg.deploy("v1");
        assertThat(first.exit()).as(first.out()).isZero();
        assertThat(first.out()).contains("first deploy: deploying v1 as " + stg.stack() + "-blue",
                "migrated from empty to 3", "version v1: database healthy, cache healthy", "cache OK",
                "✔ smoke tests", "p95 of 20 requests", "docker: tagged " + IMAGE + ":v1 as " + IMAGE + ":staging", "✔ run succeeded");
        assertThat(version(stg.port())).isEqualTo("v1");
        assertThat(stg.schema()).isEqualTo("3");

        Proc second = DockerRunbookIT.Probe.during(stg.port(), "the staging blue-green deploy", () -> stg.deploy("v2"),
                r -> assertThat(r.exit()).as(r.out()).isZero(), "v1", "v2");
        assertThat(second.out()).contains(stg.stack() + "-blue is live; deploying v2 as " + stg.stack() + "-green",
                stg.stack() + "-blue stays up, idle, for emergency-rollback.gwrun");

        try (DockerRunbookIT.Probe probe = new DockerRunbookIT.Probe(stg.port());
             LoopbackServer chat = LoopbackServer.start()) {
            chat.route("/services/" + HOOK_TOKEN, (r, n) -> LoopbackServer.Reply.text(200, "ok"));
            stg.vars().put("NOTIFY_WEBHOOK_URL", chat.url("/services/" + HOOK_TOKEN));
            Proc broken = stg.deploy("v3", "broken=true");
            stg.vars().remove("NOTIFY_WEBHOOK_URL");
            probe.close();
            List<String> texts = texts(chat);
            assertThat(texts).hasSize(2);
            assertThat(texts.get(0)).isEqualTo("Deployment started: deploying v3 to staging (stack " + stg.stack() + ")");
            assertThat(texts.get(1)).startsWith("Deployment failed: v3 to staging failed in 'start the new colour': ")
                    .contains("container '" + stg.stack() + "-blue' is unhealthy");
            assertThat(broken.out()).doesNotContain(HOOK_TOKEN).doesNotContain(chat.url());
            System.err.println("probe during the broken deploy: " + probe.ok.get() + " served, " + probe.failed.get() + " failed");
            assertThat(broken.exit()).as(broken.out()).isEqualTo(1);
            assertThat(broken.out()).contains("container '" + stg.stack() + "-blue' is unhealthy", "HTTP/1.1 503 Service Unavailable",
                    "compose: removed " + stg.stack() + "-blue",
                    "deploy of v3 to staging failed in 'start the new colour'; " + stg.stack() + "-green is still serving");
            assertThat(probe.failed.get()).as("failed requests during the broken deploy; first: " + probe.firstFailure.get()).isZero();
            assertThat(probe.versions).containsExactly("v2");
        }

        Path destructive = stg.dir().resolve("migrations/V4__drop_item_tags.sql");
        Files.writeString(destructive, "alter table items drop column tags;\n");
        try (DockerRunbookIT.Probe probe = new DockerRunbookIT.Probe(stg.port())) {
            Proc refused = stg.deploy("v4");
            probe.close();
            assertThat(refused.exit()).as(refused.out()).isEqualTo(1);
            // migrate.gwrun's gate is a precondition: refused before its backup, so there is nothing to restore.
            assertThat(refused.out()).contains("critical DROP COLUMN: alter table items drop column tags",
                    "pending migrations are destructive (1 findings)",
                    "deploy of v4 to staging failed in 'migrate'; " + stg.stack() + "-green is still serving")
                    .doesNotContain("restore it with: pg_restore");
            assertThat(probe.failed.get()).as("failed requests while the migration was refused; first: " + probe.firstFailure.get()).isZero();
            assertThat(probe.versions).containsExactly("v2");
        } finally {
            Files.delete(destructive);
        }
        assertThat(stg.schema()).as("the destructive migration was not applied").isEqualTo("3");

        Proc down = stg.gwrun("run", "stack-down.gwrun", "--env-file", ".env.staging", "-p", "images=true");
        assertThat(down.exit()).as(down.out()).isZero();
        assertThat(DockerTestSupport.leftoverContainers()).filteredOn(n -> n.startsWith("/" + stg.stack())).isEmpty();
    }

    @Test
    void productionBacksUpRollsBackInAnEmergencyUnderThirtySecondsMonitorsAndChecksTheSchemaOnRollback() throws Exception {
        Env prod = environment("production");

        Proc first = prod.deploy("p1");
        assertThat(first.exit()).as(first.out()).isZero();
        assertThat(first.out()).contains("✔ confirm production", "✔ pre-deploy backup", "is intact", "– smoke tests: skipped");
        try (Stream<Path> s = Files.list(prod.dir().resolve("backups/production"))) {
            assertThat(s.filter(p -> p.toString().endsWith(".dump")).count()).as("the pre-deploy backup and migrate's own").isEqualTo(2);
        }
        // With a (loopback) chat webhook configured, the deploy and the emergency rollback announce themselves.
        LoopbackServer chat = LoopbackServer.start();
        chat.route("/services/" + HOOK_TOKEN, (r, n) -> LoopbackServer.Reply.text(200, "ok"));
        prod.vars().put("NOTIFY_WEBHOOK_URL", chat.url("/services/" + HOOK_TOKEN));
        Proc second = prod.deploy("p2");
        assertThat(second.exit()).as(second.out()).isZero();
        assertThat(version(prod.port())).isEqualTo("p2");
        assertThat(texts(chat)).containsExactly("Deployment started: deploying p2 to production (stack " + prod.stack() + ")",
                "Deployment successful: p2 is live in production (" + prod.stack() + "-green)");
        Map<?, ?> started = (Map<?, ?>) Json.parse(chat.requests("/services/" + HOOK_TOKEN).get(0).body());
        assertThat(started.get("blocks").toString()).contains("*Environment:*\nproduction", "*Version:*\np2");

        Proc emergency;
        try (DockerRunbookIT.Probe probe = new DockerRunbookIT.Probe(prod.port())) {
            emergency = prod.gwrun("run", "emergency-rollback.gwrun", "--env-file", ".env.production", "-p", "reason=drill");
            Thread.sleep(200);
            probe.close();
            prod.vars().remove("NOTIFY_WEBHOOK_URL");
            assertThat(texts(chat).subList(2, texts(chat).size())).hasSize(2).satisfies(t -> {
                assertThat(t.get(0)).isEqualTo("Emergency rollback started: " + prod.stack() + ": switching from " + prod.stack()
                        + "-green back to " + prod.stack() + "-blue (p1): drill");
                assertThat(t.get(1)).startsWith("Rolled back: " + prod.stack() + " rolled back from " + prod.stack() + "-green to p1 in ")
                        .endsWith(": drill; deployments are frozen");
            });
            chat.close();
            for (Proc p : List.of(second, emergency)) assertThat(p.out()).doesNotContain(HOOK_TOKEN).doesNotContain(chat.url());
            assertThat(emergency.exit()).as(emergency.out()).isZero();
            assertThat(probe.failed.get()).as("failed requests during the emergency switch; first: " + probe.firstFailure.get()).isZero();
            assertThat(probe.versions).containsExactly("p2", "p1");
        }
        System.err.println("emergency rollback: the whole gwrun process took " + emergency.took().toMillis() + " ms; "
                + emergency.out().lines().filter(l -> l.contains("after the rollback started")).findFirst().orElse("?").strip());
        assertThat(emergency.took()).as("the documented < 30 s, JVM start included").isLessThan(Duration.ofSeconds(30));
        assertThat(emergency.out()).contains("switching back to " + prod.stack() + "-blue (p1)", "traffic back on " + prod.stack() + "-blue (p1)",
                "ALERT on-call");
        assertThat(version(prod.port())).isEqualTo("p1");

        Proc frozen = prod.deploy("p3");
        assertThat(frozen.exit()).as("a precondition refuses before any step: " + frozen.out()).isEqualTo(4);
        assertThat(frozen.out()).contains("production is frozen (drill at ", "deploy with -p allow_frozen=true once the incident is closed");
        Proc p3 = prod.deploy("p3", "allow_frozen=true", "monitor_for=2s", "monitor_interval=500ms");
        assertThat(p3.exit()).as(p3.out()).isZero();
        assertThat(p3.out()).contains("✔ check 4 of 4", "healthy for 2s: no rollback trigger");
        assertThat(version(prod.port())).isEqualTo("p3");

        HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + prod.port() + "/admin/unhealthy"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(get(prod.port(), "/health").statusCode()).isEqualTo(503);
        Proc monitor = prod.gwrun("run", "monitor.gwrun", "--env-file", ".env.production", "-p", "period=10s", "-p", "interval=500ms");
        assertThat(monitor.exit()).as(monitor.out()).isEqualTo(1);
        assertThat(monitor.out()).contains("health check failed (3 in a row): health check answered HTTP 503",
                "rollback trigger: 3 consecutive health-check failures", "traffic back on " + prod.stack() + "-blue (p1)",
                "the deployment was rolled back: 3 consecutive health-check failures");
        assertThat(monitor.out()).doesNotContain("● check 4 of 20");
        assertThat(version(prod.port())).isEqualTo("p1");

        Path v4 = prod.dir().resolve("migrations/V4__add_item_sku.sql");
        Files.writeString(v4, "alter table items add column sku text;\n");
        Proc p4 = prod.deploy("p4", "allow_frozen=true");
        assertThat(p4.exit()).as(p4.out()).isZero();
        assertThat(p4.out()).contains("p4 knows schema 4; the database is at 3");
        assertThat(prod.schema()).isEqualTo("4");

        Proc refused = prod.gwrun("run", "stack-rollback.gwrun", "--yes", "-p", "env=production", "-p", "to=p1");
        assertThat(refused.exit()).as(refused.out()).isEqualTo(1);
        assertThat(refused.out()).contains("p1 knows the schema up to version 3 but the database is at version 4: refusing to deploy it");
        assertThat(version(prod.port())).isEqualTo("p4");

        Proc forced = prod.gwrun("run", "stack-rollback.gwrun", "--yes", "-p", "env=production", "-p", "to=p1", "-p", "force=true");
        assertThat(forced.exit()).as(forced.out()).isZero();
        assertThat(forced.out()).contains("forced: p1 knows schema 3, the database is at 4", "– migrate: skipped", "– build p1: skipped");
        assertThat(version(prod.port())).isEqualTo("p1");
    }

    @Test
    void theBlueGreenScriptOfDoc000UpsTheIdleColourSwitchesWithoutFailedRequestsAndTakesTheOldOneDown() throws Exception {
        Env dev = environment("development");
        String[] file = {"--env-file", ".env.development"};

        Proc first = dev.gwrun(concat(new String[]{"run", "colour-deploy.gwrun", "-p", "version=c1"}, file));
        assertThat(first.exit()).as(first.out()).isZero();
        assertThat(first.out()).contains("nothing deployed yet; deploying c1 to blue", "health check passed", "traffic on :" + dev.port() + " now goes to blue (c1)",
                "– stop the old colour: skipped");
        assertThat(version(dev.port())).isEqualTo("c1");

        Proc second = DockerRunbookIT.Probe.during(dev.port(), "doc 000's deploy.sh",
                () -> dev.gwrun(concat(new String[]{"run", "colour-deploy.gwrun", "-p", "version=c2"}, file)),
                r -> assertThat(r.exit()).as(r.out()).isZero(), "c1", "c2");
        assertThat(second.out()).contains("current environment: blue; deploying c2 to green", "✔ stop the old colour");
        assertThat(DockerTestSupport.leftoverContainers()).as("the old colour is down")
                .contains("/" + dev.stack() + "-green").doesNotContain("/" + dev.stack() + "-blue");

        try (DockerRunbookIT.Probe probe = new DockerRunbookIT.Probe(dev.port())) {
            Proc broken = dev.gwrun(concat(new String[]{"run", "colour-deploy.gwrun", "-p", "version=c3", "-p", "broken=true"}, file));
            probe.close();
            assertThat(broken.exit()).as(broken.out()).isEqualTo(1);
            assertThat(broken.out()).contains("current environment: green; deploying c3 to blue",
                    "deploy of c3 failed in 'deploy to the new colour'; green is still serving");
            assertThat(probe.failed.get()).as("failed requests during the broken deploy; first: " + probe.firstFailure.get()).isZero();
            assertThat(probe.versions).containsExactly("c2");
        }
        assertThat(DockerTestSupport.leftoverContainers()).as("the broken colour is removed").doesNotContain("/" + dev.stack() + "-blue");

        Proc down = dev.gwrun(concat(new String[]{"run", "stack-down.gwrun", "-p", "images=true"}, file));
        assertThat(down.exit()).as(down.out()).isZero();
        assertThat(DockerTestSupport.leftoverContainers()).filteredOn(n -> n.startsWith("/" + dev.stack())).isEmpty();
    }

    @Test
    void aRollingUpdateOfTheApiServiceFollowsWithoutASwitchAndLeavesTheOldContainersServingWhenTheNewOnesFail() throws Exception {
        Env prod = environment("production", "roll");
        String[] file = {"--env-file", ".env.production"};

        Proc first = prod.gwrun(concat(new String[]{"run", "rolling.gwrun", "-p", "version=r1"}, file));
        assertThat(first.exit()).as(first.out()).isZero();
        assertThat(first.out()).contains("first deploy: starting api at r1", "every api container serves r1");
        assertThat(DockerTestSupport.leftoverContainers()).as("docker-compose.prod.yml: deploy.replicas 3")
                .filteredOn(n -> n.startsWith("/" + prod.stack() + "-api-")).hasSize(3);

        Proc second;
        try (DockerRunbookIT.Probe probe = new DockerRunbookIT.Probe(prod.port())) {
            second = prod.gwrun(concat(new String[]{"run", "rolling.gwrun", "-p", "version=r2", "-p", "drain=500ms"}, file));
            Thread.sleep(300);
            probe.close();
            System.err.println("probe during the rolling update: " + probe.ok.get() + " served, " + probe.failed.get() + " failed");
            assertThat(second.exit()).as(second.out()).isZero();
            assertThat(probe.failed.get()).as("failed requests during the rollout; first: " + probe.firstFailure.get()).isZero();
            assertThat(probe.ok.get()).isGreaterThan(20);
            // Old and new containers both answer `api` during the overlap, so the versions may alternate.
            assertThat(probe.versions).first().isEqualTo("r1");
            assertThat(probe.versions).last().isEqualTo("r2");
            assertThat(probe.versions).containsOnly("r1", "r2");
        }
        assertThat(second.out()).contains("replacing 3 api container(s) with r2, new ones first", "every api container serves r2");

        try (DockerRunbookIT.Probe probe = new DockerRunbookIT.Probe(prod.port())) {
            Proc broken = prod.gwrun(concat(new String[]{"run", "rolling.gwrun", "-p", "version=r3", "-p", "broken=true", "-p", "health_timeout=20s"}, file));
            probe.close();
            assertThat(broken.exit()).as(broken.out()).isEqualTo(1);
            assertThat(broken.out()).contains("points at the previous image again", "rolling update to r3 failed in 'roll out r3'");
            assertThat(probe.failed.get()).as("failed requests during the failed rollout; first: " + probe.firstFailure.get()).isZero();
            assertThat(probe.versions).containsExactly("r2");
        }
        assertThat(DockerTestSupport.leftoverContainers()).filteredOn(n -> n.startsWith("/" + prod.stack() + "-api-")).hasSize(3);

        Proc down = prod.gwrun(concat(new String[]{"run", "stack-down.gwrun"}, file));
        assertThat(down.exit()).as(down.out()).isZero();
        assertThat(DockerTestSupport.leftoverContainers()).filteredOn(n -> n.startsWith("/" + prod.stack())).isEmpty();
    }

    @Test
    void releaseTagsPublishesImmutableShaTagsAndMovesThePointersInALoopbackRegistry() throws Exception {
        boolean installed = Stream.of(System.getenv("PATH").split(":")).anyMatch(d -> Files.isExecutable(Path.of(d, "docker-registry")));
        if (!installed) {
            String why = "docker-registry is not installed (.ci/provision installs it)";
            if ("1".equals(System.getenv("GWRUN_REQUIRE_DOCKER"))) Assertions.fail(why + " and GWRUN_REQUIRE_DOCKER=1");
            System.err.println("NOTICE: skipping the release-tags test: " + why);
            Assumptions.abort(why);
        }
        Env rel = environment("release");
        int port = DockerTestSupport.freePort();
        String registry = "127.0.0.1:" + port;
        Path config = work.resolve("registry.yml");
        Files.writeString(config, String.join("\n", "version: 0.1", "log:", "  level: warn", "storage:", "  filesystem:",
                "    rootdirectory: " + work.resolve("registry-data"), "http:", "  addr: " + registry, ""));
        Process server = new ProcessBuilder("docker-registry", "serve", config.toString())
                .redirectErrorStream(true).redirectOutput(work.resolve("registry.log").toFile()).start();
        String repo = DockerTestSupport.PREFIX + "-rel";
        try {
            long deadline = System.currentTimeMillis() + 15_000;
            while (true) {
                try {
                    if (get(port, "/v2/").statusCode() == 200) break;
                } catch (IOException notYet) {
                    if (System.currentTimeMillis() > deadline) throw notYet;
                    Thread.sleep(100);
                }
            }
            String[] common = {"-p", "registry=" + registry, "-p", "repository=" + repo};
            Proc dev = rel.gwrun(concat(new String[]{"run", "release-tags.gwrun", "-p", "sha=aaaaaaa", "-p", "branch=master", "-p", "pr=7"}, common));
            assertThat(dev.exit()).as(dev.out()).isZero();
            assertThat(dev.out()).contains("docker: pushed " + registry + "/" + repo + ":aaaaaaa", "docker: pushed " + registry + "/" + repo + ":dev",
                    "docker: pushed " + registry + "/" + repo + ":pr-7", registry + "/" + repo + ": aaaaaaa, dev, pr-7");

            Proc prod = rel.gwrun(concat(new String[]{"run", "release-tags.gwrun", "-p", "sha=bbbbbbb", "-p", "branch=main"}, common));
            assertThat(prod.exit()).as(prod.out()).isZero();
            assertThat(prod.out()).contains(registry + "/" + repo + ": aaaaaaa, bbbbbbb, dev, pr-7, prod");

            // A rebuild of aaaaaaa (the build differs: it is a new image) is not published over the immutable tag.
            Proc again = rel.gwrun(concat(new String[]{"run", "release-tags.gwrun", "-p", "sha=aaaaaaa", "-p", "branch=master"}, common));
            assertThat(again.exit()).as(again.out()).isZero();
            assertThat(again.out()).contains(registry + "/" + repo + ":aaaaaaa is already published (immutable): not pushed again")
                    .doesNotContain("docker: pushed " + registry + "/" + repo + ":aaaaaaa");

            assertThat(digest(port, repo, "dev")).isEqualTo(digest(port, repo, "aaaaaaa")).isEqualTo(digest(port, repo, "pr-7"));
            assertThat(digest(port, repo, "prod")).isEqualTo(digest(port, repo, "bbbbbbb")).isNotEqualTo(digest(port, repo, "aaaaaaa"));
        } finally {
            server.destroy();
            server.waitFor(10, TimeUnit.SECONDS);
            removeImagesTagged(registry + "/" + repo + ":");
        }
    }

    private static String digest(int port, String repo, String tag) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v2/" + repo + "/manifests/" + tag))
                .header("Accept", "application/vnd.docker.distribution.manifest.v2+json").method("HEAD", HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(repo + ":" + tag).isEqualTo(200);
        return r.headers().firstValue("docker-content-digest").orElseThrow();
    }

    /** The registry-qualified tags do not start with the run's prefix, so DockerTestSupport.cleanUp() would miss them. */
    private static void removeImagesTagged(String prefix) {
        var client = DockerTestSupport.requireEngine();
        for (var image : client.listImagesCmd().exec()) {
            if (image.getRepoTags() == null) continue;
            for (String t : image.getRepoTags()) {
                if (t.startsWith(prefix)) client.removeImageCmd(t).withForce(true).exec();
            }
        }
    }

    private static String[] concat(String[] a, String[] b) {
        String[] out = new String[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
