package dev.gwrun.stdlib.compose;

import dev.gwrun.runtime.GwrunError;
import dev.gwrun.stdlib.DockerTestSupport;
import dev.gwrun.stdlib.EngineModuleTest;
import dev.gwrun.stdlib.HostCalls;
import dev.gwrun.stdlib.RelayProxy;
import dev.gwrun.stdlib.TestCallContext;
import dev.gwrun.stdlib.VersionProbe;
import dev.gwrun.stdlib.compose.TestProjects.Svc;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import static dev.gwrun.stdlib.compose.ComposeModuleTest.list;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * compose.rollout against the real engine: a client loops requests through a proxy container that reaches
 * the service by its name on the project network (as a front proxy does), and counts every failed one.
 */
@Timeout(150)
class ComposeRolloutTest extends EngineModuleTest {
    ComposeRolloutTest() {
        super("compose");
    }

    /**
     * RelayProxy's API, which on SIGTERM first asks the proxy for /version and writes whether it got through
     * to /out/&lt;its hostname&gt; (a volume the new containers share): what an app's graceful shutdown needs.
     */
    private static final String API = "mkdir -p /www /out; echo $VERSION > /www/version; if [ -z \"$BROKEN\" ]; then echo ok > /www/health; fi;"
            + " trap 'if wget -q -O /dev/null http://proxy:8000/version; then echo reached; else echo cut; fi > /out/$(hostname); kill $pid; exit 0' TERM;"
            + " echo started version $VERSION; httpd -f -p 8000 -h /www & pid=$!; wait";

    private ComposeProject project(String name, int port, String version, boolean broken) {
        Svc api = new Svc("api", ENGINE.image()).cmd(API).env("VERSION", version).health("wget -q -O /dev/null http://127.0.0.1:8000/health").replicas(2)
                .volume("out", "/out");
        api.stopGrace = Duration.ofSeconds(10);
        if (broken) api.env("BROKEN", "1");
        Svc proxy = new Svc("proxy", ENGINE.image()).cmd(RelayProxy.PROXY).port(String.valueOf(port), 8000).dependsOn("api", "service_healthy");
        return ComposeProject.of(TestProjects.project(name, dir, api, proxy), null);
    }

    @Test
    void rollsOutWithZeroFailedRequestsAndAFailedRolloutLeavesTheOldServing() throws Exception {
        String name = DockerTestSupport.name("roll");
        int port = DockerTestSupport.freePort();
        call("up", "project", project(name, port, "v1", false));
        VersionProbe client = new VersionProbe(port, Duration.ofMillis(10));
        Thread t = new Thread(client, "rollout-client");
        t.start();
        try {
            client.awaitAnswers(5, Duration.ofSeconds(20), false);

            // The rollout runs beside this thread, which looks at an old container during the drain.
            TestCallContext side = new TestCallContext(dir);
            String oldIp = (String) field(HostCalls.call(side, "docker.inspect", "name", name + "-api-1"), "ip");
            AtomicReference<Object> rolled = new AtomicReference<>();
            AtomicReference<Exception> rollFailed = new AtomicReference<>();
            Thread rolling = new Thread(() -> {
                try {
                    rolled.set(call("rollout", "project", project(name, port, "v2", false), "service", "api",
                            "probe", "wget -q -O- http://127.0.0.1:8000/version | grep -q v2", "drain", Duration.ofSeconds(4)));
                } catch (Exception e) {
                    rollFailed.set(e);
                }
            }, "rollout");
            rolling.start();
            long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (aliases(name + "-api-1", name + "_default").contains("api") || aliases(name + "-api-1", name + "_default").isEmpty()) {
                assertThat(System.nanoTime()).as("api-1 leaves the service name").isLessThan(until);
                assertThat(rollFailed.get()).isNull();
                Thread.sleep(50);
            }
            // In the drain: out of the service name, on the network under its own name, at the address it had.
            assertThat(aliases(name + "-api-1", name + "_default")).contains(name + "-api-1").doesNotContain("api");
            assertThat(field(HostCalls.call(side, "docker.inspect", "name", name + "-api-1"), "ip")).isEqualTo(oldIp);
            String lookup = (String) field(HostCalls.call(side, "docker.exec", "name", name + "-proxy-1", "cmd", "nslookup api 127.0.0.11"), "stdout");
            assertThat(lookup.lines()).anyMatch(l -> l.startsWith("Address")).noneMatch(l -> l.strip().endsWith(" " + oldIp));
            assertThat((String) field(HostCalls.call(side, "docker.exec", "name", name + "-proxy-1",
                    "cmd", "wget -q -O- http://" + name + "-api-1:8000/version"), "stdout")).isEqualTo("v1");
            rolling.join();
            if (rollFailed.get() != null) throw rollFailed.get();
            Object done = rolled.get();
            assertThat(list(done, "old")).containsExactly(name + "-api-1", name + "-api-2");
            assertThat(list(done, "new")).containsExactly(name + "-api-3", name + "-api-4");
            // The old ones left the service name but not the network: their shutdown reached the proxy (and through it, the service).
            Object shutdowns = call("exec", "project", project(name, port, "v2", false), "service", "api", "index", 3L, "cmd", "cat /out/*");
            assertThat(((String) ((dev.gwrun.runtime.HostObject) shutdowns).field("stdout")).lines()).containsExactly("reached", "reached");
            assertThat(ctx.lines("log")).contains("compose: rollout api: " + name + "-api-1, " + name + "-api-2 out of the service name; they stop in 4s");
            client.awaitAnswers(10, Duration.ofSeconds(20), false);
            assertThat(client.last).isEqualTo("v2");
            assertThat(client.versions).containsKeys("v1", "v2");
            assertThat(ctx.lines("log")).contains("compose: rollout api: retired " + name + "-api-1");
            Object again = call("rollout", "project", project(name, port, "v2", false), "service", "api");
            assertThat(list(again, "new")).isEmpty();
            assertThat(list(again, "old")).isEmpty();

            GwrunError failed = catchThrowableOfType(() -> call("rollout", "project", project(name, port, "v3", true), "service", "api",
                    "timeout", Duration.ofSeconds(30)), GwrunError.class);
            assertThat(failed).isNotNull();
            assertThat(failed.getMessage()).contains("service 'api' was not rolled out; [" + name + "-api-3, " + name + "-api-4] keep serving",
                    "unhealthy", "last health check");
            client.awaitAnswers(10, Duration.ofSeconds(20), false);
            assertThat(client.last).isEqualTo("v2");
        } finally {
            client.stop.set(true);
            t.join();
        }
        assertThat(client.failures).as("failed requests during the rollouts").isEmpty();
        List<?> ps = (List<?>) call("ps", "project", project(name, port, "v2", false), "services", List.of("api"), "all", true);
        assertThat(ps).extracting(c -> ((dev.gwrun.runtime.HostObject) c).field("name")).containsExactly(name + "-api-3", name + "-api-4");
        call("down", "project", project(name, port, "v2", false), "volumes", true);
    }

