package dev.gwrun.stdlib.swarm;

import com.github.dockerjava.api.model.ContainerSpec;
import com.github.dockerjava.api.model.ContainerSpecConfig;
import com.github.dockerjava.api.model.ContainerSpecFile;
import com.github.dockerjava.api.model.ContainerSpecSecret;
import com.github.dockerjava.api.model.Driver;
import com.github.dockerjava.api.model.EndpointResolutionMode;
import com.github.dockerjava.api.model.EndpointSpec;
import com.github.dockerjava.api.model.HealthCheck;
import com.github.dockerjava.api.model.Mount;
import com.github.dockerjava.api.model.MountType;
import com.github.dockerjava.api.model.NetworkAttachmentConfig;
import com.github.dockerjava.api.model.PortConfig;
import com.github.dockerjava.api.model.PortConfigProtocol;
import com.github.dockerjava.api.model.ResourceRequirements;
import com.github.dockerjava.api.model.ResourceSpecs;
import com.github.dockerjava.api.model.ServiceGlobalModeOptions;
import com.github.dockerjava.api.model.ServiceModeConfig;
import com.github.dockerjava.api.model.ServicePlacement;
import com.github.dockerjava.api.model.ServiceReplicatedModeOptions;
import com.github.dockerjava.api.model.ServiceRestartCondition;
import com.github.dockerjava.api.model.ServiceRestartPolicy;
import com.github.dockerjava.api.model.ServiceSpec;
import com.github.dockerjava.api.model.TaskSpec;
import com.github.dockerjava.api.model.UpdateConfig;
import com.github.dockerjava.api.model.UpdateFailureAction;
import com.github.dockerjava.api.model.UpdateOrder;
import com.github.dockerjava.api.model.VolumeOptions;
import dev.gwrun.runtime.GwrunError;
import dev.gwrun.stdlib.compose.model.FileObject;
import dev.gwrun.stdlib.compose.model.FileRef;
import dev.gwrun.stdlib.compose.model.Healthcheck;
import dev.gwrun.stdlib.compose.model.Network;
import dev.gwrun.stdlib.compose.model.Port;
import dev.gwrun.stdlib.compose.model.Project;
import dev.gwrun.stdlib.compose.model.Service;
import dev.gwrun.stdlib.compose.model.ServiceNetwork;
import dev.gwrun.stdlib.compose.model.Volume;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Compose project as {@code docker stack deploy} maps it onto Swarm ({@code cli/command/stack/swarm} and
 * {@code cli/compose/convert}): services named {@code <stack>_<service>}, everything labelled with the stack's
 * namespace, the project's networks as overlay networks {@code <stack>_<key>} where each service is reachable by
 * its key, {@code deploy.*} as the service's mode, update, rollback and restart policies, resources, placement
 * and labels, secrets and configs as {@code <stack>_<key>}.
 */
final class StackSpec {
    /** The label {@code docker stack} puts on everything of a stack. */
    static final String NAMESPACE = "com.docker.stack.namespace";
    /** The label {@code docker stack deploy} puts on a service: the image as written in the file. */
    static final String IMAGE = "com.docker.stack.image";
    /** gwrun's label on the services of one-off tasks ({@code swarm.run}). */
    static final String ONEOFF = "dev.gwrun.swarm.oneoff";

