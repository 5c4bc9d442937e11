package dev.gwrun.stdlib.compose;

import com.github.dockerjava.api.command.InspectContainerResponse;
import dev.gwrun.host.Args;
import dev.gwrun.host.Effect;
import dev.gwrun.host.HostFunction;
import dev.gwrun.host.PlanPreview;
import dev.gwrun.runtime.GwrunError;
import dev.gwrun.runtime.HostObject;
import dev.gwrun.stdlib.DockerTestSupport;
import dev.gwrun.stdlib.EngineModuleTest;
import dev.gwrun.stdlib.HostCalls;
import dev.gwrun.stdlib.TestCallContext;
import dev.gwrun.stdlib.compose.TestProjects.Svc;
import dev.gwrun.stdlib.compose.model.Network;
import dev.gwrun.stdlib.compose.model.Project;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The compose module called through the registry, as the interpreter calls it, against the real Docker Engine. */
@Timeout(120)
class ComposeModuleTest extends EngineModuleTest {
    ComposeModuleTest() {
        super("compose");
    }

    static Object call(TestCallContext ctx, String fn, Object... namesAndValues) throws Exception {
        return HostCalls.call(ctx, "compose." + fn, namesAndValues);
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object hostObject, String field) {
        return (List<Object>) ((HostObject) hostObject).field(field);
    }

    private static Svc svc(String name) {
        return new Svc(name, ENGINE.image());
    }

    private ComposeProject project(String suffix, Svc... services) {
        return ComposeProject.of(TestProjects.project(DockerTestSupport.name(suffix), dir, services), null);
    }

    private static InspectContainerResponse inspect(String name) {
        return ENGINE.client().inspectContainerCmd(name).exec();
    }

