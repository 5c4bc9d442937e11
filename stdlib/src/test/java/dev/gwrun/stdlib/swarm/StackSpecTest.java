package dev.gwrun.stdlib.swarm;

import com.github.dockerjava.api.model.EndpointResolutionMode;
import com.github.dockerjava.api.model.PortConfig;
import com.github.dockerjava.api.model.ServiceRestartCondition;
import com.github.dockerjava.api.model.ServiceSpec;
import com.github.dockerjava.api.model.UpdateFailureAction;
import com.github.dockerjava.api.model.UpdateOrder;
import dev.gwrun.host.Effect;
import dev.gwrun.host.HostFunction;
import dev.gwrun.host.Registry;
import dev.gwrun.runtime.GwrunError;
import dev.gwrun.stdlib.StandardLibrary;
import dev.gwrun.stdlib.compose.load.ComposeLoader;
import dev.gwrun.stdlib.compose.load.LoadOptions;
import dev.gwrun.stdlib.compose.model.Project;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** docker stack deploy's mapping of a Compose file onto Swarm service specs, without an engine. */
class StackSpecTest {
    @TempDir Path dir;

    private Project load(String yaml) throws Exception {
        Path f = dir.resolve("compose.yaml");
        Files.writeString(f, yaml);
        return ComposeLoader.load(new LoadOptions(List.of(f), dir, List.of(), null, List.of(), Map.of())).project();
    }

    @Test
    void mapsDeployKeysAsStackDeployDoes() throws Exception {
        Project p = load("""
                name: shop
                services:
                  api:
                    image: ghostworks/api:1
                    command: ["serve", "--port", "8000"]
                    entrypoint: ["/bin/app"]
                    environment: {B: "2", A: "1"}
                    labels: {tier: backend}
                    ports: [{target: 8000, published: "8080", mode: host}]
                    healthcheck: {test: "wget -q -O- localhost:8000/health", interval: 2s, retries: 3}
                    stop_grace_period: 5s
                    networks: {front: {aliases: [backend]}}
                    secrets: [token]
                    deploy:
                      replicas: 3
                      endpoint_mode: dnsrr
                      labels: {owner: team-a}
                      update_config: {parallelism: 2, delay: 10s, order: start-first, failure_action: rollback, monitor: 30s, max_failure_ratio: 0.25}
                      rollback_config: {parallelism: 0, order: stop-first}
                      restart_policy: {condition: on-failure, delay: 5s, max_attempts: 3, window: 1m}
                      resources: {limits: {cpus: "0.5", memory: 256M}, reservations: {memory: 64M}}
                      placement: {constraints: ["node.role==worker"], max_replicas_per_node: 2}
                  agent:
                    image: ghostworks/agent:1
                    restart: always
                    deploy: {mode: global}
                networks:
                  front: {}
                secrets:
                  token: {file: ./token.txt}
                """);
        ServiceSpec api = StackSpec.service(p, "prod", p.service("api"), Map.of("prod_token", "sid"), Map.of());
        assertThat(api.getName()).isEqualTo("prod_api");
        assertThat(api.getLabels()).containsEntry("com.docker.stack.namespace", "prod").containsEntry("owner", "team-a")
                .containsEntry("com.docker.stack.image", "ghostworks/api:1");
        var c = api.getTaskTemplate().getContainerSpec();
        assertThat(c.getImage()).isEqualTo("ghostworks/api:1");
        assertThat(c.getCommand()).containsExactly("/bin/app");
        assertThat(c.getArgs()).containsExactly("serve", "--port", "8000");
        assertThat(c.getEnv()).containsExactly("A=1", "B=2");
        assertThat(c.getLabels()).containsEntry("tier", "backend").containsEntry("com.docker.stack.namespace", "prod");
        assertThat(c.getHealthCheck().getTest()).containsExactly("CMD-SHELL", "wget -q -O- localhost:8000/health");
        assertThat(c.getHealthCheck().getInterval()).isEqualTo(Duration.ofSeconds(2).toNanos());
        assertThat(c.getHealthCheck().getRetries()).isEqualTo(3);
        assertThat(c.getStopGracePeriod()).isEqualTo(Duration.ofSeconds(5).toNanos());
        assertThat(c.getSecrets()).singleElement().satisfies(s -> {
            assertThat(s.getSecretName()).isEqualTo("prod_token");
            assertThat(s.getSecretId()).isEqualTo("sid");
            assertThat(s.getFile().getName()).isEqualTo("/run/secrets/token");
            assertThat(s.getFile().getMode()).isEqualTo(0444L);
        });
        assertThat(api.getMode().getReplicated().getReplicas()).isEqualTo(3);
        assertThat(api.getEndpointSpec().getMode()).isEqualTo(EndpointResolutionMode.DNSRR);
        assertThat(api.getEndpointSpec().getPorts()).singleElement().satisfies(port -> {
            assertThat(port.getTargetPort()).isEqualTo(8000);
            assertThat(port.getPublishedPort()).isEqualTo(8080);
            assertThat(port.getPublishMode()).isEqualTo(PortConfig.PublishMode.host);
        });
        assertThat(api.getTaskTemplate().getNetworks()).singleElement().satisfies(n -> {
            assertThat(n.getTarget()).isEqualTo("prod_front");
            assertThat(n.getAliases()).containsExactly("api", "backend");
        });
        var u = api.getUpdateConfig();
        assertThat(u.getParallelism()).isEqualTo(2L);
        assertThat(u.getDelay()).isEqualTo(Duration.ofSeconds(10).toNanos());
        assertThat(u.getOrder()).isEqualTo(UpdateOrder.START_FIRST);
        assertThat(u.getFailureAction()).isEqualTo(UpdateFailureAction.ROLLBACK);
        assertThat(u.getMonitor()).isEqualTo(Duration.ofSeconds(30).toNanos());
        assertThat(u.getMaxFailureRatio()).isEqualTo(0.25f);
        assertThat(api.getRollbackConfig().getParallelism()).isEqualTo(0L);
        assertThat(api.getRollbackConfig().getOrder()).isEqualTo(UpdateOrder.STOP_FIRST);
        var r = api.getTaskTemplate().getRestartPolicy();
        assertThat(r.getCondition()).isEqualTo(ServiceRestartCondition.ON_FAILURE);
        assertThat(r.getDelay()).isEqualTo(Duration.ofSeconds(5).toNanos());
        assertThat(r.getMaxAttempts()).isEqualTo(3L);
        assertThat(r.getWindow()).isEqualTo(Duration.ofMinutes(1).toNanos());
        var res = api.getTaskTemplate().getResources();
        assertThat(res.getLimits().getNanoCPUs()).isEqualTo(500_000_000L);
        assertThat(res.getLimits().getMemoryBytes()).isEqualTo(256L * 1024 * 1024);
        assertThat(res.getReservations().getMemoryBytes()).isEqualTo(64L * 1024 * 1024);
        assertThat(api.getTaskTemplate().getPlacement().getConstraints()).containsExactly("node.role==worker");
        assertThat(api.getTaskTemplate().getPlacement().getMaxReplicas()).isEqualTo(2);

        // Global mode; restart: always becomes condition any when there is no deploy.restart_policy.
        ServiceSpec agent = StackSpec.service(p, "prod", p.service("agent"), Map.of(), Map.of());
        assertThat(agent.getMode().getGlobal()).isNotNull();
        assertThat(agent.getMode().getReplicated()).isNull();
        assertThat(agent.getTaskTemplate().getRestartPolicy().getCondition()).isEqualTo(ServiceRestartCondition.ANY);
        assertThat(agent.getTaskTemplate().getNetworks()).singleElement().satisfies(n -> assertThat(n.getTarget()).isEqualTo("prod_default"));

        assertThat(StackSpec.ignored(p)).containsExactly("Ignoring unsupported options: restart");
    }

