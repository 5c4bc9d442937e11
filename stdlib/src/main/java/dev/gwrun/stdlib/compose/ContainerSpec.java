package dev.gwrun.stdlib.compose;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.model.AccessMode;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.BindOptions;
import com.github.dockerjava.api.model.BindPropagation;
import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.HealthCheck;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.InternetProtocol;
import com.github.dockerjava.api.model.LogConfig;
import com.github.dockerjava.api.model.MountType;
import com.github.dockerjava.api.model.PortBinding;
import com.github.dockerjava.api.model.Ports;
import com.github.dockerjava.api.model.RestartPolicy;
import com.github.dockerjava.api.model.TmpfsOptions;
import com.github.dockerjava.api.model.VolumeOptions;
import dev.gwrun.runtime.GwrunError;
import dev.gwrun.stdlib.compose.model.FileObject;
import dev.gwrun.stdlib.compose.model.FileRef;
import dev.gwrun.stdlib.compose.model.Healthcheck;
import dev.gwrun.stdlib.compose.model.Mount;
import dev.gwrun.stdlib.compose.model.Port;
import dev.gwrun.stdlib.compose.model.Project;
import dev.gwrun.stdlib.compose.model.Service;
import dev.gwrun.stdlib.compose.model.ServiceNetwork;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One container of a service, as the engine is asked to create it: the service's settings turned into
 * docker-java's create request, Compose v2's labels, and the network aliases (the service name and the
 * container name on every network, plus the aliases the file gives) that let other services reach it by
 * service name. Networks past the first are joined after creation, before start.
 */
final class ContainerSpec {
    final Project project;
    final Service service;
    final int number;
    final String name;
    final String imageRef;
    final String imageId;
    final String hash;
    /** For a one-off (compose.run): the command instead of the service's, or null. */
    List<String> commandOverride;
    /** For a one-off: variables over the service's. */
    final Map<String, String> extraEnv = new LinkedHashMap<>();
    /** For a one-off: the user instead of the service's, or null. */
    String userOverride;
    /** One-offs publish no ports and have no restart policy, as docker compose run does by default. */
    boolean oneoff;
    /** Join the networks under the container's own name only (a rollout's new container, until it is ready). */
    boolean ownNameOnly;
    /** Other networks to join before start: engine network name to aliases and addresses. */
    final Map<String, ServiceNetwork> moreNetworks = new LinkedHashMap<>();

    ContainerSpec(Project project, Service service, int number, String name, String imageId) {
        this.project = project;
        this.service = service;
        this.number = number;
        this.name = name;
        this.imageRef = Names.image(project, service);
        this.imageId = imageId;
        this.hash = ConfigHash.of(service, imageId);
    }

    /** The service's containers' own labels and Compose's, as v2 writes them. */
    Map<String, String> labels(boolean oneoff, String slug) {
        Map<String, String> l = new LinkedHashMap<>(service.labels());
        l.put(Names.PROJECT, project.name());
        l.put(Names.SERVICE, service.name());
        if (!oneoff) l.put(Names.NUMBER, String.valueOf(number));
        l.put(Names.ONEOFF, oneoff ? "True" : "False");
        if (slug != null) l.put(Names.SLUG, slug);
        l.put(Names.CONFIG_FILES, String.join(",", project.configFiles().stream().map(Object::toString).toList()));
        l.put(Names.WORKING_DIR, project.workingDir() == null ? "" : project.workingDir().toString());
        List<String> deps = new ArrayList<>();
        service.dependsOn().forEach((dep, d) -> deps.add(dep + ":" + d.condition() + ":" + d.restart()));
        l.put(Names.DEPENDS_ON, String.join(",", deps));
        l.put(Names.IMAGE, imageId == null ? "" : imageId);
        l.put(Names.VERSION, Names.COMPOSE_VERSION);
        l.put(Names.CONFIG_HASH, hash);
        l.put(Names.CONFIG_PARTS, ConfigHash.partsLabel(service, imageId));
        return l;
    }