    private static String cli(String... args) throws IOException, InterruptedException {
        List<String> cmd = new java.util.ArrayList<>(List.of("docker"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        return out;
    }

    // ---- signatures ----

    @Test
    void readsAreReadsAndChangesAreChanges() {
        for (String read : List.of("project", "config", "services", "ps", "logs")) {
            assertThat(REGISTRY.function("compose." + read).signature().effect()).as(read).isEqualTo(Effect.READ);
        }
        for (String change : List.of("up", "down", "exec", "run", "pull", "build", "start", "stop", "restart", "rm", "rollout")) {
            assertThat(REGISTRY.function("compose." + change).signature().effect()).as(change).isEqualTo(Effect.CHANGE);
        }
        for (HostFunction f : REGISTRY.functions()) {
            if (f.signature().name().startsWith("compose.")) assertThat(f.signature().paramNames()).as(f.signature().name()).contains("engine");
        }
        assertThat(REGISTRY.function("compose.up")).isInstanceOf(PlanPreview.class);
        assertThat(REGISTRY.function("compose.up").signature().doc()).contains("wait defaults to true on purpose");
    }

    // ---- up: order, labels, names, idempotence, changes, scale ----

    /** Loads compose.yaml with this text through compose.project, as a runbook does; ${IMAGE} is the test image (from .env). */
    private ComposeProject load(String suffix, String yaml) throws Exception {
        java.nio.file.Files.writeString(dir.resolve("compose.yaml"), yaml);
        java.nio.file.Files.writeString(dir.resolve(".env"), "IMAGE=" + ENGINE.image() + "\n");
        return (ComposeProject) call("project", "files", "compose.yaml", "project_name", DockerTestSupport.name(suffix));
    }

    @Test
    void upStartsAHealthyChainAndAOneShotInDependencyOrderNamedAndLabelledAsComposeV2() throws Exception {
        ComposeProject p = load("chain", """
                services:
                  db:
                    image: ${IMAGE}
                    command: sh -c 'sleep 3600'
                    healthcheck:
                      # the first check takes a second and fails; only the one after it makes db healthy
                      test: test -e /tmp/ready || (sleep 1; touch /tmp/ready; exit 1)
                      interval: 200ms
                      retries: 2
                  migrate:
                    image: ${IMAGE}
                    command: [sh, -c, "echo migrating; sleep 1; echo migrated"]
                    depends_on:
                      db: {condition: service_healthy}
                  api:
                    image: ${IMAGE}
                    command: sh -c 'echo api up; sleep 3600'
                    healthcheck: {test: ["CMD", "true"], interval: 200ms}
                    depends_on:
                      db: {condition: service_healthy}
                      migrate: {condition: service_completed_successfully}
                    stop_grace_period: 1s
                  web:
                    image: ${IMAGE}
                    command: sh -c 'sleep 3600'
                    depends_on: [api]
                    stop_grace_period: 1s
                """);
        String name = p.project().name();
        Object up = call("up", "project", p);
        assertThat(list(up, "created")).containsExactlyInAnyOrder(name + "-db-1", name + "-migrate-1", name + "-api-1", name + "-web-1");

        InspectContainerResponse db = inspect(name + "-db-1");
        InspectContainerResponse migrate = inspect(name + "-migrate-1");
        InspectContainerResponse api = inspect(name + "-api-1");
        InspectContainerResponse web = inspect(name + "-web-1");
        // migrate's start waited for db to be healthy; api's for migrate to complete; web's for api to start.
        // db's first check takes a second and fails; only the one after it makes db healthy.
        assertThat(Instant.parse(migrate.getState().getStartedAt())).isAfter(Instant.parse(db.getState().getStartedAt()).plusSeconds(1));
        assertThat(migrate.getState().getExitCodeLong()).isZero();
        assertThat(Instant.parse(api.getState().getStartedAt())).isAfter(Instant.parse(migrate.getState().getFinishedAt()));
        assertThat(Instant.parse(web.getState().getStartedAt())).isAfter(Instant.parse(api.getState().getStartedAt()));
        // Their creation did not wait (as in Compose v2, which creates before it starts): api existed while migrate ran.
        assertThat(Instant.parse(api.getCreated())).isBefore(Instant.parse(migrate.getState().getFinishedAt()));
        assertThat(api.getState().getHealth().getStatus()).isEqualTo("healthy");

        Map<String, String> labels = api.getConfig().getLabels();
        assertThat(labels).containsEntry("com.docker.compose.project", name).containsEntry("com.docker.compose.service", "api")
                .containsEntry("com.docker.compose.container-number", "1").containsEntry("com.docker.compose.oneoff", "False")
                .containsEntry("com.docker.compose.project.working_dir", dir.toString())
                .containsEntry("com.docker.compose.project.config_files", dir.resolve("compose.yaml").toString())
                .containsEntry("com.docker.compose.depends_on", "db:service_healthy:false,migrate:service_completed_successfully:false")
                .containsEntry("com.docker.compose.image", ENGINE.client().inspectImageCmd(ENGINE.image()).exec().getId())
                .containsKeys("com.docker.compose.version");
        assertThat(labels.get("com.docker.compose.config-hash")).matches("[0-9a-f]{64}");
        assertThat(cli("ps", "-a", "--filter", "label=com.docker.compose.project=" + name, "--format", "{{.Names}}").lines().sorted().toList())
                .containsExactly(name + "-api-1", name + "-db-1", name + "-migrate-1", name + "-web-1");
        var net = ENGINE.client().inspectNetworkCmd().withNetworkId(name + "_default").exec();
        assertThat(net.getLabels()).containsEntry("com.docker.compose.project", name).containsEntry("com.docker.compose.network", "default");
        // Other services reach it by service name.
        Object lookup = call("exec", "project", p, "service", "web", "cmd", "nslookup api 127.0.0.11");
        assertThat((String) ((HostObject) lookup).field("stdout")).contains(api.getNetworkSettings().getNetworks().get(name + "_default").getIpAddress());
        assertThat(ctx.lines("log")).anyMatch(l -> l.equals("compose: network " + name + "_default created"))
                .anyMatch(l -> l.startsWith("compose: created " + name + "-api-1 (image " + ENGINE.image()));

        // Up again: nothing to do.
        Object again = call("up", "project", p);
        assertThat(list(again, "created")).isEmpty();
        assertThat(list(again, "recreated")).isEmpty();
        assertThat(list(again, "unchanged")).contains(name + "-db-1", name + "-api-1", name + "-web-1");
    }

    @Test
    void upRecreatesOnlyTheServiceWhoseConfigChangedAndScalesUpAndDown() throws Exception {
        Path d = dir;
        String name = DockerTestSupport.name("change");
        Svc api = svc("api").cmd("sleep 3600").env("MODE", "one");
        Svc worker = svc("worker").cmd("sleep 3600");
        ComposeProject p1 = ComposeProject.of(TestProjects.project(name, d, api, worker), null);
        call("up", "project", p1);
        String workerId = inspect(name + "-worker-1").getId();
        String apiId = inspect(name + "-api-1").getId();

        api.env("MODE", "two");
        ComposeProject p2 = ComposeProject.of(TestProjects.project(name, d, api, worker), null);
        Object up = call("up", "project", p2);
        assertThat(list(up, "recreated")).containsExactly(name + "-api-1");
        assertThat(list(up, "unchanged")).containsExactly(name + "-worker-1");
        assertThat(inspect(name + "-worker-1").getId()).isEqualTo(workerId);
        assertThat(inspect(name + "-api-1").getId()).isNotEqualTo(apiId);
        assertThat(inspect(name + "-api-1").getConfig().getEnv()).contains("MODE=two");
        assertThat(ctx.lines("log")).contains("compose: recreated " + name + "-api-1 (config changed: environment)");

        worker.replicas(3);
        Object scaledUp = call("up", "project", ComposeProject.of(TestProjects.project(name, d, api, worker), null));
        assertThat(list(scaledUp, "created")).containsExactly(name + "-worker-2", name + "-worker-3");
        worker.replicas(1);
        Object scaledDown = call("up", "project", ComposeProject.of(TestProjects.project(name, d, api, worker), null), "services", List.of("worker"));
        assertThat(list(scaledDown, "removed")).containsExactlyInAnyOrder(name + "-worker-2", name + "-worker-3");
        assertThat(list(scaledDown, "unchanged")).containsExactly(name + "-worker-1");
        assertThat(inspect(name + "-worker-1").getId()).isEqualTo(workerId);
    }

    // ---- wait: fail fast ----

    @Test
    void waitFailsFastWithTheExitCodeAndLogLinesOfAServiceThatExits() {
        ComposeProject p = project("exits",
                svc("ok").cmd("sleep 3600"),
                svc("bad").cmd("echo starting up; echo 'cannot open config' >&2; exit 3"));
        long start = System.nanoTime();
        GwrunError e = failure("up", "project", p, "timeout", Duration.ofMinutes(2));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(20));
        assertThat(e.getMessage()).contains("service 'bad'", "exited with code 3", "starting up", "cannot open config").doesNotContain("Exception");
    }

    @Test
    void aOneShotThatExitsZeroIsSuccessNotFailure() throws Exception {
        ComposeProject p = project("oneshot",
                svc("seed").cmd("echo seeded").restart("no"),
                svc("app").cmd("sleep 3600").dependsOn("seed", "service_completed_successfully"));
        Object up = call("up", "project", p);
        assertThat(list(up, "created")).hasSize(2);
        assertThat(inspect(p.project().name() + "-seed-1").getState().getExitCodeLong()).isZero();
    }

    @Test
    void anUnhealthyServiceFailsFastWithItsLastHealthCheck() {
        ComposeProject p = project("sick", svc("sick").cmd("sleep 3600").health("echo 'db unreachable'; exit 1"));
        long start = System.nanoTime();
        GwrunError e = failure("up", "project", p, "timeout", Duration.ofMinutes(2));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(20));
        assertThat(e.getMessage()).contains("service 'sick'", "unhealthy", "last health check (exit 1): db unreachable");
    }