    @Test
    void reportsKeysSwarmIgnoresAsTheCliDoesAndRefusesAServiceWithoutAnImage() throws Exception {
        Project p = load("""
                name: shop
                services:
                  web:
                    build: .
                    container_name: web
                    privileged: true
                    deploy: {placement: {preferences: [{spread: node.labels.zone}]}}
                """);
        assertThat(StackSpec.ignored(p)).containsExactly(
                "Ignoring unsupported options: build, privileged",
                "Ignoring deprecated options: container_name: Setting the container name is not supported.",
                "Ignoring options gwrun does not send yet: deploy.placement.preferences");
        GwrunError e = catchThrowableOfType(() -> StackSpec.service(p, "shop", p.service("web"), Map.of(), Map.of()), GwrunError.class);
        assertThat(e.getMessage()).contains("service 'web' has no image");
        StackSpec.refuseForbidden(p);

        Project forbidden = load("""
                name: shop
                services:
                  web: {image: nginx, mem_limit: 256m, cpu_shares: 512}
                """);
        assertThat(catchThrowableOfType(() -> StackSpec.refuseForbidden(forbidden), GwrunError.class).getMessage()).isEqualTo(
                "compose file contains unsupported options:\n\ncpu_shares: Set resource limits using deploy.resources\n"
                        + "mem_limit: Set resource limits using deploy.resources");
    }

    @Test
    void readsGoDurationsAsTheLoaderWritesThem() {
        assertThat(StackSpec.duration("1m30s", "x")).isEqualTo(Duration.ofSeconds(90));
        assertThat(StackSpec.duration("500ms", "x")).isEqualTo(Duration.ofMillis(500));
        assertThat(StackSpec.duration("1h0m0s", "x")).isEqualTo(Duration.ofHours(1));
        assertThat(StackSpec.duration(Duration.ofSeconds(2), "x")).isEqualTo(Duration.ofSeconds(2));
        assertThat(catchThrowableOfType(() -> StackSpec.duration("soon", "deploy.update_config.delay"), GwrunError.class).getMessage())
                .contains("deploy.update_config.delay: 'soon' is not a duration");
    }

    @Test
    void readsAreReadsAndChangesAreChangesAndEveryFunctionTakesAnEngine() {
        Registry registry = StandardLibrary.registry();
        for (String read : List.of("nodes", "services", "tasks", "logs")) {
            assertThat(registry.function("swarm." + read).signature().effect()).as(read).isEqualTo(Effect.READ);
        }
        for (String change : List.of("init", "join", "leave", "deploy", "rm", "update", "rollback", "scale", "run")) {
            assertThat(registry.function("swarm." + change).signature().effect()).as(change).isEqualTo(Effect.CHANGE);
        }
        for (HostFunction f : registry.functions()) {
            if (f.signature().name().startsWith("swarm.")) assertThat(f.signature().paramNames()).as(f.signature().name()).contains("engine");
        }
    }
}
