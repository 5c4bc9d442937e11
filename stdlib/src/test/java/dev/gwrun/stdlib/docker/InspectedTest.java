package dev.gwrun.stdlib.docker;

import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Ports;
import dev.gwrun.runtime.GwrunError;
import dev.gwrun.stdlib.DockerTestSupport;
import dev.gwrun.stdlib.EngineModuleTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.gwrun.stdlib.DockerTestSupport.freePorts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * docker.run writes its create request as a JSON tree and every inspect is read as one ({@link RunSpec},
 * {@link Inspected}), not through docker-java's beans. docker-java's own reading of the same real
 * containers is the oracle: what the engine stored from gwrun's request, and what gwrun reads back.
 */
class InspectedTest extends EngineModuleTest {
    InspectedTest() {
        super("docker");
    }

    private static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) m.put((String) kv[i], kv[i + 1]);
        return m;
    }

    @Test
    void theCreateRequestCarriesEverySettingAsTheEngineStoresIt() throws Exception {
        String c = DockerTestSupport.name("tree");
        int port = freePorts(2);
        call("run", "name", c, "image", ENGINE.image(),
                "ports", List.of("127.0.0.1:" + port + ":80", (port + 1) + ":53/udp"),
                "env", map("A", "b c", "EMPTY", ""),
                "volumes", map(dir.toString(), "/host:ro", DockerTestSupport.name("tree-vol"), "/data"),
                "labels", map("gwrun.test", DockerTestSupport.PREFIX, "role", "tree"),
                "command", List.of("sh", "-c", "exec sleep 3600"),
                "restart", "on-failure:3",
                "healthcheck", map("test", List.of("true"), "interval", Duration.ofMillis(200), "timeout", Duration.ofSeconds(2),
                        "start_period", Duration.ofSeconds(1), "retries", 4L),
                "init", true);

        InspectContainerResponse oracle = ENGINE.client().inspectContainerCmd(c).exec();
        assertThat(oracle.getConfig().getEnv()).contains("A=b c", "EMPTY=");
        assertThat(oracle.getConfig().getLabels()).containsEntry("gwrun.test", DockerTestSupport.PREFIX).containsEntry("role", "tree");
        assertThat(oracle.getConfig().getCmd()).containsExactly("sh", "-c", "exec sleep 3600");
        assertThat(oracle.getConfig().getHealthcheck().getTest()).containsExactly("CMD", "true");
        assertThat(oracle.getConfig().getHealthcheck().getInterval()).isEqualTo(200_000_000L);
        assertThat(oracle.getConfig().getHealthcheck().getTimeout()).isEqualTo(2_000_000_000L);
        assertThat(oracle.getConfig().getHealthcheck().getStartPeriod()).isEqualTo(1_000_000_000L);
        assertThat(oracle.getConfig().getHealthcheck().getRetries()).isEqualTo(4);
        assertThat(oracle.getConfig().getExposedPorts()).containsExactlyInAnyOrder(ExposedPort.tcp(80), ExposedPort.udp(53));
        HostConfig host = oracle.getHostConfig();
        assertThat(host.getInit()).isTrue();
        assertThat(host.getRestartPolicy().getName()).isEqualTo("on-failure");
        assertThat(host.getRestartPolicy().getMaximumRetryCount()).isEqualTo(3);
        assertThat(host.getBinds()).extracting(Object::toString)
                .containsExactlyInAnyOrder(dir + ":/host:ro", DockerTestSupport.name("tree-vol") + ":/data:rw");
        Map<ExposedPort, Ports.Binding[]> bindings = host.getPortBindings().getBindings();
        assertThat(bindings.get(ExposedPort.tcp(80))).containsExactly(Ports.Binding.bindIpAndPort("127.0.0.1", port));
        assertThat(bindings.get(ExposedPort.udp(53))[0].getHostPortSpec()).isEqualTo(String.valueOf(port + 1));

        // The container object read from the tree, against docker-java's reading of the same answer.
        Inspected tree = Inspected.of(Engine.fromEnvironment(null, null, null), c);
        assertThat(tree.id()).isEqualTo(oracle.getId());
        assertThat(tree.name()).isEqualTo(c);
        assertThat(tree.image()).isEqualTo(oracle.getConfig().getImage());
        assertThat(tree.status()).isEqualTo(oracle.getState().getStatus()).isEqualTo("running");
        assertThat(tree.exitCode()).isEqualTo(oracle.getState().getExitCodeLong());
        assertThat(tree.startedAt()).isEqualTo(oracle.getState().getStartedAt());
        assertThat(tree.labels()).isEqualTo(oracle.getConfig().getLabels());
        assertThat(tree.networks()).containsExactly(Map.entry("bridge", oracle.getNetworkSettings().getNetworks().get("bridge").getIpAddress()));
        List<String> published = new ArrayList<>();
        oracle.getNetworkSettings().getPorts().getBindings().forEach((exposed, bound) -> {
            for (Ports.Binding b : bound == null ? new Ports.Binding[0] : bound) {
                published.add(b.getHostPortSpec() + "->" + exposed.getPort() + "/" + exposed.getProtocol());
            }
        });
        assertThat(tree.published()).extracting(p -> p.hostPort() + "->" + p.containerPort() + "/" + p.protocol())
                .containsExactlyInAnyOrderElementsOf(published).isNotEmpty();
        assertThat(ContainerView.of(tree).field("ports")).isEqualTo(Map.of(String.valueOf(port), "80", String.valueOf(port + 1), "53/udp"));

        // The listing (docker.ps, compose's view of a project) against docker-java's reading of it.
        com.github.dockerjava.api.model.Container listed = ENGINE.client().listContainersCmd().withShowAll(true)
                .withLabelFilter(Map.of("role", "tree")).exec().stream().filter(k -> k.getId().equals(oracle.getId())).findFirst().orElseThrow();
        List<Listed> mine = Listed.list(Engine.fromEnvironment(null, null, null), true, List.of("role=tree", "gwrun.test=" + DockerTestSupport.PREFIX));
        assertThat(mine).hasSize(1);
        Listed l = mine.get(0);
        assertThat(l.id()).isEqualTo(listed.getId());
        assertThat(l.names()).containsExactly(listed.getNames()[0].substring(1)).containsExactly(c);
        assertThat(l.image()).isEqualTo(listed.getImage());
        assertThat(l.state()).isEqualTo(listed.getState());
        assertThat(l.status()).startsWith("Up ");
        assertThat(l.labels()).isEqualTo(listed.getLabels());
        assertThat(l.ports()).extracting(p -> p.privatePort() + "/" + p.type() + "->" + p.publicPort())
                .containsExactlyInAnyOrderElementsOf(java.util.Arrays.stream(listed.getPorts())
                        .map(p -> p.getPrivatePort() + "/" + p.getType() + "->" + p.getPublicPort()).toList());
        assertThat(l.ips()).containsExactly(listed.getNetworkSettings().getNetworks().get("bridge").getIpAddress());
        assertThat(ContainerView.of(l).field("ports")).isEqualTo(ContainerView.of(tree).field("ports"));
        assertThat(Listed.list(Engine.fromEnvironment(null, null, null), true, List.of("role=no-such-" + DockerTestSupport.PREFIX))).isEmpty();
    }

    @Test
    void healthAndExitReadAsDockerJavaReadsThem() throws Exception {
        String sick = DockerTestSupport.name("sick");
        call("run", "name", sick, "image", ENGINE.image(), "command", List.of("sh", "-c", "exec sleep 3600"),
                "healthcheck", map("test", "echo no database; exit 1", "interval", Duration.ofMillis(100), "retries", 2L));
        Engine engine = Engine.fromEnvironment(null, null, null);
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!"unhealthy".equals(Inspected.of(engine, sick).health().status()) && System.nanoTime() < deadline) Thread.sleep(100);
        InspectContainerResponse oracle = ENGINE.client().inspectContainerCmd(sick).exec();
        Inspected.Health health = Inspected.of(engine, sick).health();
        assertThat(health.status()).isEqualTo("unhealthy").isEqualTo(oracle.getState().getHealth().getStatus());
        assertThat(health.failingStreak()).isGreaterThanOrEqualTo(oracle.getState().getHealth().getFailingStreak()).isGreaterThanOrEqualTo(2);
        assertThat(health.checks()).isNotEmpty().allSatisfy(check -> {
            assertThat(check.exitCode()).isEqualTo(1L);
            assertThat(check.output()).isEqualTo("no database\n");
        });

        String done = DockerTestSupport.name("done");
        call("run", "name", done, "image", ENGINE.image(), "command", List.of("sh", "-c", "exit 7"));
        while (!"exited".equals(Inspected.of(engine, done).status()) && System.nanoTime() < deadline) Thread.sleep(50);
        InspectContainerResponse exited = ENGINE.client().inspectContainerCmd(done).exec();
        Inspected tree = Inspected.of(engine, done);
        assertThat(tree.status()).isEqualTo("exited").isEqualTo(exited.getState().getStatus());
        assertThat(tree.exitCode()).isEqualTo(7L).isEqualTo(exited.getState().getExitCodeLong());
        assertThat(tree.oomKilled()).isFalse();
        assertThat(tree.health()).isNull();
        assertThat(tree.published()).isEmpty();
        // what the run reports of it, from the tree
        GwrunError e = failure("healthy", "name", done);
        assertThat(e.getMessage()).startsWith("container '" + done + "' exited with code 7");
    }

    @Test
    void anImageReferenceWithARegistryPortAndPathIsFoundAsTheCliSendsIt() {
        // compose's image lookup (ServiceImages.localId) goes through Engine.encRef: slashes and the port's colon kept.
        String ref = "localhost:5000/" + DockerTestSupport.PREFIX + "/demo:1";
        ENGINE.client().tagImageCmd(ENGINE.image(), "localhost:5000/" + DockerTestSupport.PREFIX + "/demo", "1").exec();
        try {
            Engine engine = Engine.fromEnvironment(null, null, null);
            assertThat(engine.get("/images/" + Engine.encRef(ref) + "/json").path("Id").asText())
                    .isEqualTo(ENGINE.client().inspectImageCmd(ENGINE.image()).exec().getId());
            assertThatThrownBy(() -> engine.get("/images/" + Engine.encRef(ref + "-missing") + "/json")).isInstanceOf(NotFoundException.class);
        } finally {
            ENGINE.client().removeImageCmd(ref).exec();
        }
    }

    @Test
    void aMissingContainerIsDockerJavasNotFoundAndAnErrorStatusCarriesTheEnginesMessage() {
        Engine engine = Engine.fromEnvironment(null, null, null);
        assertThatThrownBy(() -> Inspected.of(engine, DockerTestSupport.name("no-such")))
                .isInstanceOf(NotFoundException.class).hasMessageContaining("No such container");
        // Engine 20.10 answers 500 to filters that are not JSON; the message is the engine's, not its JSON wrapping.
        assertThatThrownBy(() -> engine.get("/containers/json?filters=" + Engine.enc("{not json")))
                .isInstanceOf(com.github.dockerjava.api.exception.InternalServerErrorException.class)
                .hasMessage("Status 500: invalid character 'n' looking for beginning of object key string");
    }
}