    @Test
    void aFailedDependencyStopsItsDependentsNamingBoth() {
        ComposeProject p = project("depfail",
                svc("migrate").cmd("echo 'relation missing' >&2; exit 2"),
                svc("api").cmd("sleep 3600").dependsOn("migrate", "service_completed_successfully"));
        GwrunError e = failure("up", "project", p, "timeout", Duration.ofMinutes(2));
        assertThat(e.getMessage()).contains("service 'api' was not started", "'migrate' did not complete successfully", "code 2", "relation missing");
        assertThat(ENGINE.client().listContainersCmd().withShowAll(true).withNameFilter(List.of(p.project().name() + "-api-1")).exec()).isEmpty();
    }

    @Test
    void aWaitThatRunsOutOfTimeSaysWhatItLastSawAndCancellingStopsItAtOnce() throws Exception {
        Svc slow = svc("slow").cmd("sleep 3600");
        // Failed checks inside the start period do not count: it stays "starting".
        slow.healthcheck = new dev.gwrun.stdlib.compose.model.Healthcheck(List.of("CMD-SHELL", "echo still warming; exit 1"),
                Duration.ofMillis(200), Duration.ofSeconds(2), 3, Duration.ofMinutes(5), null, false);
        ComposeProject p = project("slow", slow);
        GwrunError timedOut = failure("up", "project", p, "timeout", Duration.ofSeconds(2));
        // What the last check said, once one has finished (on a loaded machine the first may take longer than the wait).
        assertThat(timedOut.getMessage()).startsWith("compose.up: not up after 2s: service 'slow': '" + p.project().name() + "-slow-1' is running, health: starting")
                .containsAnyOf("still warming", "no check has finished yet");

        TestCallContext cancellable = new TestCallContext(dir);
        java.util.concurrent.atomic.AtomicReference<Throwable> thrown = new java.util.concurrent.atomic.AtomicReference<>();
        Thread t = new Thread(() -> {
            try {
                call(cancellable, "up", "project", p, "force_recreate", true, "timeout", Duration.ofMinutes(2));
            } catch (Throwable e) {
                thrown.set(e);
            }
        });
        t.start();
        // Mid-recreate, most likely: while the old container gets its second to stop.
        Thread.sleep(700);
        long start = System.nanoTime();
        cancellable.cancellation().cancel(new GwrunError("interrupted", "interrupted"));
        t.join(10_000);
        assertThat(t.isAlive()).isFalse();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
        assertThat(thrown.get()).isInstanceOf(GwrunError.class);
        assertThat(((GwrunError) thrown.get()).isCancellation()).isTrue();
        // Wherever the cancellation hit the recreate, no container is left under a temporary name.
        assertThat(ENGINE.client().listContainersCmd().withShowAll(true).withLabelFilter(Map.of("com.docker.compose.project", p.project().name())).exec())
                .allSatisfy(c -> assertThat(c.getNames()[0]).isEqualTo("/" + p.project().name() + "-slow-1"));
    }