    /** Service keys {@code docker stack deploy} does not support ({@code cli/compose/types.UnsupportedProperties}). */
    static final List<String> UNSUPPORTED = List.of("build", "cgroupns_mode", "cgroup_parent", "devices", "domainname", "external_links",
            "ipc", "links", "mac_address", "network_mode", "pid", "privileged", "restart", "security_opt", "shm_size", "userns_mode");
    /** Service keys it calls deprecated, with what it says of each ({@code DeprecatedProperties}). */
    static final Map<String, String> DEPRECATED = Map.of(
            "container_name", "Setting the container name is not supported.",
            "expose", "Exposing ports is unnecessary - services on the same network can access each other's containers on any port.");
    /**
     * Service keys {@code docker stack deploy} refuses ({@code ForbiddenProperties}; {@code extends} is resolved by
     * the loader before this), with what it says of each.
     */
    static final Map<String, String> FORBIDDEN = new TreeMap<>(Map.of(
            "volume_driver", "Instead of setting the volume driver on the service, define a volume using the top-level `volumes` option and specify the driver there.",
            "volumes_from", "To share a volume between services, define it using the top-level `volumes` option and reference it from each service that shares it using the service-level `volumes` option.",
            "cpu_quota", "Set resource limits using deploy.resources",
            "cpu_shares", "Set resource limits using deploy.resources",
            "cpuset", "Set resource limits using deploy.resources",
            "mem_limit", "Set resource limits using deploy.resources",
            "memswap_limit", "Set resource limits using deploy.resources"));
    /** deploy.* keys this module does not send (docker-java has no field for them). */
    private static final List<String> DEPLOY_UNSENT = List.of("placement.preferences", "resources.reservations.devices",
            "resources.reservations.generic_resources", "resources.limits.pids");

    private StackSpec() {}

    /** {@code <stack>_<name>}, as the CLI's namespace scopes a name. */
    static String scoped(String stack, String name) {
        return stack + "_" + name;
    }

    /** The messages {@code docker stack deploy} prints for keys Swarm ignores, plus those gwrun cannot send; empty when none. */
    static List<String> ignored(Project p) {
        TreeSet<String> unsupported = new TreeSet<>();
        Map<String, String> deprecated = new TreeMap<>();
        TreeSet<String> unsent = new TreeSet<>();
        for (Service s : p.services().values()) {
            for (String k : UNSUPPORTED) if (s.raw().containsKey(k) && s.raw().get(k) != null) unsupported.add(k);
            for (Map.Entry<String, String> e : DEPRECATED.entrySet()) if (s.raw().containsKey(e.getKey())) deprecated.put(e.getKey(), e.getValue());
            for (String path : DEPLOY_UNSENT) if (at(s.deploy(), path) != null) unsent.add("deploy." + path);
        }
        List<String> out = new ArrayList<>();
        if (!unsupported.isEmpty()) out.add("Ignoring unsupported options: " + String.join(", ", unsupported));
        for (Map.Entry<String, String> e : deprecated.entrySet()) out.add("Ignoring deprecated options: " + e.getKey() + ": " + e.getValue());
        if (!unsent.isEmpty()) out.add("Ignoring options gwrun does not send yet: " + String.join(", ", unsent));
        return out;
    }

    /** Fails as {@code docker stack deploy} does on keys it refuses: "compose file contains unsupported options: …". */
    static void refuseForbidden(Project p) {
        Map<String, String> found = new TreeMap<>();
        for (Service s : p.services().values()) {
            for (Map.Entry<String, String> e : FORBIDDEN.entrySet()) if (s.raw().get(e.getKey()) != null) found.put(e.getKey(), e.getValue());
        }
        if (found.isEmpty()) return;
        StringBuilder m = new StringBuilder("compose file contains unsupported options:\n");
        for (Map.Entry<String, String> e : found.entrySet()) m.append('\n').append(e.getKey()).append(": ").append(e.getValue());
        throw new GwrunError("swarm", m.toString());
    }

    /** The engine name of a project network in the stack: its name: if set, else {@code <stack>_<key>}; external ones as named. */
    static String networkName(Project p, String stack, Network n) {
        if (n.external()) return n.name();
        if (n.name() != null && !n.name().equals(p.name() + "_" + n.key())) return n.name();
        return scoped(stack, n.key());
    }

    static String volumeName(Project p, String stack, Volume v) {
        if (v.external()) return v.name();
        if (v.name() != null && !v.name().equals(p.name() + "_" + v.key())) return v.name();
        return scoped(stack, v.key());
    }

    static String fileObjectName(Project p, String stack, FileObject f) {
        if (f.external()) return f.name();
        if (f.name() != null && !f.name().equals(p.name() + "_" + f.key())) return f.name();
        return scoped(stack, f.key());
    }

