package dev.gwrun.stdlib.compose;

import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.InternetProtocol;
import com.github.dockerjava.api.model.Ulimit;
import dev.gwrun.stdlib.compose.model.Service;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Service settings the model's records do not name, read from the service's canonical map: resource
 * limits, pid/ipc modes, security options, ulimits, expose. What a container is created with from them
 * is applied here; {@link #others} is every such key (applied or not), so a change to one counts in the
 * config hash.
 */
final class RawSettings {
    /** Canonical keys the Service record holds (or that do not shape a container). */
    private static final Set<String> IN_RECORD = Set.of("image", "build", "command", "entrypoint", "environment", "env_file", "labels",
            "ports", "volumes", "networks", "network_mode", "depends_on", "healthcheck", "restart", "scale", "container_name", "init",
            "user", "working_dir", "hostname", "extra_hosts", "profiles", "pull_policy", "stop_grace_period", "stop_signal", "tty",
            "stdin_open", "privileged", "read_only", "cap_add", "cap_drop", "dns", "tmpfs", "sysctls", "logging", "secrets", "configs",
            "deploy", "develop", "extends");

    /** The keys outside the record that {@link #apply} applies. */
    private static final Set<String> APPLIED = Set.of("mem_limit", "mem_reservation", "shm_size", "pids_limit", "cpus", "pid", "ipc",
            "security_opt", "group_add", "ulimits", "expose");

    private RawSettings() {}

    /** The service's settings gwrun does not apply (links, volumes_from, devices, …), for a warning line. */
    static List<String> ignored(Service s) {
        List<String> out = new ArrayList<>();
        for (String k : others(s).keySet()) if (!APPLIED.contains(k)) out.add(k);
        return out;
    }

    /** The service's settings outside the record, sorted, for the config hash. */
    static Map<String, Object> others(Service s) {
        Map<String, Object> out = new TreeMap<>();
        s.raw().forEach((k, v) -> {
            if (!IN_RECORD.contains(k) && !k.startsWith("x-")) out.put(k, v);
        });
        return out;
    }

    static void apply(Service s, HostConfig host, List<ExposedPort> exposed) {
        Map<String, Object> raw = s.raw();
        Long mem = number(raw.get("mem_limit"));
        if (mem != null) host.withMemory(mem);
        Long reservation = number(raw.get("mem_reservation"));
        if (reservation != null) host.withMemoryReservation(reservation);
        Long shm = number(raw.get("shm_size"));
        if (shm != null) host.withShmSize(shm);
        Long pids = number(raw.get("pids_limit"));
        if (pids != null) host.withPidsLimit(pids);
        Object cpus = raw.get("cpus");
        if (cpus != null) {
            try {
                host.withNanoCPUs((long) (Double.parseDouble(String.valueOf(cpus)) * 1e9));
            } catch (NumberFormatException ignored) {
                // the loader validates cpus; nothing sensible to apply otherwise
            }
        }
        // deploy.resources, as Compose v2 applies them without Swarm.
        if (s.deploy().get("resources") instanceof Map<?, ?> resources) {
            if (resources.get("limits") instanceof Map<?, ?> limits) {
                Long m = number(limits.get("memory"));
                if (m != null) host.withMemory(m);
                Long p = number(limits.get("pids"));
                if (p != null) host.withPidsLimit(p);
                if (limits.get("cpus") != null) {
                    try {
                        host.withNanoCPUs((long) (Double.parseDouble(String.valueOf(limits.get("cpus"))) * 1e9));
                    } catch (NumberFormatException ignored) {
                        // validated by the loader
                    }
                }
            }
            if (resources.get("reservations") instanceof Map<?, ?> reservations) {
                Long m = number(reservations.get("memory"));
                if (m != null) host.withMemoryReservation(m);
            }
        }
        if (raw.get("pid") != null) host.withPidMode(String.valueOf(raw.get("pid")));
        if (raw.get("ipc") != null) host.withIpcMode(String.valueOf(raw.get("ipc")));
        List<String> security = strings(raw.get("security_opt"));
        if (!security.isEmpty()) host.withSecurityOpts(security);
        List<String> groups = strings(raw.get("group_add"));
        if (!groups.isEmpty()) host.withGroupAdd(groups);
        if (raw.get("ulimits") instanceof Map<?, ?> limits) {
            List<Ulimit> out = new ArrayList<>();
            limits.forEach((name, v) -> {
                if (v instanceof Map<?, ?> m) {
                    Long soft = number(m.get("soft")), hard = number(m.get("hard"));
                    if (soft != null && hard != null) out.add(new Ulimit(String.valueOf(name), soft, hard));
                } else {
                    Long n = number(v);
                    if (n != null) out.add(new Ulimit(String.valueOf(name), n, n));
                }
            });
            if (!out.isEmpty()) host.withUlimits(out);
        }
        for (String e : strings(raw.get("expose"))) {
            String port = e, proto = "tcp";
            int slash = e.indexOf('/');
            if (slash > 0) {
                port = e.substring(0, slash);
                proto = e.substring(slash + 1);
            }
            try {
                ExposedPort p = new ExposedPort(Integer.parseInt(port), InternetProtocol.parse(proto));
                if (!exposed.contains(p)) exposed.add(p);
            } catch (IllegalArgumentException ignored) {
                // a range or a malformed port: the loader reports those
            }
        }
    }

    private static Long number(Object v) {
        if (v instanceof Number n) return n.longValue();
        if (v instanceof CharSequence cs) {
            try {
                return Long.parseLong(cs.toString().strip());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    private static List<String> strings(Object v) {
        List<String> out = new ArrayList<>();
        if (v instanceof List<?> l) for (Object o : l) out.add(String.valueOf(o));
        return out;
    }
}
