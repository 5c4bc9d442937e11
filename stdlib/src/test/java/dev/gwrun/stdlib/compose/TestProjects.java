package dev.gwrun.stdlib.compose;

import dev.gwrun.stdlib.compose.model.Dependency;
import dev.gwrun.stdlib.compose.model.Healthcheck;
import dev.gwrun.stdlib.compose.model.Mount;
import dev.gwrun.stdlib.compose.model.Network;
import dev.gwrun.stdlib.compose.model.Port;
import dev.gwrun.stdlib.compose.model.Project;
import dev.gwrun.stdlib.compose.model.Service;
import dev.gwrun.stdlib.compose.model.ServiceNetwork;
import dev.gwrun.stdlib.compose.model.Volume;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Compose projects built as the loader would produce them, for the runtime's tests while the loader is
 * being written: services with the settings the tests need, every other one left unset.
 */
final class TestProjects {
    private TestProjects() {}

    /** A service being described; {@link #build()} makes the record. */
    static final class Svc {
        final String name;
        String image;
        List<String> command;
        final Map<String, String> env = new LinkedHashMap<>();
        final Map<String, String> labels = new LinkedHashMap<>();
        final List<Port> ports = new ArrayList<>();
        final List<Mount> volumes = new ArrayList<>();
        final Map<String, ServiceNetwork> networks = new LinkedHashMap<>();
        String networkMode;
        final Map<String, Dependency> dependsOn = new LinkedHashMap<>();
        Healthcheck healthcheck;
        String restart;
        int replicas = 1;
        String containerName;
        Boolean init;
        Duration stopGrace = Duration.ofSeconds(1);

        Svc(String name, String image) {
            this.name = name;
            this.image = image;
        }

        Svc cmd(String shell) {
            command = List.of("sh", "-c", shell);
            return this;
        }

        Svc env(String k, String v) {
            env.put(k, v);
            return this;
        }

        Svc health(String shell) {
            healthcheck = new Healthcheck(List.of("CMD-SHELL", shell), Duration.ofMillis(200), Duration.ofSeconds(2), 2, null, null, false);
            return this;
        }

        Svc dependsOn(String service, String condition) {
            dependsOn.put(service, new Dependency(condition, false, true));
            return this;
        }

        Svc restart(String policy) {
            restart = policy;
            return this;
        }

        Svc replicas(int n) {
            replicas = n;
            return this;
        }

        Svc port(String published, int target) {
            ports.add(new Port(null, published, target, "tcp", "ingress", null, null));
            return this;
        }

        Svc volume(String source, String target) {
            volumes.add(new Mount("volume", source, target, false, false, null, false, null, null, null));
            return this;
        }

        Svc network(String key) {
            networks.put(key, null);
            return this;
        }

        Service build() {
            Map<String, ServiceNetwork> nets = new LinkedHashMap<>(networks);
            if (nets.isEmpty() && networkMode == null) nets.put("default", null);
            return new Service(name, image, null, command, null, Map.copyOf(env), Map.copyOf(labels), List.copyOf(ports), List.copyOf(volumes),
                    nets, networkMode, dependsOn, healthcheck, restart, replicas, containerName, init, null, null, null, List.of(), List.of(),
                    null, stopGrace, null, false, false, false, false, List.of(), List.of(), List.of(), List.of(), Map.of(), null, List.of(), List.of(),
                    Map.of(), Map.of());
        }
    }

    /** A project of these services, with the networks they join ({@code <name>_<key>}) and the named volumes they mount. */
    static Project project(String name, Path dir, List<Svc> services, Map<String, Network> external) {
        Map<String, Service> byName = new LinkedHashMap<>();
        Map<String, Network> networks = new LinkedHashMap<>();
        Map<String, Volume> volumes = new LinkedHashMap<>();
        for (Svc s : services) {
            Service svc = s.build();
            byName.put(svc.name(), svc);
            for (String key : svc.networks().keySet()) {
                networks.computeIfAbsent(key, k -> external.containsKey(k) ? external.get(k)
                        : new Network(k, name + "_" + k, null, Map.of(), false, false, false, null, Map.of(), Map.of()));
            }
            for (Mount m : svc.volumes()) {
                if (m.source() != null) volumes.computeIfAbsent(m.source(), k -> new Volume(k, name + "_" + k, null, Map.of(), false, Map.of()));
            }
        }
        return new Project(name, dir, List.of(dir.resolve("compose.yaml")), byName, Map.of(), networks, volumes, Map.of(), Map.of(), List.of(), Map.of());
    }

    static Project project(String name, Path dir, Svc... services) {
        return project(name, dir, List.of(services), Map.of());
    }
}