    /**
     * The create request.
     *
     * @param networkModeContainer for network_mode service:NAME, the id of that service's container; else null
     */
    CreateContainerCmd create(DockerClient d, String containerName, Map<String, String> labels, String networkModeContainer) {
        CreateContainerCmd cmd = d.createContainerCmd(imageRef).withName(containerName).withLabels(labels);
        List<String> env = new ArrayList<>();
        Map<String, String> vars = new LinkedHashMap<>(service.environment());
        vars.putAll(extraEnv);
        vars.forEach((k, v) -> env.add(v == null ? k : k + "=" + v));
        cmd.withEnv(env);
        if (commandOverride != null) cmd.withCmd(commandOverride);
        else if (service.command() != null) cmd.withCmd(service.command());
        if (service.entrypoint() != null) cmd.withEntrypoint(service.entrypoint());
        if (userOverride != null) cmd.withUser(userOverride);
        else if (service.user() != null) cmd.withUser(service.user());
        if (service.workingDir() != null) cmd.withWorkingDir(service.workingDir());
        if (service.hostname() != null) cmd.withHostName(service.hostname());
        if (service.tty()) cmd.withTty(true);
        if (service.stdinOpen()) cmd.withStdinOpen(true);
        if (service.stopSignal() != null) cmd.withStopSignal(service.stopSignal());
        if (service.stopGracePeriod() != null) cmd.withStopTimeout(seconds(service.stopGracePeriod()));
        if (service.healthcheck() != null) cmd.withHealthcheck(healthcheck(service.healthcheck()));

        HostConfig host = HostConfig.newHostConfig();
        RestartPolicy restart = oneoff ? null : restart(service);
        if (restart != null) host.withRestartPolicy(restart);
        if (service.init() != null) host.withInit(service.init());
        if (service.privileged()) host.withPrivileged(true);
        if (service.readOnly()) host.withReadonlyRootfs(true);
        if (!service.capAdd().isEmpty()) host.withCapAdd(capabilities(service.capAdd()));
        if (!service.capDrop().isEmpty()) host.withCapDrop(capabilities(service.capDrop()));
        if (!service.dns().isEmpty()) host.withDns(service.dns());
        if (!service.extraHosts().isEmpty()) {
            host.withExtraHosts(service.extraHosts().stream().map(ContainerSpec::extraHost).toArray(String[]::new));
        }
        if (!service.sysctls().isEmpty()) host.withSysctls(service.sysctls());
        if (service.logging() != null && service.logging().driver() != null) {
            host.withLogConfig(new LogConfig(LogConfig.LoggingType.fromValue(service.logging().driver()), service.logging().options()));
        }
        Map<String, String> tmpfs = new LinkedHashMap<>();
        for (String t : service.tmpfs()) {
            int colon = t.indexOf(':');
            tmpfs.put(colon < 0 ? t : t.substring(0, colon), colon < 0 ? "" : t.substring(colon + 1));
        }
        mounts(host, tmpfs);
        if (!tmpfs.isEmpty()) host.withTmpFs(tmpfs);

        List<PortBinding> bindings = new ArrayList<>();
        List<ExposedPort> exposed = new ArrayList<>();
        for (Port p : oneoff ? List.<Port>of() : service.ports()) {
            ExposedPort e = new ExposedPort(p.target(), InternetProtocol.parse(p.protocol() == null ? "tcp" : p.protocol()));
            exposed.add(e);
            bindings.add(new PortBinding(p.published() == null || p.published().isBlank()
                    ? Ports.Binding.bindIp(p.hostIp() == null ? "" : p.hostIp())
                    : new Ports.Binding(p.hostIp(), p.published()), e));
        }
        RawSettings.apply(service, host, exposed);
        if (!exposed.isEmpty()) cmd.withExposedPorts(exposed);
        if (!bindings.isEmpty()) host.withPortBindings(bindings);

        String mode = service.networkMode();
        if (mode != null) {
            host.withNetworkMode(mode.startsWith("service:") ? "container:" + networkModeContainer : mode);
        } else {
            boolean first = true;
            for (Map.Entry<String, ServiceNetwork> e : byPriority(service.networks()).entrySet()) {
                String engineName = networkName(e.getKey());
                if (first) {
                    host.withNetworkMode(engineName);
                    cmd.withAliases(aliases(containerName, e.getValue()));
                    if (e.getValue() != null && e.getValue().ipv4Address() != null) cmd.withIpv4Address(e.getValue().ipv4Address());
                    first = false;
                } else {
                    moreNetworks.put(engineName, e.getValue());
                }
            }
        }
        cmd.withHostConfig(host);
        return cmd;
    }

