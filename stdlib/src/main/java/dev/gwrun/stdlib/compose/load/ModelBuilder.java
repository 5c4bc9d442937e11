package dev.gwrun.stdlib.compose.load;

import dev.gwrun.stdlib.compose.model.Build;
import dev.gwrun.stdlib.compose.model.Dependency;
import dev.gwrun.stdlib.compose.model.FileObject;
import dev.gwrun.stdlib.compose.model.FileRef;
import dev.gwrun.stdlib.compose.model.Healthcheck;
import dev.gwrun.stdlib.compose.model.Logging;
import dev.gwrun.stdlib.compose.model.Mount;
import dev.gwrun.stdlib.compose.model.Network;
import dev.gwrun.stdlib.compose.model.Port;
import dev.gwrun.stdlib.compose.model.Service;
import dev.gwrun.stdlib.compose.model.ServiceNetwork;
import dev.gwrun.stdlib.compose.model.Volume;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The last stage: the resolved model to the records and to v2's canonical plain data (services sorted
 * by name, each service's keys sorted). It reads only canonical shapes, which the earlier stages have
 * checked, so nothing here can fail on user input.
 */
final class ModelBuilder {
    private ModelBuilder() {}

    /** Service keys whose values are Go maps in compose-go's types, which v2 prints with sorted keys. */
    private static final Set<String> SORTED_MAPS = Set.of("environment", "labels", "annotations", "sysctls", "depends_on",
            "networks", "storage_opt", "ulimits");
    private static final Set<String> SORTED_NESTED = Set.of("args", "labels", "additional_contexts", "options", "driver_opts");
    private static final Set<String> OMIT_FALSE = Set.of("tty", "stdin_open", "privileged", "read_only", "oom_kill_disable",
            "external", "internal", "attachable");
    /** compose-go's struct field order for the structs v2 prints. */
    static final List<String> HEALTHCHECK_ORDER = List.of("test", "timeout", "interval", "retries", "start_period", "start_interval", "disable");
    static final List<String> BUILD_ORDER = List.of("context", "dockerfile", "dockerfile_inline", "entitlements", "args", "ssh",
            "labels", "cache_from", "cache_to", "no_cache", "additional_contexts", "network", "provenance", "sbom", "pull",
            "target", "shm_size", "extra_hosts", "isolation", "privileged", "secrets", "tags", "ulimits", "platforms");
    static final List<String> NETWORK_ORDER = List.of("name", "driver", "driver_opts", "ipam", "external", "internal",
            "attachable", "labels", "enable_ipv4", "enable_ipv6");
    static final List<String> FILE_OBJECT_ORDER = List.of("name", "file", "environment", "content", "external", "labels",
            "driver", "driver_opts", "template_driver");