    private static Object field(Object hostObject, String name) {
        return ((dev.gwrun.runtime.HostObject) hostObject).field(name);
    }

    /** The container's aliases on a network; empty while it is not on it. */
    private static List<String> aliases(String container, String network) {
        var n = DockerTestSupport.requireEngine().inspectContainerCmd(container).exec().getNetworkSettings().getNetworks().get(network);
        return n == null || n.getAliases() == null ? List.of() : n.getAliases();
    }

    @Test
    void rollsOutAServiceOnTheDefaultBridgeWhichHasNoNamesToTake() throws Exception {
        Svc worker = new Svc("worker", ENGINE.image()).cmd("echo $VERSION; exec sleep 3600").env("VERSION", "v1");
        worker.networkMode = "bridge";
        String name = DockerTestSupport.name("rollbridge");
        call("up", "project", ComposeProject.of(TestProjects.project(name, dir, worker), null));
        worker.env("VERSION", "v2");
        Object done = call("rollout", "project", ComposeProject.of(TestProjects.project(name, dir, worker), null), "service", "worker");
        assertThat(list(done, "old")).containsExactly(name + "-worker-1");
        assertThat(list(done, "new")).containsExactly(name + "-worker-2");
        assertThat(ctx.lines("log")).contains("compose: rollout worker: retired " + name + "-worker-1").noneMatch(l -> l.contains("stops without"));
        assertThat(aliases(name + "-worker-2", "bridge")).isEmpty();
        call("down", "project", ComposeProject.of(TestProjects.project(name, dir, worker), null));
    }

    @Test
    void refusesAServiceWithAFixedAddressWhichTwoContainersCannotHold() {
        Svc db = new Svc("db", ENGINE.image()).cmd("sleep 3600");
        db.networks.put("default", new dev.gwrun.stdlib.compose.model.ServiceNetwork(null, "172.30.9.5", null, null));
        ComposeProject p = ComposeProject.of(TestProjects.project(DockerTestSupport.name("fixedip"), dir, db), null);
        GwrunError e = catchThrowableOfType(() -> call("rollout", "project", p, "service", "db"), GwrunError.class);
        assertThat(e.getMessage()).startsWith("compose.rollout: service 'db' cannot run old and new containers side by side:"
                + " it has a fixed address 172.30.9.5 on network 'default'. Put it behind a proxy");
        assertThat(Set.copyOf(DockerTestSupport.leftoverContainers())).noneMatch(n -> n.contains("fixedip"));
    }

    @Test
    void refusesAServiceThatPublishesAFixedHostPort() {
        Svc web = new Svc("web", ENGINE.image()).cmd("sleep 3600").port("18099", 80);
        ComposeProject p = ComposeProject.of(TestProjects.project(DockerTestSupport.name("fixedport"), dir, web), null);
        GwrunError e = catchThrowableOfType(() -> call("rollout", "project", p, "service", "web"), GwrunError.class);
        assertThat(e.getMessage()).startsWith("compose.rollout: service 'web' cannot run old and new containers side by side: it publishes host port 18099."
                + " Put it behind a proxy");
        assertThat(Set.copyOf(DockerTestSupport.leftoverContainers())).noneMatch(n -> n.contains("fixedport"));
    }
}