    // ---- exec, run, logs, ps, stop, start, restart, down ----

    @Test
    @SuppressWarnings("unchecked")
    void execRunLogsPsStopStartRestartAndDown() throws Exception {
        ComposeProject p = project("life",
                svc("app").cmd("echo hello from app; sleep 3600").env("GREETING", "hi").volume("data", "/data"),
                svc("side").cmd("sleep 3600"));
        String name = p.project().name();
        call("up", "project", p);

        Object exec = call("exec", "project", p, "service", "app", "cmd", "echo $GREETING > /data/x; cat /data/x; pwd", "workdir", "/tmp");
        assertThat(((HostObject) exec).field("stdout")).isEqualTo("hi\n/tmp");
        GwrunError noSuch = failure("exec", "project", p, "service", "app", "cmd", "true", "index", 2L);
        assertThat(noSuch.getMessage()).contains("service 'app' has no container number 2");

        Object run = call("run", "project", p, "service", "app", "cmd", List.of("sh", "-c", "cat /data/x; echo $EXTRA; exit 4"),
                "env", Map.of("EXTRA", "more"), "check", false);
        assertThat(((HostObject) run).field("exit")).isEqualTo(4L);
        assertThat(((HostObject) run).field("stdout")).isEqualTo("hi\nmore");
        assertThat(cli("ps", "-a", "--filter", "label=com.docker.compose.oneoff=True", "--filter", "label=com.docker.compose.project=" + name, "-q")).isBlank();

        assertThat((String) call("logs", "project", p, "services", List.of("app"))).isEqualTo(name + "-app-1 | hello from app");

        List<?> ps = (List<?>) call("ps", "project", p);
        assertThat(ps).hasSize(2);
        HostObject first = (HostObject) ps.get(0);
        assertThat(first.field("name")).isEqualTo(name + "-app-1");
        assertThat(first.field("service")).isEqualTo("app");
        assertThat(first.field("number")).isEqualTo(1L);
        assertThat(first.field("state")).isEqualTo("running");

        assertThat((List<Object>) call("stop", "project", p, "services", List.of("side"))).containsExactly(name + "-side-1");
        assertThat((List<Object>) call("ps", "project", p)).hasSize(1);
        assertThat((List<Object>) call("ps", "project", p, "all", true)).hasSize(2);
        assertThat((List<Object>) call("start", "project", p)).containsExactly(name + "-side-1");
        assertThat((List<Object>) call("restart", "project", p, "services", List.of("app"))).containsExactly(name + "-app-1");

        assertThat((List<Object>) call("down", "project", p, "volumes", true)).containsExactlyInAnyOrder(name + "-app-1", name + "-side-1");
        assertThat(ENGINE.client().listContainersCmd().withShowAll(true).withLabelFilter(Map.of("com.docker.compose.project", name)).exec()).isEmpty();
        assertThat(ENGINE.client().listNetworksCmd().withNameFilter(name + "_default").exec()).isEmpty();
        assertThat(ENGINE.client().listVolumesCmd().exec().getVolumes()).noneMatch(v -> v.getName().equals(name + "_data"));
        assertThat(ctx.lines("log")).contains("compose: volume " + name + "_data created", "compose: volume " + name + "_data removed");
    }