    /**
     * The spec of one service of the stack.
     *
     * @param secretIds the ids of the stack's secrets by engine name (created before)
     * @param configIds the same for configs
     */
    static ServiceSpec service(Project p, String stack, Service s, Map<String, String> secretIds, Map<String, String> configIds) {
        if (s.image() == null || s.image().isBlank()) {
            throw new GwrunError("swarm", "service '" + s.name() + "' has no image: a stack runs images only (build it and push or docker load it on each node first)");
        }
        Map<String, String> ns = Map.of(NAMESPACE, stack);
        Map<String, Object> deploy = s.deploy();

        Map<String, String> containerLabels = new TreeMap<>(s.labels());
        containerLabels.putAll(ns);
        ContainerSpec c = new ContainerSpec().withImage(s.image()).withLabels(containerLabels);
        if (s.entrypoint() != null) c.withCommand(s.entrypoint());
        if (s.command() != null) c.withArgs(s.command());
        if (s.hostname() != null) c.withHostname(s.hostname());
        List<String> env = new ArrayList<>();
        for (Map.Entry<String, String> e : new TreeMap<>(s.environment()).entrySet()) env.add(e.getKey() + "=" + e.getValue());
        c.withEnv(env);
        if (s.workingDir() != null) c.withDir(s.workingDir());
        if (s.user() != null) c.withUser(s.user());
        if (s.tty()) c.withTty(true);
        if (s.stdinOpen()) c.withOpenStdin(true);
        if (s.readOnly()) c.withReadOnly(true);
        if (s.init() != null) c.withInit(s.init());
        if (s.stopSignal() != null) c.withStopSignal(s.stopSignal());
        if (s.stopGracePeriod() != null) c.withStopGracePeriod(s.stopGracePeriod().toNanos());
        if (!s.extraHosts().isEmpty()) {
            // The CLI turns "host:ip" into the "ip host" form of /etc/hosts.
            List<String> hosts = new ArrayList<>();
            for (String h : s.extraHosts()) {
                int i = h.indexOf(h.contains("=") ? '=' : ':');
                hosts.add(i < 0 ? h : h.substring(i + 1) + " " + h.substring(0, i));
            }
            c.withHosts(hosts);
        }
        if (s.healthcheck() != null) c.withHealthCheck(health(s.healthcheck()));
        c.withMounts(mounts(p, stack, s));
        List<ContainerSpecSecret> secrets = new ArrayList<>();
        for (FileRef r : s.secrets()) {
            FileObject f = p.secrets().get(r.source());
            if (f == null) throw new GwrunError("swarm", "service '" + s.name() + "' uses secret '" + r.source() + "', which the project does not declare");
            String name = fileObjectName(p, stack, f);
            secrets.add(new ContainerSpecSecret().withSecretName(name).withSecretId(secretIds.get(name)).withFile(file(r, r.target() == null ? r.source() : r.target())));
        }
        if (!secrets.isEmpty()) c.withSecrets(secrets);
        List<ContainerSpecConfig> configs = new ArrayList<>();
        for (FileRef r : s.configs()) {
            FileObject f = p.configs().get(r.source());
            if (f == null) throw new GwrunError("swarm", "service '" + s.name() + "' uses config '" + r.source() + "', which the project does not declare");
            String name = fileObjectName(p, stack, f);
            configs.add(new ContainerSpecConfig().withConfigName(name).withConfigID(configIds.get(name)).withFile(file(r, r.target() == null ? "/" + r.source() : r.target())));
        }
        if (!configs.isEmpty()) c.withConfigs(configs);

        TaskSpec task = new TaskSpec().withContainerSpec(c);
        ServiceRestartPolicy restart = restartPolicy(s, map(deploy.get("restart_policy")));
        if (restart != null) task.withRestartPolicy(restart);
        ResourceRequirements resources = resources(map(deploy.get("resources")));
        if (resources != null) task.withResources(resources);
        Map<String, Object> placement = map(deploy.get("placement"));
        if (placement != null) {
            ServicePlacement pl = new ServicePlacement().withConstraints(strings(placement.get("constraints")));
            if (placement.get("max_replicas_per_node") instanceof Number n) pl.withMaxReplicas(n.intValue());
            task.withPlacement(pl);
        }
        if (s.logging() != null && s.logging().driver() != null) {
            task.withLogDriver(new Driver().withName(s.logging().driver()).withOptions(s.logging().options()));
        }
        List<NetworkAttachmentConfig> networks = new ArrayList<>();
        for (Map.Entry<String, ServiceNetwork> e : new TreeMap<>(s.networks()).entrySet()) {
            Network n = p.networks().get(e.getKey());
            if (n == null) throw new GwrunError("swarm", "service '" + s.name() + "' joins network '" + e.getKey() + "', which the project does not declare");
            List<String> aliases = new ArrayList<>();
            aliases.add(s.name());
            if (e.getValue() != null) aliases.addAll(e.getValue().aliases());
            networks.add(new NetworkAttachmentConfig().withTarget(networkName(p, stack, n)).withAliases(aliases));
        }
        task.withNetworks(networks);

        Map<String, String> serviceLabels = new TreeMap<>(stringMap(deploy.get("labels")));
        serviceLabels.putAll(ns);
        serviceLabels.put(IMAGE, s.image());
        ServiceSpec spec = new ServiceSpec().withName(scoped(stack, s.name())).withLabels(serviceLabels).withTaskTemplate(task);
        if ("global".equals(deploy.get("mode"))) {
            spec.withMode(new ServiceModeConfig().withGlobal(new ServiceGlobalModeOptions()));
        } else {
            spec.withMode(new ServiceModeConfig().withReplicated(new ServiceReplicatedModeOptions().withReplicas(s.replicas())));
        }
        UpdateConfig update = updateConfig(map(deploy.get("update_config")), "update_config");
        if (update != null) spec.withUpdateConfig(update);
        UpdateConfig rollback = updateConfig(map(deploy.get("rollback_config")), "rollback_config");
        if (rollback != null) spec.withRollbackConfig(rollback);
        spec.withEndpointSpec(endpoint(s, deploy));
        return spec;
    }

