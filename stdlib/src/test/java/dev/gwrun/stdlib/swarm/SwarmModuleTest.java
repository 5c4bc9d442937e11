package dev.gwrun.stdlib.swarm;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.LocalNodeState;
import com.github.dockerjava.api.model.Network;
import com.github.dockerjava.api.model.Service;
import com.github.dockerjava.api.model.SwarmInfo;
import dev.gwrun.ast.Runbook;
import dev.gwrun.check.Checker;
import dev.gwrun.engine.Event;
import dev.gwrun.engine.RunEngine;
import dev.gwrun.engine.RunOptions;
import dev.gwrun.engine.RunResult;
import dev.gwrun.host.Args;
import dev.gwrun.parse.ParseResult;
import dev.gwrun.parse.Parsing;
import dev.gwrun.source.Diagnostic;
import dev.gwrun.source.SourceFile;
import dev.gwrun.host.HostFunction;
import dev.gwrun.host.Registry;
import dev.gwrun.runtime.GwrunError;
import dev.gwrun.runtime.HostObject;
import dev.gwrun.stdlib.DockerTestSupport;
import dev.gwrun.stdlib.RelayProxy;
import dev.gwrun.stdlib.VersionProbe;
import dev.gwrun.stdlib.StandardLibrary;
import dev.gwrun.stdlib.TestCallContext;
import dev.gwrun.stdlib.compose.ComposeProject;
import dev.gwrun.stdlib.compose.load.ComposeLoader;
import dev.gwrun.stdlib.compose.load.LoadOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.gwrun.stdlib.DockerTestSupport.quietly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The swarm module against the real engine as a single-node swarm (made one here if it is not, and left again
 * at the end only then): a stack of 3 replicas behind a proxy whose port is published in host mode (no routing
 * mesh: this kernel has no IPVS, so the services use endpoint_mode: dnsrr); a rolling update measured by a client
 * counting failed requests; a broken version that Swarm rolls back by itself; a one-off task; an image no node has;
 * a deploy with prune removing the services the project no longer has.
 */