    @Test
    void environmentInterpolatesOverEnvFilesAndRmRemovesOneServiceOnly() throws Exception {
        java.nio.file.Files.writeString(dir.resolve("compose.yaml"), """
                services:
                  app:
                    image: ${IMAGE}
                    command: sh -c 'echo version $$VERSION; sleep 3600'
                    environment: {VERSION: "${VERSION:-none}"}
                  side:
                    image: ${IMAGE}
                    command: sleep 3600
                """);
        java.nio.file.Files.writeString(dir.resolve(".env"), "IMAGE=" + ENGINE.image() + "\nVERSION=from-env-file\n");
        String name = DockerTestSupport.name("envrm");
        ComposeProject p = (ComposeProject) call("project", "files", "compose.yaml", "project_name", name,
                "environment", Map.of("VERSION", "abc1234"));
        assertThat(p.project().service("app").environment()).containsEntry("VERSION", "abc1234");
        GwrunError notAMap = failure("project", "files", "compose.yaml", "environment", List.of("VERSION=x"));
        assertThat(notAMap.getMessage()).startsWith("compose.project: environment must be a map");
        call("up", "project", p);
        assertThat(inspect(name + "-app-1").getConfig().getEnv()).contains("VERSION=abc1234");

        assertThat((List<Object>) call("rm", "project", p, "services", List.of("app"))).containsExactly(name + "-app-1");
        assertThat(ENGINE.client().listContainersCmd().withShowAll(true).withLabelFilter(Map.of("com.docker.compose.project", name)).exec())
                .extracting(c -> c.getNames()[0]).containsExactly("/" + name + "-side-1");
        assertThat(ctx.lines("log")).contains("compose: removed " + name + "-app-1");
        assertThat((List<Object>) call("rm", "project", p, "services", List.of("app"))).isEmpty();
        // An empty list (a computed one, say) removes nothing, where no list at all means every service.
        assertThat((List<Object>) call("rm", "project", p, "services", List.of())).isEmpty();
        assertThat(ENGINE.client().listContainersCmd().withShowAll(true).withLabelFilter(Map.of("com.docker.compose.project", name)).exec()).hasSize(1);
        assertThat((List<Object>) call("rm", "project", p)).containsExactly(name + "-side-1");
        call("down", "project", p);
    }

    // ---- networks, errors ----

    @Test
    void anExternalNetworkMustExistAndIsNeverCreatedOrRemoved() throws Exception {
        String net = DockerTestSupport.name("ext-net");
        Network external = new Network("shared", net, null, Map.of(), true, false, false, null, Map.of(), Map.of());
        String name = DockerTestSupport.name("ext");
        Project model = TestProjects.project(name, dir, List.of(svc("app").cmd("sleep 3600").network("shared")), Map.of("shared", external));
        ComposeProject p = ComposeProject.of(model, null);
        GwrunError missing = failure("up", "project", p);
        assertThat(missing.getMessage()).isEqualTo("network '" + net + "' is declared external but does not exist (create it first, e.g. docker.network_create(\"" + net + "\"))");

        ENGINE.client().createNetworkCmd().withName(net).exec();
        call("up", "project", p);
        assertThat(inspect(name + "-app-1").getNetworkSettings().getNetworks()).containsKey(net);
        call("down", "project", p);
        assertThat(ENGINE.client().listNetworksCmd().withNameFilter(net).exec()).extracting(n -> n.getName()).contains(net);
    }