    private static ContainerSpecFile file(FileRef r, String target) {
        return new ContainerSpecFile().withName(target).withUid(r.uid() == null ? "0" : r.uid()).withGid(r.gid() == null ? "0" : r.gid())
                .withMode(r.mode() == null ? 0444L : r.mode().longValue());
    }

    static HealthCheck health(Healthcheck h) {
        HealthCheck out = new HealthCheck().withTest(h.disable() ? List.of("NONE") : h.test());
        if (h.interval() != null) out.withInterval(h.interval().toNanos());
        if (h.timeout() != null) out.withTimeout(h.timeout().toNanos());
        if (h.retries() != null) out.withRetries(h.retries());
        if (h.startPeriod() != null) out.withStartPeriod(h.startPeriod().toNanos());
        return out;
    }

    private static List<Mount> mounts(Project p, String stack, Service s) {
        List<Mount> out = new ArrayList<>();
        for (dev.gwrun.stdlib.compose.model.Mount m : s.volumes()) {
            Mount mount = new Mount().withTarget(m.target()).withReadOnly(m.readOnly());
            switch (m.type()) {
                case "bind" -> mount.withType(MountType.BIND).withSource(m.source());
                case "tmpfs" -> mount.withType(MountType.TMPFS);
                case "volume" -> {
                    mount.withType(MountType.VOLUME);
                    if (m.source() != null) {
                        Volume v = p.volumes().get(m.source());
                        mount.withSource(v == null ? m.source() : volumeName(p, stack, v));
                        VolumeOptions o = new VolumeOptions().withLabels(Map.of(NAMESPACE, stack));
                        if (m.noCopy()) o.withNoCopy(true);
                        mount.withVolumeOptions(o);
                    }
                }
                default -> throw new GwrunError("swarm", "service '" + s.name() + "': a " + m.type() + " mount cannot go to Swarm");
            }
            out.add(mount);
        }
        return out;
    }