    /** The service name, the container name and the file's aliases: how other containers find this one. */
    List<String> aliases(String containerName, ServiceNetwork sn) {
        if (ownNameOnly) return new ArrayList<>(List.of(containerName));
        List<String> a = new ArrayList<>(List.of(containerName, service.name()));
        if (sn != null && sn.aliases() != null) for (String x : sn.aliases()) if (!a.contains(x)) a.add(x);
        return a;
    }

    String networkName(String key) {
        var n = project.networks().get(key);
        if (n == null) throw new GwrunError("compose", "service '" + service.name() + "' joins network '" + key + "', which the project does not define");
        return n.name();
    }

    /** Networks by priority (highest first), then in file order, as Compose orders them. */
    static Map<String, ServiceNetwork> byPriority(Map<String, ServiceNetwork> networks) {
        List<Map.Entry<String, ServiceNetwork>> list = new ArrayList<>(networks.entrySet());
        list.sort((a, b) -> Integer.compare(priority(b.getValue()), priority(a.getValue())));
        Map<String, ServiceNetwork> out = new LinkedHashMap<>();
        for (Map.Entry<String, ServiceNetwork> e : list) out.put(e.getKey(), e.getValue());
        return out;
    }

    private static int priority(ServiceNetwork sn) {
        return sn == null || sn.priority() == null ? 0 : sn.priority();
    }

    private void mounts(HostConfig host, Map<String, String> tmpfs) {
        List<com.github.dockerjava.api.model.Mount> mounts = new ArrayList<>();
        List<Bind> binds = new ArrayList<>();
        for (Mount m : service.volumes()) {
            String type = m.type() == null ? "volume" : m.type();
            switch (type) {
                case "bind" -> {
                    if (m.createHostPath()) {
                        // The short syntax: the engine creates a missing host path (a Mount would refuse it).
                        binds.add(new Bind(m.source(), new com.github.dockerjava.api.model.Volume(m.target()), m.readOnly() ? AccessMode.ro : AccessMode.rw));
                    } else {
                        var mount = new com.github.dockerjava.api.model.Mount().withType(MountType.BIND).withSource(m.source())
                                .withTarget(m.target()).withReadOnly(m.readOnly());
                        if (m.propagation() != null) {
                            mount.withBindOptions(new BindOptions().withPropagation(propagation(m.propagation())));
                        }
                        mounts.add(mount);
                    }
                }
                case "volume" -> {
                    String source = null;
                    if (m.source() != null && !m.source().isBlank()) {
                        var v = project.volumes().get(m.source());
                        source = v == null ? m.source() : v.name();
                    }
                    var mount = new com.github.dockerjava.api.model.Mount().withType(MountType.VOLUME).withTarget(m.target()).withReadOnly(m.readOnly());
                    if (source != null) mount.withSource(source);
                    if (m.noCopy()) mount.withVolumeOptions(new VolumeOptions().withNoCopy(true));
                    mounts.add(mount);
                }
                case "tmpfs" -> {
                    var mount = new com.github.dockerjava.api.model.Mount().withType(MountType.TMPFS).withTarget(m.target());
                    if (m.tmpfsSize() != null) mount.withTmpfsOptions(new TmpfsOptions().withSizeBytes(m.tmpfsSize()));
                    mounts.add(mount);
                }
                default -> throw new GwrunError("compose", "service '" + service.name() + "': volumes of type " + type + " are not supported");
            }
        }
        fileMounts(service.secrets(), project.secrets(), "/run/secrets/", "secret", binds);
        fileMounts(service.configs(), project.configs(), "/", "config", binds);
        if (!mounts.isEmpty()) host.withMounts(mounts);
        if (!binds.isEmpty()) host.withBinds(binds);
    }

