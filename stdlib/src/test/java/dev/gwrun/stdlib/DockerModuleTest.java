package dev.gwrun.stdlib;

import dev.gwrun.host.Effect;
import dev.gwrun.runtime.GwrunError;
import dev.gwrun.runtime.HostObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static dev.gwrun.stdlib.DockerTestSupport.freePort;
import static dev.gwrun.stdlib.DockerTestSupport.name;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The docker module called through the registry, as the interpreter calls it, against the real Docker Engine. */
@Timeout(120)
class DockerModuleTest extends EngineModuleTest {
    DockerModuleTest() {
        super("docker");
    }

    private static Object call(TestCallContext ctx, String fn, Object... namesAndValues) throws Exception {
        return HostCalls.call(ctx, "docker." + fn, namesAndValues);
    }

    private static String get(int port, String path) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    /** Polls docker.healthy as a wait would, returning how many polls it took. */
    private int waitHealthy(String container, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (int polls = 1; ; polls++) {
            if (Boolean.TRUE.equals(call("healthy", "name", container))) return polls;
            assertThat(System.nanoTime()).as(container + " healthy within " + timeout).isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    private static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) m.put((String) kv[i], kv[i + 1]);
        return m;
    }

    // ---- signatures ----

    @Test
    void readsAreReadsAndChangesAreChanges() {
        for (String read : List.of("inspect", "ps", "logs", "healthy", "exists", "image_exists", "images", "network_exists", "networks", "volume_exists", "volumes")) {
            assertThat(REGISTRY.function("docker." + read).signature().effect()).as(read).isEqualTo(Effect.READ);
        }
        for (String change : List.of("run", "start", "stop", "restart", "rm", "rename", "exec", "pull", "push", "tag", "rmi", "build",
                "network_create", "network_rm", "connect", "disconnect", "volume_create", "volume_rm")) {
            assertThat(REGISTRY.function("docker." + change).signature().effect()).as(change).isEqualTo(Effect.CHANGE);
            assertThat(REGISTRY.function("docker." + change).signature().paramNames()).as(change).contains("engine");
        }
    }

    // ---- the repl's live completions ----

    @Test
    void offersContainerImageNetworkAndVolumeNamesForTheArgumentsThatTakeThem() throws Exception {
        String c = name("tabbed");
        call("run", "name", c, "image", ENGINE.image(), "command", List.of("sleep", "30"));
        String net = name("tabnet");
        call("network_create", "name", net);
        dev.gwrun.stdlib.docker.DockerModule docker = new dev.gwrun.stdlib.docker.DockerModule();

        assertThat(docker.candidates("docker.logs", "name", DockerTestSupport.PREFIX)).contains(c);
        assertThat(docker.candidates("docker.rename", "old", c)).containsExactly(c);
        assertThat(docker.candidates("docker.run", "image", DockerTestSupport.PREFIX)).contains(ENGINE.image());
        assertThat(docker.candidates("docker.connect", "network", net)).containsExactly(net);
        assertThat(docker.candidates("docker.logs", "name", DockerTestSupport.PREFIX + "-no-such")).isEmpty();
        // A new container's name or an environment variable is not something to pick from a list.
        assertThat(docker.candidates("docker.run", "name", DockerTestSupport.PREFIX)).isEmpty();
        assertThat(docker.candidates("docker.logs", "tail", "")).isEmpty();
    }

    // ---- run and the container object ----