    private static ServiceRestartPolicy restartPolicy(Service s, Map<String, Object> r) {
        if (r == null) {
            // As the CLI: without deploy.restart_policy, restart: is read (always and unless-stopped are "any").
            String restart = s.restart();
            if (restart == null || restart.equals("no")) return null;
            if (restart.equals("always") || restart.equals("unless-stopped")) return new ServiceRestartPolicy().withCondition(ServiceRestartCondition.ANY);
            if (restart.startsWith("on-failure")) {
                ServiceRestartPolicy out = new ServiceRestartPolicy().withCondition(ServiceRestartCondition.ON_FAILURE);
                int colon = restart.indexOf(':');
                if (colon > 0) out.withMaxAttempts(Long.parseLong(restart.substring(colon + 1)));
                return out;
            }
            return null;
        }
        ServiceRestartPolicy out = new ServiceRestartPolicy();
        if (r.get("condition") instanceof String cond) {
            switch (cond) {
                case "none" -> out.withCondition(ServiceRestartCondition.NONE);
                case "on-failure" -> out.withCondition(ServiceRestartCondition.ON_FAILURE);
                case "any" -> out.withCondition(ServiceRestartCondition.ANY);
                default -> throw new GwrunError("swarm", "deploy.restart_policy.condition must be none, on-failure or any, not '" + cond + "'");
            }
        }
        Duration delay = duration(r.get("delay"), "restart_policy.delay");
        if (delay != null) out.withDelay(delay.toNanos());
        if (r.get("max_attempts") instanceof Number n) out.withMaxAttempts(n.longValue());
        Duration window = duration(r.get("window"), "restart_policy.window");
        if (window != null) out.withWindow(window.toNanos());
        return out;
    }

    private static ResourceRequirements resources(Map<String, Object> r) {
        if (r == null) return null;
        ResourceSpecs limits = specs(map(r.get("limits")));
        ResourceSpecs reservations = specs(map(r.get("reservations")));
        if (limits == null && reservations == null) return null;
        ResourceRequirements out = new ResourceRequirements();
        if (limits != null) out.withLimits(limits);
        if (reservations != null) out.withReservations(reservations);
        return out;
    }

    private static ResourceSpecs specs(Map<String, Object> m) {
        if (m == null) return null;
        ResourceSpecs out = new ResourceSpecs();
        boolean any = false;
        if (m.get("cpus") instanceof Number n) {
            out.withNanoCPUs(Math.round(n.doubleValue() * 1e9));
            any = true;
        }
        Object mem = m.get("memory");
        if (mem != null) {
            out.withMemoryBytes(Long.parseLong(mem.toString()));
            any = true;
        }
        return any ? out : null;
    }

    /** deploy.update_config or rollback_config; also what swarm.update's keys give. */
    static UpdateConfig updateConfig(Map<String, Object> u, String what) {
        if (u == null) return null;
        UpdateConfig out = new UpdateConfig();
        applyUpdateKeys(out, u, what);
        return out;
    }

    static void applyUpdateKeys(UpdateConfig out, Map<String, Object> u, String what) {
        if (u.get("parallelism") instanceof Number n) out.withParallelism(n.longValue());
        Duration delay = duration(u.get("delay"), what + ".delay");
        if (delay != null) out.withDelay(delay.toNanos());
        if (u.get("failure_action") != null) {
            String a = u.get("failure_action").toString();
            switch (a) {
                case "pause" -> out.withFailureAction(UpdateFailureAction.PAUSE);
                case "continue" -> out.withFailureAction(UpdateFailureAction.CONTINUE);
                case "rollback" -> out.withFailureAction(UpdateFailureAction.ROLLBACK);
                default -> throw new GwrunError("swarm", what + ".failure_action must be pause, continue or rollback, not '" + a + "'");
            }
        }
        Duration monitor = duration(u.get("monitor"), what + ".monitor");
        if (monitor != null) out.withMonitor(monitor.toNanos());
        if (u.get("max_failure_ratio") instanceof Number n) out.withMaxFailureRatio(n.floatValue());
        if (u.get("order") != null) {
            String o = u.get("order").toString();
            switch (o) {
                case "stop-first" -> out.withOrder(UpdateOrder.STOP_FIRST);
                case "start-first" -> out.withOrder(UpdateOrder.START_FIRST);
                default -> throw new GwrunError("swarm", what + ".order must be stop-first or start-first, not '" + o + "'");
            }
        }
    }