    @Test
    void aNameConflictAndAMissingImageAreOneLineNamingThem() throws Exception {
        String taken = DockerTestSupport.name("taken");
        ENGINE.client().createContainerCmd(ENGINE.image()).withName(taken).withCmd("true").exec();
        Svc fixed = svc("fixed").cmd("sleep 3600");
        fixed.containerName = taken;
        GwrunError conflict = failure("up", "project", project("conflict", fixed));
        assertThat(conflict.getMessage()).isEqualTo("a container '" + taken + "' already exists (remove or rename it first)");

        GwrunError noImage = failure("up", "project", project("noimage", new Svc("app", DockerTestSupport.name("absent") + ":1")));
        assertThat(noImage.getMessage()).startsWith("service 'app': image '" + DockerTestSupport.name("absent") + ":1' is not on the engine and could not be pulled")
                .doesNotContain("\n");
    }

    // ---- loading, profiles, settings ----

    @Test
    void aProjectThatDoesNotLoadIsOneErrorWithTheYamlFileLineAndExcerpt() {
        GwrunError e = catchThrowableOfType(() -> load("bad", """
                services:
                  api:
                    image: ${IMAGE}
                    imagee: typo
                """), GwrunError.class);
        assertThat(e.getMessage()).startsWith("compose.project: cannot load the project\n").contains("compose.yaml:4:").contains("^")
                .doesNotContain("Exception");
    }

    @Test
    @SuppressWarnings("unchecked")
    void aProfileDisabledServiceNamedExplicitlyIsEnabledAndTheOthersAreLeftAlone() throws Exception {
        ComposeProject p = load("profiles", """
                services:
                  app:
                    image: ${IMAGE}
                    command: sh -c 'sleep 3600'
                    stop_grace_period: 1s
                  debug:
                    image: ${IMAGE}
                    command: sh -c 'sleep 3600'
                    profiles: [tools]
                    stop_grace_period: 1s
                """);
        String name = p.project().name();
        assertThat(p.field("services")).isEqualTo(List.of("app"));
        assertThat(list(call("up", "project", p), "created")).containsExactly(name + "-app-1");
        Object tools = call("up", "project", p, "services", List.of("debug"));
        assertThat(list(tools, "created")).containsExactly(name + "-debug-1");
        assertThat(list(tools, "unchanged")).isEmpty();
        assertThat(inspect(name + "-debug-1").getNetworkSettings().getNetworks()).containsKey(name + "_default");
        assertThat((List<Object>) call("down", "project", p)).containsExactlyInAnyOrder(name + "-app-1", name + "-debug-1");
    }

    @Test
    void aNetworksSettingsReachTheEngine() throws Exception {
        // A subnet unlikely to be taken: 10.251.N.0/24 with N from this run's prefix.
        int n = Math.floorMod(DockerTestSupport.PREFIX.hashCode(), 200) + 20;
        ComposeProject p = load("nets", """
                services:
                  app:
                    image: ${IMAGE}
                    command: ["sh", "-c", "sleep 3600"]
                    networks: [back]
                networks:
                  back:
                    internal: true
                    attachable: true
                    labels: {tier: back}
                    driver_opts: {com.docker.network.bridge.enable_icc: "true"}
                    ipam:
                      config:
                        - subnet: 10.251.%d.0/24
                """.formatted(n));
        call("up", "project", p);
        var net = ENGINE.client().inspectNetworkCmd().withNetworkId(p.project().name() + "_back").exec();
        assertThat(net.getDriver()).isEqualTo("bridge");
        assertThat(net.getInternal()).isTrue();
        assertThat(net.isAttachable()).isTrue();
        assertThat(net.getLabels()).containsEntry("tier", "back").containsEntry("com.docker.compose.network", "back")
                .containsEntry("com.docker.compose.project", p.project().name());
        assertThat(net.getOptions()).containsEntry("com.docker.network.bridge.enable_icc", "true");
        assertThat(net.getIpam().getConfig()).extracting(c -> c.getSubnet()).containsExactly("10.251." + n + ".0/24");
        assertThat(inspect(p.project().name() + "-app-1").getNetworkSettings().getNetworks().get(p.project().name() + "_back").getIpAddress())
                .startsWith("10.251." + n + ".");
        call("down", "project", p);
    }