    @Test
    void runsWithPortsEnvVolumesLabelsCommandAndHealthcheck() throws Exception {
        String c = name("web");
        String vol = name("data");
        int port = freePort();
        HostObject web = (HostObject) call("run", "name", c, "image", ENGINE.image(),
                "ports", map(String.valueOf(port), "80"),
                "env", map("GREETING", "hello from env"),
                "volumes", map(vol, "/data"),
                "labels", map("gwrun.test", DockerTestSupport.PREFIX, "role", "web"),
                "command", List.of("sh", "-c", "mkdir -p /www && echo \"$GREETING\" > /www/index.html && echo kept > /data/file && exec httpd -f -p 80 -h /www"),
                "healthcheck", map("test", "wget -q -O /dev/null http://127.0.0.1/", "interval", Duration.ofMillis(100), "retries", 3L),
                "init", true);

        assertThat(web.typeName()).isEqualTo("docker container");
        assertThat(web.field("name")).isEqualTo(c);
        assertThat(web.field("image")).isEqualTo(ENGINE.image());
        assertThat(web.field("state")).isEqualTo("running");
        assertThat(web.field("ports")).isEqualTo(Map.of(String.valueOf(port), "80"));
        assertThat((String) web.field("ip")).matches("\\d+\\.\\d+\\.\\d+\\.\\d+");
        assertThat(web.field("labels")).isEqualTo(Map.of("gwrun.test", DockerTestSupport.PREFIX, "role", "web"));
        assertThat(ctx.lines("log")).containsExactly("docker: started " + c + " (" + ENGINE.image() + ") on :" + port);

        waitHealthy(c, Duration.ofSeconds(20));
        assertThat(((HostObject) call("inspect", "name", c)).field("health")).isEqualTo("healthy");
        assertThat(get(port, "/")).isEqualTo("hello from env\n");
        HostObject cat = (HostObject) call("exec", "name", c, "cmd", List.of("cat", "/data/file"));
        assertThat(cat.field("stdout")).isEqualTo("kept");
        assertThat((Boolean) call("volume_exists", "name", vol)).isTrue();

        List<?> byLabel = (List<?>) call("ps", "label", "gwrun.test=" + DockerTestSupport.PREFIX);
        assertThat(byLabel).extracting(o -> ((HostObject) o).field("name")).containsExactly(c);
        assertThat(((HostObject) byLabel.get(0)).field("ports")).isEqualTo(Map.of(String.valueOf(port), "80"));
    }

    @Test
    void acceptsPortsAsAListOfStrings() throws Exception {
        int port = freePort();
        HostObject c = (HostObject) call("run", "name", name("listports"), "image", ENGINE.image(), "ports", List.of(port + ":80"),
                "command", List.of("httpd", "-f", "-p", "80", "-h", "/"));
        assertThat(c.field("ports")).isEqualTo(Map.of(String.valueOf(port), "80"));
    }

    @Test
    void badArgumentsFailBeforeTheEngineIsTouched() {
        assertThat(failure("run", "name", name("bad"), "image", ENGINE.image(), "ports", List.of("8000")).getMessage())
                .isEqualTo("docker.run: port '8000' must read HOST:CONTAINER, e.g. \"8001:8000\"");
        assertThat(failure("run", "name", name("bad"), "image", ENGINE.image(), "restart", "sometimes").getMessage())
                .isEqualTo("docker.run: restart must be no, always, unless-stopped, on-failure or on-failure:N, got 'sometimes'");
        assertThat(failure("run", "name", name("bad"), "image", ENGINE.image(), "volumes", map("x", "relative/path")).getMessage())
                .isEqualTo("docker.run: the container path for volume 'x' must be absolute, got 'relative/path'");
        assertThat(failure("run", "name", name("bad"), "image", ENGINE.image(), "healthcheck", map("tset", "true")).getMessage())
                .isEqualTo("docker.run: healthcheck has no setting 'tset' (test, interval, timeout, retries, start_period)");
    }

    // ---- health ----

    @Test
    void healthyIsFalseWhileStartingAndTrueOnceTheCheckPasses() throws Exception {
        String c = name("slow");
        // The check passes only once /tmp/ready exists, two seconds in; failures within start_period do not count.
        call("run", "name", c, "image", ENGINE.image(), "command", List.of("sh", "-c", "sleep 2; touch /tmp/ready; sleep 3600"),
                "healthcheck", map("test", "test -f /tmp/ready", "interval", Duration.ofMillis(100), "start_period", Duration.ofSeconds(30)));
        assertThat(call("healthy", "name", c)).isEqualTo(false);
        assertThat(((HostObject) call("inspect", "name", c)).field("health")).isEqualTo("starting");
        assertThat(waitHealthy(c, Duration.ofSeconds(20))).isGreaterThan(1);
    }