@Timeout(200)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SwarmModuleTest {
    private static final Registry REGISTRY = StandardLibrary.registry();

    private static DockerClient docker;
    private static String image;
    private static boolean createdSwarm;
    private static Path dir;
    private static final String STACK = DockerTestSupport.PREFIX + "s";
    private static int port;
    private static ComposeProject app;

    @BeforeAll
    static void swarm() throws Exception {
        docker = DockerTestSupport.requireEngine();
        SwarmInfo info = docker.infoCmd().exec().getSwarm();
        LocalNodeState state = info == null ? LocalNodeState.INACTIVE : info.getLocalNodeState();
        if (state == LocalNodeState.INACTIVE) {
            // swarm.init is docker swarm init --advertise-addr 127.0.0.1 through docker-java (listening on loopback only).
            Object sw = call(new TestCallContext(Path.of(".")), "init", "advertise_addr", "127.0.0.1", "listen_addr", "127.0.0.1:2377");
            createdSwarm = true;
            assertThat(((HostObject) sw).field("created")).isEqualTo(true);
            assertThat(((HostObject) sw).field("worker_token").toString()).startsWith("SWMTKN-");
        } else {
            Assumptions.assumeTrue(state == LocalNodeState.ACTIVE && Boolean.TRUE.equals(info.getControlAvailable()),
                    "the engine is in swarm state " + state + " and not a manager");
        }
        image = DockerTestSupport.testImage();
        docker.tagImageCmd(image, DockerTestSupport.PREFIX + "-app", "v2").exec();
        dir = Files.createTempDirectory("gwrun-swarm-test");
        port = DockerTestSupport.freePort();
        app = project(dir.resolve("app"), STACK, apiAndProxy(port));
    }

    @AfterAll
    static void cleanUp() {
        if (docker == null) return;
        for (Service s : docker.listServicesCmd().exec()) {
            Map<String, String> labels = s.getSpec().getLabels();
            String ns = labels == null ? null : labels.get(StackSpec.NAMESPACE);
            if ((ns != null && ns.startsWith(DockerTestSupport.PREFIX)) || s.getSpec().getName().startsWith(DockerTestSupport.PREFIX)) {
                quietly(() -> docker.removeServiceCmd(s.getId()).exec());
            }
        }
        // The tasks' containers leave their networks as they stop.
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            boolean left = false;
            for (Network n : docker.listNetworksCmd().exec()) {
                if (!n.getName().startsWith(DockerTestSupport.PREFIX)) continue;
                try {
                    docker.removeNetworkCmd(n.getId()).exec();
                } catch (RuntimeException busy) {
                    left = true;
                }
            }
            if (!left) break;
            sleep(500);
        }
        DockerTestSupport.cleanUp();
        if (createdSwarm) {
            try {
                assertThat(call(new TestCallContext(Path.of(".")), "leave", "force", true)).isEqualTo(true);
            } catch (Exception e) {
                quietly(() -> docker.leaveSwarmCmd().withForceEnabled(true).exec());
            }
        }
    }

    // ---- the tests ----

    @Test
    @Order(1)
    void deploysThreeReplicasAndWaitsForThemHealthy() throws Exception {
        TestCallContext ctx = new TestCallContext(dir);
        // gwrun plan --probe: what the deploy would do, reading only.
        assertThat(preview(ctx, app)).isEqualTo("would create network " + STACK + "_default, create service " + STACK + "_api (image " + image
                + ", 3 replicas), create service " + STACK + "_proxy (image " + image + ", 1 replica)");
        long start = System.nanoTime();
        Object deployed = call(ctx, "deploy", "project", app, "timeout", Duration.ofMinutes(2));
        System.err.println("deploy took " + (System.nanoTime() - start) / 1_000_000 + " ms");
        assertThat(list(deployed, "created")).containsExactlyInAnyOrder(STACK + "_api", STACK + "_proxy");

        // Converged means every task runs, healthy (Swarm reports a task with a healthcheck running once it is healthy).
        List<Object> tasks = (List<Object>) call(ctx, "tasks", "service", STACK + "_api");
        assertThat(tasks).hasSize(3).allSatisfy(t -> assertThat(((HostObject) t).field("state")).isEqualTo("running"));
        List<Object> services = (List<Object>) call(ctx, "services", "stack", STACK);
        assertThat(services).extracting(s -> ((HostObject) s).field("name")).containsExactly(STACK + "_api", STACK + "_proxy");
        assertThat(((HostObject) services.get(0)).field("running")).isEqualTo(3L);

        // docker stack deploy's mapping: the namespace label, an overlay network <stack>_default.
        Service api = docker.inspectServiceCmd(STACK + "_api").exec();
        assertThat(api.getSpec().getLabels()).containsEntry("com.docker.stack.namespace", STACK);
        assertThat(api.getSpec().getTaskTemplate().getContainerSpec().getLabels()).containsEntry("com.docker.stack.namespace", STACK);
        Network net = docker.inspectNetworkCmd().withNetworkId(STACK + "_default").exec();
        assertThat(net.getDriver()).isEqualTo("overlay");
        assertThat(net.getLabels()).containsEntry("com.docker.stack.namespace", STACK);
        // Keys Swarm ignores are reported as the CLI reports them.
        assertThat(ctx.lines("log")).contains("swarm: Ignoring unsupported options: restart");

        List<Object> nodes = (List<Object>) call(ctx, "nodes");
        assertThat(nodes).isNotEmpty().anySatisfy(n -> {
            assertThat(((HostObject) n).field("role")).isEqualTo("manager");
            assertThat(((HostObject) n).field("state")).isEqualTo("ready");
        });

        VersionProbe client = new VersionProbe(port, Duration.ofMillis(20));
        Thread t = new Thread(client);
        t.start();
        try {
            client.awaitAnswers(5, Duration.ofSeconds(30), true);
        } finally {
            client.stop.set(true);
            t.join();
        }
        assertThat(client.last).isEqualTo("1");

        assertThat(preview(ctx, app)).isEqualTo("would change nothing in stack " + STACK + "; leave " + STACK + "_api, " + STACK + "_proxy as they are");
        Map<String, Map<String, Object>> changed = apiAndProxy(port);
        changed.get("api").put("environment", Map.of("VERSION", "2"));
        changed.get("api").put("image", DockerTestSupport.PREFIX + "-app:v3");
        assertThat(preview(ctx, project(dir.resolve("app-v3"), STACK, changed))).isEqualTo("would update service " + STACK
                + "_api (environment, image changed; image not on this engine); leave " + STACK + "_proxy as it is");

        // Deploying the same project again changes nothing and converges at once.
        Object again = call(ctx, "deploy", "project", app, "timeout", Duration.ofMinutes(1));
        assertThat(list(again, "unchanged")).containsExactly(STACK + "_api", STACK + "_proxy");
        assertThat(list(again, "updated")).isEmpty();
        assertThat(list(again, "created")).isEmpty();
    }

    @Test
    @Order(2)
    void rollingUpdateToAGoodVersionLosesNoRequest() throws Exception {
        TestCallContext ctx = new TestCallContext(dir);
        VersionProbe client = new VersionProbe(port, Duration.ofMillis(20));
        Thread t = new Thread(client);
        t.start();
        try {
            client.awaitAnswers(3, Duration.ofSeconds(30), true);
            long start = System.nanoTime();
            Object svc = call(ctx, "update", "service", STACK + "_api", "image", DockerTestSupport.PREFIX + "-app:v2",
                    "env", Map.of("VERSION", "2"), "delay", Duration.ofMillis(500), "timeout", Duration.ofMinutes(2));
            System.err.println("update took " + (System.nanoTime() - start) / 1_000_000 + " ms");
            assertThat(((HostObject) svc).field("image")).isEqualTo(DockerTestSupport.PREFIX + "-app:v2");
            assertThat(((HostObject) svc).field("running")).isEqualTo(3L);
            client.awaitAnswers(3, Duration.ofSeconds(30), true);
        } finally {
            client.stop.set(true);
            t.join();
        }
        assertThat(client.failures).as("requests that failed during the update").isEmpty();
        assertThat(client.last).isEqualTo("2");
        assertThat(client.versions).containsKeys("1", "2");
    }

    @Test
    @Order(3)
    void scalesLogsAndRollsBackToThePreviousSpec() throws Exception {
        TestCallContext ctx = new TestCallContext(dir);
        Object scaled = call(ctx, "scale", "service", STACK + "_api", "replicas", 2L, "timeout", Duration.ofMinutes(1));
        assertThat(((HostObject) scaled).field("replicas")).isEqualTo(2L);
        assertThat(((HostObject) scaled).field("running")).isEqualTo(2L);
        // docker service rollback: the previous spec (3 replicas) back, through docker-java's transport.
        Object back = call(ctx, "rollback", "service", STACK + "_api", "timeout", Duration.ofMinutes(1));
        assertThat(((HostObject) back).field("replicas")).isEqualTo(3L);
        assertThat(((HostObject) back).field("running")).isEqualTo(3L);
        assertThat(ctx.lines("log")).contains("swarm: scaled service " + STACK + "_api to 2", "swarm: rolled back service " + STACK + "_api");
        assertThat((String) call(ctx, "logs", "service", STACK + "_api", "tail", 10L)).contains("started version 2");
    }

    @Test
    @Order(4)
    void aBrokenVersionRollsBackByItselfAndTheUpdateFailsNamingTheTask() throws Exception {
        TestCallContext ctx = new TestCallContext(dir);
        long start = System.nanoTime();
        GwrunError e = catchThrowableOfType(() -> call(ctx, "update", "service", STACK + "_api", "env", Map.of("BROKEN", "1"),
                "timeout", Duration.ofMinutes(2)), GwrunError.class);
        System.err.println("broken update took " + (System.nanoTime() - start) / 1_000_000 + " ms:\n" + (e == null ? null : e.getMessage()));
        assertThat(e).as("a broken update fails").isNotNull();
        assertThat(e.getMessage()).contains("service " + STACK + "_api rolled back").contains("task " + STACK + "_api.")
                .contains("last health check").contains("404");
        // Swarm put the previous spec back: three healthy tasks of version 2.
        Service api = docker.inspectServiceCmd(STACK + "_api").exec();
        assertThat(api.getSpec().getTaskTemplate().getContainerSpec().getEnv()).contains("VERSION=2").doesNotContain("BROKEN=1");
        List<Object> tasks = (List<Object>) call(ctx, "tasks", "service", STACK + "_api");
        assertThat(tasks).hasSize(3).allSatisfy(t -> assertThat(((HostObject) t).field("state")).isEqualTo("running"));
        assertThat(ctx.lines("log")).anySatisfy(l -> assertThat(l).contains("rolling back"));
    }

    @Test
    @Order(5)
    void aRunbookWhoseUpdateRollsBackExitsOneNamingTheFailingTask() throws Exception {
        String text = """
                runbook "release" {
                  param stack: string
                  let app = compose.project("app/compose.yaml")
                  step "deploy" { swarm.deploy(app, stack: stack, timeout: 2m) }
                  step "update" { swarm.update("${stack}_api", env: {"BROKEN": "1"}, timeout: 2m) }
                }
                """;
        Path file = dir.resolve("release.gwrun");
        Files.writeString(file, text);
        ParseResult<Runbook> parsed = Parsing.parseRunbook(new SourceFile(file.toString(), file, text));
        assertThat(parsed.ok()).as(parsed.diagnostics().toString()).isTrue();
        assertThat(new Checker(REGISTRY).check(parsed.ast()).stream().filter(Diagnostic::isError).toList()).isEmpty();
        List<Event> events = new ArrayList<>();
        RunOptions o = new RunOptions();
        o.sink = events::add;
        o.params = Map.of("stack", STACK);
        RunResult r = new RunEngine(REGISTRY).run(parsed.ast(), o);
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.error().getMessage()).contains("service " + STACK + "_api rolled back", "task " + STACK + "_api.", "unhealthy container");
        List<String> logs = events.stream().filter(e -> e instanceof Event.Log).map(e -> ((Event.Log) e).text()).toList();
        assertThat(logs).contains("swarm: updated service " + STACK + "_api (environment, image, update_config changed)")
                .anySatisfy(l -> assertThat(l).startsWith("swarm: " + STACK + "_api: rolling back"));
    }

    @Test
    @Order(6)
    void aOneOffTaskRunsOnceAndReturnsItsExitCodeAndOutput() throws Exception {
        TestCallContext ctx = new TestCallContext(dir);
        Object r = call(ctx, "run", "project", app, "service", "api", "cmd", "echo migrated $VERSION; echo careful >&2; exit 3", "check", false,
                "timeout", Duration.ofMinutes(1));
        assertThat(((HostObject) r).field("exit")).isEqualTo(3L);
        assertThat(((HostObject) r).field("stdout")).isEqualTo("migrated 1");
        assertThat(((HostObject) r).field("stderr")).isEqualTo("careful");
        assertThat(((HostObject) r).field("ok")).isEqualTo(false);
        // It reaches the stack's services on its network, and is gone afterwards.
        Object ok = call(ctx, "run", "project", app, "service", "api", "cmd", List.of("wget", "-q", "-O", "-", "http://proxy:8000/version"),
                "timeout", Duration.ofMinutes(1));
        // The runbook before deployed the project (version 1) again.
        assertThat(((HostObject) ok).field("stdout")).isEqualTo("1");
        assertThat(docker.listServicesCmd().exec()).noneMatch(s -> s.getSpec().getName().contains("_run_"));
    }

    @Test
    @Order(7)
    void aDeployWhoseImageNoNodeHasFailsInSecondsWithTheReason() throws Exception {
        TestCallContext ctx = new TestCallContext(dir);
        String stack = DockerTestSupport.PREFIX + "m";
        Map<String, Object> svc = new LinkedHashMap<>();
        svc.put("image", DockerTestSupport.PREFIX + "-nope:missing");
        ComposeProject missing = project(dir.resolve("missing"), stack, Map.of("web", svc));
        long start = System.nanoTime();
        GwrunError e = deployFails(ctx, missing, "missing image");
        long ms = (System.nanoTime() - start) / 1_000_000;
        assertThat(e.getMessage()).contains("task " + stack + "_web.1").contains("No such image").contains(DockerTestSupport.PREFIX + "-nope:missing");
        assertThat(ms).as("fails fast, not at the timeout").isLessThan(60_000);
        assertThat(call(ctx, "rm", "stack", stack)).asList().contains(stack + "_web", stack + "_default");
    }

    @Test
    @Order(8)
    void aTaskThatCannotStartOrCrashesRightAfterFailsTheDeployWithItsError() throws Exception {
        TestCallContext ctx = new TestCallContext(dir);
        String stack = DockerTestSupport.PREFIX + "x";
        Map<String, Object> svc = new LinkedHashMap<>();
        svc.put("image", image);
        svc.put("command", List.of("/no/such/program"));
        ComposeProject cannot = project(dir.resolve("cannot"), stack, Map.of("web", svc));
        GwrunError e = deployFails(ctx, cannot, "cannot start");
        assertThat(e.getMessage()).contains("task " + stack + "_web.1 failed", "starting container failed", "/no/such/program");
        call(ctx, "rm", "stack", stack);

        // Running at first, then exits: the monitor window after convergence catches it, with its logs.
        svc.put("command", List.of("sh", "-c", "echo starting; sleep 1; echo giving up >&2; exit 3"));
        ComposeProject crashes = project(dir.resolve("crashes"), stack, Map.of("web", svc));
        e = deployFails(ctx, crashes, "crashes");
        assertThat(e.getMessage()).contains("task " + stack + "_web.1 failed", "exit code 3", "giving up");
        call(ctx, "rm", "stack", stack);
    }

    @Test
    @Order(8)
    void aDeployNoNodeFitsFailsAfterAFewSecondsWithTheSchedulersReason() throws Exception {
        TestCallContext ctx = new TestCallContext(dir);
        String stack = DockerTestSupport.PREFIX + "p";
        Map<String, Object> svc = new LinkedHashMap<>();
        svc.put("image", image);
        svc.put("deploy", Map.of("placement", Map.of("constraints", List.of("node.labels.gwrun-test-surely-unset==yes"))));
        ComposeProject unplaceable = project(dir.resolve("unplaceable"), stack, Map.of("web", svc));
        long start = System.nanoTime();
        GwrunError e = deployFails(ctx, unplaceable, "unplaceable");
        long ms = (System.nanoTime() - start) / 1_000_000;
        assertThat(e.getMessage()).contains("task " + stack + "_web.1 stays pending", "no suitable node");
        assertThat(ms).isLessThan(60_000);
        call(ctx, "rm", "stack", stack);
    }

    @Test
    @Order(9)
    void secretsAndConfigsComeFromFilesAndAreNeverPrinted() throws Exception {
        TestCallContext ctx = new TestCallContext(dir);
        String stack = DockerTestSupport.PREFIX + "c";
        Path projectDir = dir.resolve("files");
        Files.createDirectories(projectDir);
        Files.writeString(projectDir.resolve("token.txt"), "s3cr3t-token-value\n");
        Files.writeString(projectDir.resolve("app.conf"), "level=debug\n");
        String yaml = "name: " + stack + "\n"
                + "services:\n"
                + "  web:\n"
                + "    image: " + image + "\n"
                + "    secrets: [token]\n"
                + "    configs: [{source: appconf, target: /etc/app.conf}]\n"
                + "secrets:\n  token: {file: ./token.txt}\n"
                + "configs:\n  appconf: {file: ./app.conf}\n";
        Path f = projectDir.resolve("compose.yaml");
        Files.writeString(f, yaml);
        ComposeProject p = ComposeProject.of(ComposeLoader.load(new LoadOptions(List.of(f), projectDir, List.of(), null, List.of(), Map.of())).project(), null);
        try {
            call(ctx, "deploy", "project", p, "timeout", Duration.ofMinutes(2));
            assertThat(docker.listSecretsCmd().exec()).anySatisfy(x -> assertThat(x.getSpec().getName()).isEqualTo(stack + "_token"));
            Object r = call(ctx, "run", "project", p, "service", "web", "cmd", "cat /run/secrets/token /etc/app.conf", "timeout", Duration.ofMinutes(1));
            assertThat(((HostObject) r).field("stdout")).isEqualTo("s3cr3t-token-value\nlevel=debug");
            assertThat(ctx.lines()).noneSatisfy(l -> assertThat(l.text()).contains("s3cr3t-token-value"));
            assertThat(ctx.lines("log")).contains("swarm: created secret " + stack + "_token (19 bytes)", "swarm: created config " + stack + "_appconf (12 bytes)");

            // A one-off task's own secrets: a file under /run/secrets, not in its environment, removed with the task.
            Object t = call(ctx, "run", "project", p, "service", "web", "cmd", "cat /run/secrets/DB_URL; echo; env",
                    "secrets", Map.of("DB_URL", "postgresql://app:pw-of-the-task@db/app"), "timeout", Duration.ofMinutes(1));
            String out = (String) ((HostObject) t).field("stdout");
            assertThat(out).startsWith("postgresql://app:pw-of-the-task@db/app\n").doesNotContain("DB_URL=");
            assertThat(ctx.lines()).noneSatisfy(l -> assertThat(l.text()).contains("pw-of-the-task"));
            assertThat(docker.listSecretsCmd().exec()).noneSatisfy(x -> assertThat(x.getSpec().getName()).contains("_run_"));
            GwrunError bad = catchThrowableOfType(() -> call(ctx, "run", "project", p, "service", "web",
                    "cmd", "true", "secrets", Map.of("../etc/passwd", "x"), "timeout", Duration.ofMinutes(1)), GwrunError.class);
            assertThat(bad.getMessage()).contains("secrets: '../etc/passwd' is not a file name for /run/secrets");
        } finally {
            List<Object> removed = (List<Object>) call(ctx, "rm", "stack", stack);
            assertThat(removed).contains(stack + "_web", stack + "_token", stack + "_appconf");
        }
    }

    @Test
    @Order(10)
    void rmRemovesTheStack() throws Exception {
        TestCallContext ctx = new TestCallContext(dir);
        List<Object> removed = (List<Object>) call(ctx, "rm", "stack", STACK);
        assertThat(removed).contains(STACK + "_api", STACK + "_proxy", STACK + "_default");
        assertThat(docker.listServicesCmd().withLabelFilter(Map.of(StackSpec.NAMESPACE, STACK)).exec()).isEmpty();
        assertThat(call(ctx, "rm", "stack", STACK)).asList().isEmpty();
    }

    @Test
    @Order(11)
    void pruneRemovesTheStacksServicesNoLongerInTheProjectAndPlanSaysSo() throws Exception {
        TestCallContext ctx = new TestCallContext(dir);
        String stack = STACK + "p";
        Map<String, Map<String, Object>> both = new LinkedHashMap<>();
        for (String name : List.of("keep", "gone")) {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("image", image);
            s.put("command", List.of("sh", "-c", "exec sleep 3600"));
            s.put("init", true);
            s.put("stop_grace_period", "1s");
            s.put("deploy", Map.of("replicas", 1, "endpoint_mode", "dnsrr", "placement", Map.of("constraints", List.of("node.role == manager"))));
            both.put(name, s);
        }
        Object first = call(ctx, "deploy", "project", project(dir.resolve("prune-1"), stack, both), "timeout", Duration.ofMinutes(1));
        assertThat(list(first, "created")).containsExactly(stack + "_keep", stack + "_gone");
        assertThat(list(first, "removed")).isEmpty();

        Map<String, Map<String, Object>> one = new LinkedHashMap<>(both);
        one.remove("gone");
        ComposeProject smaller = project(dir.resolve("prune-2"), stack, one);
        // Without prune, plan and deploy leave it running, as docker stack deploy does.
        assertThat(preview(ctx, smaller, "stack", stack)).isEqualTo("would change nothing in stack " + stack + "; leave " + stack + "_keep, "
                + stack + "_gone (not in the project) as they are");
        Object kept = call(ctx, "deploy", "project", smaller, "timeout", Duration.ofMinutes(1));
        assertThat(list(kept, "removed")).isEmpty();
        assertThat(docker.listServicesCmd().withNameFilter(List.of(stack + "_gone")).exec()).hasSize(1);

        assertThat(preview(ctx, smaller, "stack", stack, "prune", true)).isEqualTo("would remove service " + stack + "_gone (not in the project); leave "
                + stack + "_keep as it is");
        Object pruned = call(ctx, "deploy", "project", smaller, "prune", true, "timeout", Duration.ofMinutes(1));
        assertThat(list(pruned, "removed")).containsExactly(stack + "_gone");
        assertThat(list(pruned, "unchanged")).containsExactly(stack + "_keep");
        assertThat(ctx.lines("log")).contains("swarm: removed service " + stack + "_gone (not in the project)");
        assertThat(docker.listServicesCmd().withLabelFilter(Map.of(StackSpec.NAMESPACE, stack)).exec())
                .extracting(s -> s.getSpec().getName()).containsExactly(stack + "_keep");
        // Nothing left to prune: nothing removed, and the plan says nothing of it.
        assertThat(list(call(ctx, "deploy", "project", smaller, "prune", true, "timeout", Duration.ofMinutes(1)), "removed")).isEmpty();
        assertThat(preview(ctx, smaller, "stack", stack, "prune", true)).isEqualTo("would change nothing in stack " + stack + "; leave " + stack
                + "_keep as it is");
        call(ctx, "rm", "stack", stack);
    }

    // ---- helpers ----

    private static Map<String, Map<String, Object>> apiAndProxy(int port) {
        Map<String, Object> api = new LinkedHashMap<>();
        api.put("image", image);
        api.put("command", List.of("sh", "-c", RelayProxy.API));
        api.put("environment", Map.of("VERSION", "1"));
        api.put("restart", "always");
        api.put("stop_grace_period", "1s");
        api.put("healthcheck", Map.of("test", List.of("CMD-SHELL", "wget -q -O /dev/null http://127.0.0.1:8000/health"),
                "interval", "1s", "timeout", "2s", "retries", 2));
        // On the manager: a swarm with more nodes (SwarmNodesTest's) would put tasks where the image and the loopback port are not.
        Map<String, Object> onManager = Map.of("constraints", List.of("node.role == manager"));
        api.put("deploy", Map.of("replicas", 3, "endpoint_mode", "dnsrr", "placement", onManager,
                "update_config", Map.of("parallelism", 1, "delay", "1s", "order", "start-first", "failure_action", "rollback", "monitor", "2s"),
                "rollback_config", Map.of("parallelism", 0, "order", "start-first", "monitor", "1s"),
                "restart_policy", Map.of("condition", "any", "delay", "1s")));
        Map<String, Object> proxy = new LinkedHashMap<>();
        proxy.put("image", image);
        proxy.put("command", List.of("sh", "-c", RelayProxy.PROXY));
        proxy.put("stop_grace_period", "1s");
        proxy.put("ports", List.of(Map.of("target", 8000, "published", String.valueOf(port), "mode", "host")));
        proxy.put("deploy", Map.of("endpoint_mode", "dnsrr", "placement", onManager));
        Map<String, Map<String, Object>> services = new LinkedHashMap<>();
        services.put("api", api);
        services.put("proxy", proxy);
        return services;
    }

    /** A project loaded by the compose loader from a file written as JSON (which is YAML); $ escaped as $$. */
    private static ComposeProject project(Path projectDir, String name, Map<String, Map<String, Object>> services) throws IOException {
        Files.createDirectories(projectDir);
        Map<String, Object> file = new LinkedHashMap<>();
        file.put("name", name);
        file.put("services", services);
        String json = dev.gwrun.stdlib.docker.Engine.json().writeValueAsString(file).replace("$", "$$");
        Path f = projectDir.resolve("compose.yaml");
        Files.writeString(f, json);
        var p = ComposeLoader.load(new LoadOptions(List.of(f), projectDir, List.of(), null, List.of(), Map.of())).project();
        return ComposeProject.of(p, null);
    }

    private static String preview(TestCallContext ctx, ComposeProject p, Object... namesAndValues) throws Exception {
        HostFunction f = REGISTRY.function("swarm.deploy");
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("project", p);
        for (int i = 0; i < namesAndValues.length; i += 2) values.put((String) namesAndValues[i], namesAndValues[i + 1]);
        return ((dev.gwrun.host.PlanPreview) f).preview(new Args(f.signature(), values), ctx);
    }

    static Object call(TestCallContext ctx, String fn, Object... namesAndValues) throws Exception {
        HostFunction f = REGISTRY.function("swarm." + fn);
        assertThat(f).as("swarm." + fn).isNotNull();
        Map<String, Object> values = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) values.put((String) namesAndValues[i], namesAndValues[i + 1]);
        return f.call(new Args(f.signature(), values), ctx);
    }

    @SuppressWarnings("unchecked")
    /** Deploys a project that must fail within 3 minutes; returns the error, also printed for the log of a run. */
    private static GwrunError deployFails(TestCallContext ctx, ComposeProject p, String what) {
        long start = System.nanoTime();
        GwrunError e = catchThrowableOfType(() -> call(ctx, "deploy", "project", p, "timeout", Duration.ofMinutes(3)), GwrunError.class);
        System.err.println(what + " failed after " + (System.nanoTime() - start) / 1_000_000 + " ms: " + (e == null ? null : e.getMessage()));
        assertThat(e).as("%s: the deploy fails", what).isNotNull();
        return e;
    }

    private static List<Object> list(Object hostObject, String field) {
        return (List<Object>) ((HostObject) hostObject).field(field);
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