    @Test
    void theServiceSettingsReachTheContainer() throws Exception {
        int port = DockerTestSupport.freePort();
        java.nio.file.Files.createDirectories(dir.resolve("conf"));
        java.nio.file.Files.writeString(dir.resolve("conf/app.conf"), "from the host\n");
        ComposeProject p = load("settings", """
                services:
                  app:
                    image: ${IMAGE}
                    command: ["sh", "-c", "sleep 3600"]
                    environment: {LEVEL: debug}
                    labels: {team: payments}
                    ports: ["127.0.0.1:%d:80"]
                    init: true
                    user: "65534"
                    working_dir: /tmp
                    hostname: app-host
                    restart: unless-stopped
                    extra_hosts: ["db.internal:10.1.2.3"]
                    cap_add: [NET_ADMIN]
                    cap_drop: [MKNOD]
                    tmpfs: [/run]
                    mem_limit: 64m
                    oom_score_adj: 100
                    stop_signal: SIGINT
                    stop_grace_period: 2s
                    volumes:
                      - data:/data
                      - ./conf:/conf:ro
                volumes:
                  data: {}
                """.formatted(port));
        call("up", "project", p);
        InspectContainerResponse c = inspect(p.project().name() + "-app-1");
        assertThat(ctx.lines("log")).contains("compose: service app: gwrun does not apply oom_score_adj");
        assertThat(c.getConfig().getEnv()).contains("LEVEL=debug");
        assertThat(c.getConfig().getLabels()).containsEntry("team", "payments");
        assertThat(c.getConfig().getUser()).isEqualTo("65534");
        assertThat(c.getConfig().getWorkingDir()).isEqualTo("/tmp");
        assertThat(c.getConfig().getHostName()).isEqualTo("app-host");
        assertThat(c.getHostConfig().getInit()).isTrue();
        assertThat(c.getHostConfig().getRestartPolicy().getName()).isEqualTo("unless-stopped");
        assertThat(c.getHostConfig().getExtraHosts()).containsExactly("db.internal:10.1.2.3");
        assertThat(c.getHostConfig().getCapAdd()).extracting(Object::toString).containsExactly("NET_ADMIN");
        assertThat(c.getHostConfig().getTmpFs()).containsKey("/run");
        assertThat(c.getHostConfig().getMemory()).isEqualTo(64L * 1024 * 1024);
        assertThat(c.getHostConfig().getPortBindings().getBindings().values().iterator().next()[0].getHostPortSpec()).isEqualTo(String.valueOf(port));
        assertThat(c.getMounts()).extracting(m -> m.getDestination().getPath()).contains("/data", "/conf");
        Object cat = call("exec", "project", p, "service", "app", "cmd", "cat /conf/app.conf; touch /data/ok && echo writable", "user", "0");
        assertThat(((HostObject) cat).field("stdout")).isEqualTo("from the host\nwritable");
        assertThat(ENGINE.client().inspectVolumeCmd(p.project().name() + "_data").exec().getLabels())
                .containsEntry("com.docker.compose.project", p.project().name()).containsEntry("com.docker.compose.volume", "data");
        // Nothing changed: nothing recreated (the hash is stable across loads).
        ComposeProject again = (ComposeProject) call("project", "files", "compose.yaml", "project_name", p.project().name());
        assertThat(list(call("up", "project", again), "recreated")).isEmpty();
    }