    @Test
    void withoutAHealthcheckRunningIsHealthy() throws Exception {
        String c = name("plain");
        call("run", "name", c, "image", ENGINE.image());
        assertThat(call("healthy", "name", c)).isEqualTo(true);
        assertThat(((HostObject) call("inspect", "name", c)).field("health")).isEqualTo("none");
    }

    /** Polls docker.healthy on container {@code c} every {@code pauseMillis} until it fails (within 20s), conclusively. */
    private GwrunError conclusiveHealthFailure(String c, long pauseMillis) throws InterruptedException {
        GwrunError e = null;
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (e == null && System.nanoTime() < deadline) {
            e = catchThrowableOfType(() -> call("healthy", "name", c), GwrunError.class);
            if (e == null) Thread.sleep(pauseMillis);
        }
        assertThat(e).as("docker.healthy failed within 20s").isNotNull();
        assertThat(e.isConclusive()).isTrue();
        return e;
    }

    @Test
    void anExitedContainerIsAConclusiveFailureWithExitCodeAndLogs() throws Exception {
        String c = name("crash");
        call("run", "name", c, "image", ENGINE.image(), "command", List.of("sh", "-c", "for i in $(seq 1 30); do echo line $i; done; sleep 0.3; echo fatal: no config >&2; exit 3"));
        GwrunError e = conclusiveHealthFailure(c, 50);
        String[] lines = e.getMessage().split("\n");
        assertThat(lines[0]).isEqualTo("container '" + c + "' exited with code 3");
        assertThat(lines[1]).isEqualTo("last 20 log lines:");
        assertThat(lines).hasSize(22).contains("  fatal: no config", "  line 30").doesNotContain("  line 10");
    }

    @Test
    void aCrashLoopUnderARestartPolicyIsConclusiveToo() throws Exception {
        String c = name("loop");
        call("run", "name", c, "image", ENGINE.image(), "restart", "always", "command", List.of("sh", "-c", "echo booting; exit 5"));
        GwrunError e = conclusiveHealthFailure(c, 20); // often enough to see it between restarts
        assertThat(e.getMessage()).startsWith("container '" + c + "' keeps exiting (restarting; last exit code 5)").contains("  booting");
    }

    @Test
    void anUnhealthyContainerIsAConclusiveFailureWithTheLastCheckOutput() throws Exception {
        String c = name("sick");
        call("run", "name", c, "image", ENGINE.image(), "command", List.of("sh", "-c", "echo serving; sleep 3600"),
                "healthcheck", map("test", "echo database unreachable; exit 1", "interval", Duration.ofMillis(100), "retries", 2L));
        GwrunError e = conclusiveHealthFailure(c, 50);
        assertThat(e.getMessage()).startsWith("container '" + c + "' is unhealthy (state running, ")
                .contains("\nlast health check (exit 1): database unreachable\n")
                .endsWith("last 20 log lines:\n  serving");
    }

    // ---- clear errors ----

    @Test
    void aMissingImageNamesTheImage() {
        String ref = DockerTestSupport.PREFIX + "-missing:1";
        GwrunError e = failure("run", "name", name("noimage"), "image", ref);
        assertThat(e.getMessage()).startsWith("cannot run container '" + name("noimage") + "': image '" + ref + "' is not on the engine and could not be pulled: ");
        assertThat(e.getMessage()).doesNotContain("\n").doesNotContain("Exception");
        assertThat(failure("run", "name", name("noimage"), "image", ref, "pull", "never").getMessage())
                .isEqualTo("cannot run container '" + name("noimage") + "': image '" + ref + "' is not on the engine (pull: \"never\")");
    }