    /** A service as v2 prints it: keys sorted, map-typed values sorted by key, structs in compose-go's field order. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> canonicalService(YNode.YMap svc) {
        Map<String, Object> out = new TreeMap<>();
        for (YNode.Entry e : svc.entries().values()) {
            Object v = e.value().plain();
            // Go's omitempty: an empty string or a false plain bool field is not printed
            if ("".equals(v) || (Boolean.FALSE.equals(v) && OMIT_FALSE.contains(e.key()))) continue;
            if (SORTED_MAPS.contains(e.key()) && v instanceof Map<?, ?> m) v = new LinkedHashMap<>(new TreeMap<>((Map<String, Object>) m));
            if (e.key().equals("extra_hosts") && v instanceof List<?> l) v = new ArrayList<>(new java.util.TreeSet<>((List<String>) l));
            if (e.key().equals("healthcheck") && v instanceof Map<?, ?> m) v = ordered((Map<String, Object>) m, HEALTHCHECK_ORDER);
            if ((e.key().equals("build") || e.key().equals("logging")) && v instanceof Map<?, ?> m) {
                Map<String, Object> b = e.key().equals("build") ? ordered((Map<String, Object>) m, BUILD_ORDER) : (Map<String, Object>) m;
                for (String k : SORTED_NESTED) if (b.get(k) instanceof Map<?, ?> n) b.put(k, new LinkedHashMap<>(new TreeMap<>((Map<String, Object>) n)));
                v = b;
            }
            out.put(e.key(), v);
        }
        return new LinkedHashMap<>(out);
    }

    /** A map with its keys in the given order, any others after them in their own order. */
    static Map<String, Object> ordered(Map<String, Object> m, List<String> order) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (String k : order) if (m.containsKey(k)) out.put(k, m.get(k));
        m.forEach(out::putIfAbsent);
        return out;
    }

    /** A top-level section (networks, volumes, …) as v2 prints it: entries sorted, each in compose-go's field order. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> canonicalSection(Map<String, Object> section, List<String> order) {
        Map<String, Object> out = new LinkedHashMap<>();
        new TreeMap<>(section).forEach((k, v) -> {
            Map<String, Object> m = ordered((Map<String, Object>) v, order);
            m.entrySet().removeIf(x -> "".equals(x.getValue()) || (Boolean.FALSE.equals(x.getValue()) && OMIT_FALSE.contains(x.getKey())));
            for (String n : List.of("labels", "driver_opts")) if (m.get(n) instanceof Map<?, ?> x) m.put(n, new LinkedHashMap<>(new TreeMap<>((Map<String, Object>) x)));
            out.put(k, m);
        });
        return out;
    }

    @SuppressWarnings("unchecked")
    static Service service(String name, Map<String, Object> raw) {
        Map<String, Object> deploy = raw.get("deploy") instanceof Map<?, ?> d ? (Map<String, Object>) d : Map.of();
        int replicas = 1;
        if (deploy.get("replicas") instanceof Number n) replicas = n.intValue();
        else if (raw.get("scale") instanceof Number n) replicas = n.intValue();
        return new Service(name, str(raw.get("image")), build(raw.get("build")), strList(raw.get("command"), true),
                strList(raw.get("entrypoint"), true), strMap(raw.get("environment")), strMap(raw.get("labels")),
                ports(raw.get("ports")), mounts(raw.get("volumes")), networks(raw.get("networks")), str(raw.get("network_mode")),
                dependsOn(raw.get("depends_on")), healthcheck(raw.get("healthcheck")), str(raw.get("restart")), replicas,
                str(raw.get("container_name")), raw.get("init") instanceof Boolean b ? b : null, str(raw.get("user")),
                str(raw.get("working_dir")), str(raw.get("hostname")), strList(raw.get("extra_hosts"), false),
                strList(raw.get("profiles"), false), str(raw.get("pull_policy")), duration(raw.get("stop_grace_period")),
                str(raw.get("stop_signal")), bool(raw.get("tty")), bool(raw.get("stdin_open")), bool(raw.get("privileged")),
                bool(raw.get("read_only")), strList(raw.get("cap_add"), false), strList(raw.get("cap_drop"), false),
                strList(raw.get("dns"), false), strList(raw.get("tmpfs"), false), strMap(raw.get("sysctls")),
                logging(raw.get("logging")), fileRefs(raw.get("secrets"), "/run/secrets/"), fileRefs(raw.get("configs"), "/"),
                Collections.unmodifiableMap(new LinkedHashMap<>(deploy)), Collections.unmodifiableMap(raw));
    }

    @SuppressWarnings("unchecked")
    private static Build build(Object o) {
        if (!(o instanceof Map<?, ?> m)) return null;
        List<String> platforms = strList(m.get("platforms"), false);
        return new Build(str(m.get("context")), str(m.get("dockerfile")), str(m.get("dockerfile_inline")), strMap(m.get("args")),
                str(m.get("target")), strList(m.get("cache_from"), false), strMap(m.get("labels")), str(m.get("network")),
                strList(m.get("tags"), false), platforms.isEmpty() ? null : platforms.get(0));
    }

    private static List<Port> ports(Object o) {
        List<Port> out = new ArrayList<>();
        if (o instanceof List<?> l) {
            for (Object p : l) {
                Map<?, ?> m = (Map<?, ?>) p;
                out.add(new Port(str(m.get("host_ip")), str(m.get("published")), ((Number) m.get("target")).intValue(),
                        str(m.get("protocol")), str(m.get("mode")), str(m.get("name")), str(m.get("app_protocol"))));
            }
        }
        return List.copyOf(out);
    }

    private static List<Mount> mounts(Object o) {
        List<Mount> out = new ArrayList<>();
        if (o instanceof List<?> l) {
            for (Object v : l) {
                Map<?, ?> m = (Map<?, ?>) v;
                Map<?, ?> bind = m.get("bind") instanceof Map<?, ?> b ? b : Map.of();
                Map<?, ?> vol = m.get("volume") instanceof Map<?, ?> b ? b : Map.of();
                Map<?, ?> tmpfs = m.get("tmpfs") instanceof Map<?, ?> b ? b : Map.of();
                out.add(new Mount(str(m.get("type")), str(m.get("source")), str(m.get("target")), bool(m.get("read_only")),
                        bool(bind.get("create_host_path")), str(bind.get("propagation")), bool(vol.get("nocopy")),
                        tmpfs.get("size") instanceof Number n ? n.longValue() : null, str(m.get("consistency")), str(vol.get("subpath"))));
            }
        }
        return List.copyOf(out);
    }

    private static Map<String, ServiceNetwork> networks(Object o) {
        Map<String, ServiceNetwork> out = new LinkedHashMap<>();
        if (o instanceof Map<?, ?> m) {
            for (Map.Entry<?, ?> e : m.entrySet()) {
                Map<?, ?> n = e.getValue() instanceof Map<?, ?> x ? x : Map.of();
                out.put((String) e.getKey(), new ServiceNetwork(strList(n.get("aliases"), false), str(n.get("ipv4_address")),
                        str(n.get("ipv6_address")), n.get("priority") instanceof Number p ? p.intValue() : null));
            }
        }
        return Collections.unmodifiableMap(out);
    }

    private static Map<String, Dependency> dependsOn(Object o) {
        Map<String, Dependency> out = new LinkedHashMap<>();
        if (o instanceof Map<?, ?> m) {
            for (Map.Entry<?, ?> e : m.entrySet()) {
                Map<?, ?> d = (Map<?, ?>) e.getValue();
                out.put((String) e.getKey(), new Dependency(str(d.get("condition")), bool(d.get("restart")), !Boolean.FALSE.equals(d.get("required"))));
            }
        }
        return Collections.unmodifiableMap(out);
    }

    private static Healthcheck healthcheck(Object o) {
        if (!(o instanceof Map<?, ?> m)) return null;
        boolean disable = bool(m.get("disable"));
        List<String> test = disable ? List.of("NONE") : strList(m.get("test"), false);
        return new Healthcheck(test, duration(m.get("interval")), duration(m.get("timeout")),
                m.get("retries") instanceof Number n ? n.intValue() : null, duration(m.get("start_period")),
                duration(m.get("start_interval")), disable);
    }

    private static Logging logging(Object o) {
        if (!(o instanceof Map<?, ?> m)) return null;
        return new Logging(str(m.get("driver")), strMap(m.get("options")));
    }

    private static List<FileRef> fileRefs(Object o, String defaultDir) {
        List<FileRef> out = new ArrayList<>();
        if (o instanceof List<?> l) {
            for (Object r : l) {
                Map<?, ?> m = (Map<?, ?>) r;
                String source = str(m.get("source"));
                String target = str(m.get("target"));
                out.add(new FileRef(source, target != null ? target : defaultDir + source, str(m.get("uid")), str(m.get("gid")),
                        m.get("mode") instanceof Number n ? n.intValue() : null));
            }
        }
        return List.copyOf(out);
    }

    static Network network(String key, Map<?, ?> m) {
        return new Network(key, str(m.get("name")), str(m.get("driver")), strMap(m.get("driver_opts")), bool(m.get("external")),
                bool(m.get("internal")), bool(m.get("attachable")), m.get("enable_ipv6") instanceof Boolean b ? b : null,
                strMap(m.get("labels")), objMap(m.get("ipam")));
    }

    static Volume volume(String key, Map<?, ?> m) {
        return new Volume(key, str(m.get("name")), str(m.get("driver")), strMap(m.get("driver_opts")), bool(m.get("external")),
                strMap(m.get("labels")));
    }

    static FileObject fileObject(String key, Map<?, ?> m) {
        String file = str(m.get("file"));
        return new FileObject(key, str(m.get("name")), file == null ? null : Path.of(file), str(m.get("environment")),
                str(m.get("content")), bool(m.get("external")));
    }

    static String str(Object o) { return o == null ? null : o.toString(); }

    static boolean bool(Object o) { return Boolean.TRUE.equals(o); }

    private static Duration duration(Object o) {
        if (o == null) return null;
        Long ns = Units.parseDuration(o.toString());
        return ns == null ? null : Duration.ofNanos(ns);
    }

    /** Lists of strings; for command/entrypoint null stays null (not set), elsewhere it is an empty list. */
    static List<String> strList(Object o, boolean nullable) {
        if (!(o instanceof List<?> l)) return nullable ? null : List.of();
        List<String> out = new ArrayList<>();
        for (Object x : l) out.add(str(x));
        return Collections.unmodifiableList(out);
    }

    static Map<String, String> strMap(Object o) {
        Map<String, String> out = new LinkedHashMap<>();
        if (o instanceof Map<?, ?> m) for (Map.Entry<?, ?> e : m.entrySet()) out.put((String) e.getKey(), str(e.getValue()));
        return Collections.unmodifiableMap(out);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> objMap(Object o) {
        return o instanceof Map<?, ?> m ? Collections.unmodifiableMap((Map<String, Object>) m) : Map.of();
    }
}