    /** File-based secrets and configs are bind-mounted read-only, as Compose does without Swarm. */
    private void fileMounts(List<FileRef> refs, Map<String, FileObject> defined, String defaultDir, String kind, List<Bind> binds) {
        for (FileRef r : refs) {
            FileObject f = defined.get(r.source());
            if (f == null || f.file() == null) {
                throw new GwrunError("compose", "service '" + service.name() + "': " + kind + " '" + r.source()
                        + "' is not a file; gwrun mounts file " + kind + "s only");
            }
            String target = r.target() != null ? r.target() : defaultDir + r.source();
            if (!target.startsWith("/")) target = defaultDir + target;
            binds.add(new Bind(f.file().toString(), new com.github.dockerjava.api.model.Volume(target), AccessMode.ro));
        }
    }

    private static BindPropagation propagation(String p) {
        String n = p.toUpperCase(Locale.ROOT);
        try {
            return BindPropagation.valueOf(n.startsWith("R") ? "R_" + n.substring(1) : n);
        } catch (IllegalArgumentException e) {
            throw new GwrunError("compose", "unknown bind propagation '" + p + "'");
        }
    }

    static RestartPolicy restart(Service s) {
        String r = s.restart();
        Object deployRestart = s.deploy().get("restart_policy");
        if (deployRestart instanceof Map<?, ?> policy && policy.get("condition") != null) {
            String condition = String.valueOf(policy.get("condition"));
            Object max = policy.get("max_attempts");
            r = switch (condition) {
                case "none" -> "no";
                case "any" -> "always";
                default -> condition + (max == null ? "" : ":" + max);
            };
        }
        if (r == null || r.isBlank()) return null;
        try {
            return RestartPolicy.parse(r);
        } catch (IllegalArgumentException e) {
            throw new GwrunError("compose", "service '" + s.name() + "': restart must be no, always, unless-stopped or on-failure[:N], got '" + r + "'");
        }
    }

    /** Whether the container is expected to run once and exit: no restart policy (or on-failure). */
    static boolean mayComplete(Service s) {
        RestartPolicy p = restart(s);
        String name = p == null ? "no" : p.getName();
        return name == null || name.isEmpty() || name.equals("no") || name.equals("on-failure");
    }

    static HealthCheck healthcheck(Healthcheck h) {
        HealthCheck out = new HealthCheck();
        if (h.disable()) return out.withTest(List.of("NONE"));
        if (h.test() != null && !h.test().isEmpty()) out.withTest(h.test());
        if (h.interval() != null) out.withInterval(h.interval().toNanos());
        if (h.timeout() != null) out.withTimeout(h.timeout().toNanos());
        if (h.startPeriod() != null) out.withStartPeriod(h.startPeriod().toNanos());
        if (h.retries() != null) out.withRetries(h.retries());
        return out;
    }

    private static Capability[] capabilities(List<String> names) {
        Capability[] out = new Capability[names.size()];
        for (int i = 0; i < names.size(); i++) {
            String n = names.get(i).toUpperCase(Locale.ROOT);
            if (n.startsWith("CAP_")) n = n.substring(4);
            try {
                out[i] = Capability.valueOf(n);
            } catch (IllegalArgumentException e) {
                throw new GwrunError("compose", "unknown capability '" + names.get(i) + "'");
            }
        }
        return out;
    }

    /** "host:ip" as the engine takes it; Compose also writes "host=ip". */
    private static String extraHost(String h) {
        int eq = h.indexOf('=');
        return eq > 0 ? h.substring(0, eq) + ":" + h.substring(eq + 1) : h;
    }

    static int seconds(Duration d) {
        return (int) Math.min(Integer.MAX_VALUE, Math.max(0, (d.toMillis() + 999) / 1000));
    }
}