    private static EndpointSpec endpoint(Service s, Map<String, Object> deploy) {
        EndpointSpec e = new EndpointSpec();
        Object mode = deploy.get("endpoint_mode");
        if ("dnsrr".equals(mode)) e.withMode(EndpointResolutionMode.DNSRR);
        else if (mode == null || "vip".equals(mode)) e.withMode(EndpointResolutionMode.VIP);
        else throw new GwrunError("swarm", "service '" + s.name() + "': deploy.endpoint_mode must be vip or dnsrr, not '" + mode + "'");
        List<PortConfig> ports = new ArrayList<>();
        for (Port port : s.ports()) {
            PortConfig pc = new PortConfig().withTargetPort(port.target())
                    .withProtocol("udp".equals(port.protocol()) ? PortConfigProtocol.UDP : "sctp".equals(port.protocol()) ? PortConfigProtocol.SCTP : PortConfigProtocol.TCP)
                    .withPublishMode("host".equals(port.mode()) ? PortConfig.PublishMode.host : PortConfig.PublishMode.ingress);
            if (port.published() != null && !port.published().isBlank()) pc.withPublishedPort(Integer.parseInt(port.published()));
            ports.add(pc);
        }
        if (!ports.isEmpty()) e.withPorts(ports);
        return e;
    }

    // ---- plain data ----

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object o) {
        return o instanceof Map<?, ?> m ? (Map<String, Object>) m : null;
    }

    private static Object at(Map<String, Object> m, String path) {
        Object cur = m;
        for (String k : path.split("\\.")) {
            Map<String, Object> mm = map(cur);
            if (mm == null) return null;
            cur = mm.get(k);
        }
        return cur;
    }

    private static List<String> strings(Object o) {
        List<String> out = new ArrayList<>();
        if (o instanceof List<?> l) for (Object x : l) out.add(String.valueOf(x));
        return out;
    }

    private static Map<String, String> stringMap(Object o) {
        Map<String, String> out = new LinkedHashMap<>();
        if (o instanceof Map<?, ?> m) for (Map.Entry<?, ?> e : m.entrySet()) out.put(String.valueOf(e.getKey()), e.getValue() == null ? "" : String.valueOf(e.getValue()));
        else if (o instanceof List<?> l) {
            for (Object x : l) {
                String s = String.valueOf(x);
                int i = s.indexOf('=');
                out.put(i < 0 ? s : s.substring(0, i), i < 0 ? "" : s.substring(i + 1));
            }
        }
        return out;
    }

    private static final Pattern GO_DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)(ns|us|µs|ms|s|m|h)");

    /** A duration from the loader's canonical form (a Go duration string like 1m30s) or a gwrun duration. */
    static Duration duration(Object o, String what) {
        if (o == null) return null;
        if (o instanceof Duration d) return d;
        if (o instanceof Number n) return Duration.ofSeconds(n.longValue());
        String t = o.toString().strip();
        if (t.equals("0")) return Duration.ZERO;
        Matcher m = GO_DURATION.matcher(t);
        double nanos = 0;
        int end = 0;
        while (m.find()) {
            if (m.start() != end) break;
            end = m.end();
            double v = Double.parseDouble(m.group(1));
            nanos += switch (m.group(2)) {
                case "ns" -> v;
                case "us", "µs" -> v * 1e3;
                case "ms" -> v * 1e6;
                case "s" -> v * 1e9;
                case "m" -> v * 60e9;
                default -> v * 3600e9;
            };
        }
        if (end == 0 || end != t.length()) throw new GwrunError("swarm", what + ": '" + t + "' is not a duration (e.g. 10s, 1m30s, 500ms)");
        return Duration.ofNanos((long) nanos);
    }
}