    @Test
    @SuppressWarnings("unchecked")
    void buildsAServiceImageAndARebuiltImageRecreatesItsContainers() throws Exception {
        java.nio.file.Files.createDirectories(dir.resolve("app"));
        java.nio.file.Files.writeString(dir.resolve("app/Dockerfile"), "FROM " + ENGINE.image() + "\nRUN echo one > /built\nCMD [\"sh\", \"-c\", \"sleep 3600\"]\n");
        ComposeProject p = load("build", """
                services:
                  app:
                    build: ./app
                    stop_grace_period: 1s
                """);
        String name = p.project().name();
        assertThat(list(call("up", "project", p), "created")).containsExactly(name + "-app-1");
        assertThat(inspect(name + "-app-1").getConfig().getImage()).isEqualTo(name + "-app");
        assertThat(((HostObject) call("exec", "project", p, "service", "app", "cmd", "cat /built")).field("stdout")).isEqualTo("one");

        java.nio.file.Files.writeString(dir.resolve("app/Dockerfile"), "FROM " + ENGINE.image() + "\nRUN echo two > /built\nCMD [\"sh\", \"-c\", \"sleep 3600\"]\n");
        assertThat((List<Object>) call("build", "project", p)).containsExactly(name + "-app");
        Object up = call("up", "project", p);
        assertThat(list(up, "recreated")).containsExactly(name + "-app-1");
        assertThat(ctx.lines("log")).contains("compose: recreated " + name + "-app-1 (config changed: image)");
        assertThat(((HostObject) call("exec", "project", p, "service", "app", "cmd", "cat /built")).field("stdout")).isEqualTo("two");
    }

    @Test
    void aHostPortInUseIsOneLineNamingThePort() throws Exception {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0)) {
            ComposeProject p = project("portbusy", svc("web").cmd("sleep 3600").port(String.valueOf(taken.getLocalPort()), 80));
            GwrunError e = failure("up", "project", p);
            assertThat(e.getMessage()).isEqualTo("cannot start container '" + p.project().name() + "-web-1': host port " + taken.getLocalPort() + " is already in use");
            assertThat(ENGINE.client().listContainersCmd().withShowAll(true).withNameFilter(List.of(p.project().name() + "-web-1")).exec()).isEmpty();
        }
    }

    // ---- plan and completion ----

    @Test
    void planSaysWhatUpWouldDoWithoutDoingIt() throws Exception {
        ComposeProject p = project("plan", svc("app").cmd("sleep 3600"));
        String name = p.project().name();
        PlanPreview up = (PlanPreview) REGISTRY.function("compose.up");
        HostFunction f = REGISTRY.function("compose.up");
        String before = up.preview(new Args(f.signature(), Map.of("project", p)), ctx);
        assertThat(before).isEqualTo("would create network " + name + "_default, create " + name + "-app-1");
        assertThat(ENGINE.client().listNetworksCmd().withNameFilter(name + "_default").exec()).isEmpty();
        call("up", "project", p);
        assertThat(up.preview(new Args(f.signature(), Map.of("project", p)), ctx)).isEqualTo("would change nothing; leave " + name + "-app-1 as they are");
        assertThat(up.preview(new Args(f.signature(), Map.of("project", p, "force_recreate", true)), ctx))
                .isEqualTo("would recreate " + name + "-app-1 (forced)");
        HostFunction down = REGISTRY.function("compose.down");
        assertThat(((PlanPreview) down).preview(new Args(down.signature(), Map.of("project", p)), ctx))
                .isEqualTo("would remove " + name + "-app-1, network " + name + "_default");
        HostFunction rollout = REGISTRY.function("compose.rollout");
        assertThat(((PlanPreview) rollout).preview(new Args(rollout.signature(), Map.of("project", p, "service", "app")), ctx))
                .isEqualTo("would do nothing: " + name + "-app-1 already run this config and image");
        assertThat(((PlanPreview) rollout).preview(new Args(rollout.signature(), Map.of("project", p, "service", "app", "force", true)), ctx))
                .isEqualTo("would start " + name + "-app-2 beside " + name + "-app-1, then retire " + name + "-app-1");
        assertThat(inspect(name + "-app-1").getState().getRunning()).isTrue();
    }

    @Test
    void tabOffersTheServiceNamesOfTheProjectsLoadedLast() {
        project("tab", svc("frontend"), svc("backend"), svc("batch"));
        ComposeModule m = new ComposeModule();
        assertThat(m.candidates("compose.exec", "service", "ba")).contains("backend", "batch").doesNotContain("frontend");
        assertThat(m.candidates("compose.up", "services", "f")).contains("frontend");
        assertThat(m.candidates("compose.exec", "cmd", "")).isEmpty();
    }
}