    @Test
    void aNameConflictNamesTheContainer() throws Exception {
        String c = name("twice");
        call("run", "name", c, "image", ENGINE.image());
        assertThat(failure("run", "name", c, "image", ENGINE.image()).getMessage())
                .isEqualTo("a container '" + c + "' already exists (remove or rename it first)");
    }

    @Test
    void aPortInUseNamesThePortAndLeavesNoContainerBehind() throws Exception {
        try (ServerSocket taken = new ServerSocket(0)) {
            int port = taken.getLocalPort();
            String c = name("portclash");
            GwrunError e = failure("run", "name", c, "image", ENGINE.image(), "ports", map(String.valueOf(port), "80"));
            assertThat(e.getMessage()).isEqualTo("cannot start container '" + c + "': host port " + port + " is already in use");
            assertThat(call("exists", "name", c)).isEqualTo(false);
        }
    }

    @Test
    void anUnreachableEngineSaysSoInOneLine() throws Exception {
        TestCallContext bogus = new TestCallContext(dir, Map.of("DOCKER_HOST", "unix:///nonexistent/docker.sock"));
        GwrunError e = catchThrowableOfType(() -> call(bogus, "ps"), GwrunError.class);
        assertThat(e.getMessage()).isEqualTo("cannot reach the Docker Engine at unix:///nonexistent/docker.sock: no engine socket there"
                + " (is dockerd running? DOCKER_HOST or docker.engine(…) choose another engine)");

        int closed = freePort();
        Object engine = call("engine", "host", "tcp://127.0.0.1:" + closed);
        assertThat(((HostObject) engine).field("host")).isEqualTo("tcp://127.0.0.1:" + closed);
        GwrunError viaHandle = catchThrowableOfType(() -> call("inspect", "name", "anything", "engine", engine), GwrunError.class);
        assertThat(viaHandle.getMessage()).startsWith("cannot reach the Docker Engine at tcp://127.0.0.1:" + closed + ": connection refused");
    }

    @Test
    void aMissingContainerIsNamed() {
        assertThat(failure("inspect", "name", name("ghost")).getMessage()).isEqualTo("no container '" + name("ghost") + "'");
        assertThat(failure("stop", "name", name("ghost")).getMessage()).isEqualTo("no container '" + name("ghost") + "'");
    }

    // ---- exec, logs, rename, lifecycle ----

    @Test
    void execReturnsExitStdoutAndStderr() throws Exception {
        String c = name("exec");
        call("run", "name", c, "image", ENGINE.image());
        HostObject r = (HostObject) call("exec", "name", c, "cmd", "echo out; echo err >&2; exit 4", "check", false);
        assertThat(r.field("exit")).isEqualTo(4L);
        assertThat(r.field("stdout")).isEqualTo("out");
        assertThat(r.field("stderr")).isEqualTo("err");
        assertThat(r.field("ok")).isEqualTo(false);
        assertThat(failure("exec", "name", c, "cmd", List.of("sh", "-c", "echo nope >&2; exit 2")).getMessage())
                .isEqualTo("exec in container '" + c + "' exited with 2: sh -c echo nope >&2; exit 2 (nope)");
    }

    @Test
    void logsTail() throws Exception {
        String c = name("logs");
        call("run", "name", c, "image", ENGINE.image(), "command", List.of("sh", "-c", "for i in 1 2 3 4 5; do echo l$i; done; sleep 3600"));
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!((String) call("logs", "name", c)).contains("l5") && System.nanoTime() < deadline) Thread.sleep(50);
        assertThat(call("logs", "name", c)).isEqualTo("l1\nl2\nl3\nl4\nl5");
        assertThat(call("logs", "name", c, "tail", 2L)).isEqualTo("l4\nl5");
        assertThat(call("logs", "name", c, "since", Duration.ofMinutes(5))).isEqualTo("l1\nl2\nl3\nl4\nl5");
    }

    @Test
    void aHugeLogIsKeptAsItsBeginningAndEnd() throws Exception {
        String c = name("chatty");
        // 10 MiB of output on one line, then a last line: more than the 4 + 4 MiB a call keeps.
        call("run", "name", c, "image", ENGINE.image(), "command",
                List.of("sh", "-c", "printf BEGIN; head -c 10485760 /dev/zero | tr '\\0' x; echo END; echo last line; sleep 3600"));
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        String logs = (String) call("logs", "name", c);
        while (!logs.endsWith("last line") && System.nanoTime() < deadline) {
            Thread.sleep(200);
            logs = (String) call("logs", "name", c);
        }
        long total = "BEGIN".length() + 10485760 + "END\n".length() + "last line\n".length();
        assertThat(logs).startsWith("BEGINxxx").endsWith("xxxEND\nlast line")
                .contains("\n… [" + (total - OutputCapture.HEAD - OutputCapture.TAIL) + " characters left out] …\n");
    }

    @Test
    void renameStopStartRestartAndRm() throws Exception {
        String old = name("old");
        String renamed = name("new");
        call("run", "name", old, "image", ENGINE.image());
        assertThat(((HostObject) call("rename", "old", old, "new", renamed)).field("name")).isEqualTo(renamed);
        assertThat(call("exists", "name", old)).isEqualTo(false);
        assertThat(call("exists", "name", renamed)).isEqualTo(true);
        assertThat(((HostObject) call("stop", "name", renamed, "timeout", Duration.ofSeconds(1))).field("state")).isEqualTo("exited");
        assertThat(((HostObject) call("start", "name", renamed)).field("state")).isEqualTo("running");
        assertThat(((HostObject) call("restart", "name", renamed, "timeout", Duration.ZERO)).field("state")).isEqualTo("running");
        assertThat(failure("rm", "name", renamed).getMessage()).isEqualTo("cannot remove container '" + renamed + "': it is running (stop it first, or pass force: true)");
        assertThat(call("rm", "name", renamed, "force", true)).isEqualTo(true);
        assertThat(call("rm", "name", renamed, "force", true)).isEqualTo(false);
        assertThat(ctx.lines("log")).contains("docker: renamed " + old + " to " + renamed, "docker: removed " + renamed + " (forced)");
    }

    @Test
    void cancellingALongExecStopsItPromptly() throws Exception {
        String c = name("cancel");
        call("run", "name", c, "image", ENGINE.image());
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        try {
            timer.schedule(() -> ctx.cancellation().cancel(new GwrunError("timeout", "step timed out after 300ms")), 300, TimeUnit.MILLISECONDS);
            long start = System.nanoTime();
            GwrunError e = failure("exec", "name", c, "cmd", List.of("sleep", "30"));
            assertThat(e.getMessage()).isEqualTo("step timed out after 300ms");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
            assertThat(Thread.currentThread().isInterrupted()).isFalse();
        } finally {
            timer.shutdownNow();
        }
    }

    // ---- networks and volumes ----

    @Test
    void networksAndVolumes() throws Exception {
        String net = name("net");
        String vol = name("vol");
        assertThat(((HostObject) call("network_create", "name", net, "labels", map("gwrun.test", "1"))).field("name")).isEqualTo(net);
        assertThat(((HostObject) call("network_create", "name", net)).field("name")).as("creating twice is fine").isEqualTo(net);
        assertThat(call("network_exists", "name", net)).isEqualTo(true);
        assertThat((List<?>) call("networks", "label", "gwrun.test")).extracting(o -> ((HostObject) o).field("name")).contains(net);

        String server = name("server");
        String client = name("client");
        call("run", "name", server, "image", ENGINE.image(), "network", net, "command", List.of("sh", "-c", "echo pong > /index.html; exec httpd -f -p 80 -h /"));
        call("run", "name", client, "image", ENGINE.image());
        call("connect", "network", net, "container", client, "aliases", List.of("probe"));
        HostObject r = (HostObject) call("exec", "name", client, "cmd", "wget -q -O- http://" + server + "/");
        assertThat(r.field("stdout")).isEqualTo("pong");
        call("disconnect", "network", net, "container", client);

        assertThat(((HostObject) call("volume_create", "name", vol, "labels", map("gwrun.test", "1"))).field("name")).isEqualTo(vol);
        assertThat(call("volume_exists", "name", vol)).isEqualTo(true);
        assertThat((List<?>) call("volumes", "label", "gwrun.test=1")).extracting(o -> ((HostObject) o).field("name")).contains(vol);

        call("rm", "name", server, "force", true);
        call("rm", "name", client, "force", true);
        removesOnce("network_rm", "network_exists", "name", net);
        removesOnce("volume_rm", "volume_exists", "name", vol);
    }

    /** {@code rm} removes the object (true), {@code exists} no longer finds it, and removing it again answers false. */
    private void removesOnce(String rm, String exists, String param, String value) throws Exception {
        assertThat(call(rm, param, value)).isEqualTo(true);
        assertThat(call(exists, param, value)).isEqualTo(false);
        assertThat(call(rm, param, value)).isEqualTo(false);
    }

    // ---- images ----

    @Test
    @SuppressWarnings("unchecked")
    void buildWithBuildArgsThenTagImagesAndRmi() throws Exception {
        Path context = DockerTestSupport.busyboxContext("FROM scratch\nCOPY busybox /bin/busybox\nARG VERSION=unset\n"
                + "RUN [\"/bin/busybox\", \"sh\", \"-c\", \"echo $VERSION > /version\"]\nCMD [\"/bin/busybox\", \"cat\", \"/version\"]\n");
        Files.move(context.resolve("Dockerfile"), context.resolve("App.dockerfile"));
        String ref = DockerTestSupport.PREFIX + "-app:abc1234";
        String id = (String) call("build", "context", context.toString(), "dockerfile", "App.dockerfile", "tag", ref, "build_args", map("VERSION", "abc1234"));
        assertThat(id).isNotBlank();
        assertThat(ctx.lines("log")).anyMatch(l -> l.startsWith("docker: built " + ref + " ("));
        assertThat(call("image_exists", "ref", ref)).isEqualTo(true);

        String prod = DockerTestSupport.PREFIX + "-app:prod";
        call("tag", "source", ref, "target", prod);
        List<?> images = (List<?>) call("images", "reference", DockerTestSupport.PREFIX + "-app");
        assertThat(images).hasSize(1);
        assertThat((List<Object>) ((HostObject) images.get(0)).field("tags")).containsExactlyInAnyOrder(ref, prod);

        String c = name("version");
        call("run", "name", c, "image", prod);
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!"exited".equals(((HostObject) call("inspect", "name", c)).field("state")) && System.nanoTime() < deadline) Thread.sleep(50);
        assertThat(call("logs", "name", c)).isEqualTo("abc1234");
        call("rm", "name", c);

        removesOnce("rmi", "image_exists", "ref", prod);
        assertThat(call("image_exists", "ref", ref)).isEqualTo(true);
        removesOnce("rmi", "image_exists", "ref", ref);
    }

    @Test
    void aFailedBuildSaysWhy() throws Exception {
        // Failing in the first step leaves no intermediate layer behind; the failed container is removed (forcerm).
        Path context = DockerTestSupport.busyboxContext("FROM scratch\nRUN [\"/no/such/program\"]\n");
        GwrunError e = failure("build", "context", context.toString(), "tag", DockerTestSupport.PREFIX + "-broken:1");
        assertThat(e.getMessage()).startsWith("cannot build image '" + DockerTestSupport.PREFIX + "-broken:1': ")
                .contains("/no/such/program").doesNotContain("\n");
    }

    @Test
    void pullingFromAnUnreachableRegistryFailsClearly() {
        GwrunError e = failure("pull", "ref", "127.0.0.1:1/" + DockerTestSupport.PREFIX + "/nothing:1");
        assertThat(e.getMessage()).startsWith("cannot pull image '127.0.0.1:1/" + DockerTestSupport.PREFIX + "/nothing:1': ").doesNotContain("\n");
    }
}
