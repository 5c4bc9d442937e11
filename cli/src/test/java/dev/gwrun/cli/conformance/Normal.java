package dev.gwrun.cli.conformance;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The comparable form of a resolved Compose project: what {@code docker-compose config} (v1) prints and what
 * gwrun's loader resolves (Compose v2's canonical model) are both brought to it, so that what is left between
 * them is a difference of meaning, not of spelling. Every rule is listed and argued in
 * docs/compose-conformance.md ("The comparable form"); the rule numbers below are that list's.
 *
 * <p>The form is plain data: maps sorted by key, lists, and strings (every scalar is a string; null stays null).
 */
final class Normal {
    /** What the rules need to know about the load: the project name and the active profiles. */
    record Context(String project, Set<String> profiles) {}

    private Normal() {}

    /** v1's printed YAML (as snakeyaml reads it) to the comparable form: v1-only rules, then the shared ones. */
    static Map<String, Object> fromV1(Map<String, Object> v1, Context ctx) {
        Map<String, Object> doc = copy(v1);
        unescapeDollars(doc);                                        // rule 3
        Map<String, Object> services = map(doc.get("services"));
        if (services != null) {
            services.values().removeIf(s -> !enabled(map(s), ctx));  // rule 4
            for (Object s : services.values()) impliedDependencies(map(s));  // rule 13
        }
        return common(doc, ctx);
    }

    /** gwrun's canonical model (Compose v2's form) to the comparable form: only the shared rules. */
    static Map<String, Object> fromV2(Map<String, Object> v2, Context ctx) {
        return common(copy(v2), ctx);
    }

    private static Map<String, Object> common(Map<String, Object> doc, Context ctx) {
        Map<String, Object> out = new TreeMap<>();
        for (Map.Entry<String, Object> e : doc.entrySet()) {
            String key = e.getKey();
            if (key.equals("version") || key.equals("name") || key.startsWith("x-")) continue;   // rules 1, 2, 5
            switch (key) {
                case "services" -> {
                    Map<String, Object> services = new TreeMap<>();
                    Map<String, Object> in = map(e.getValue());
                    if (in != null) in.forEach((name, s) -> services.put(name, service(map(s))));
                    out.put(key, services);
                }
                case "networks", "volumes", "secrets", "configs" -> {
                    Map<String, Object> resources = new TreeMap<>();
                    Map<String, Object> in = map(e.getValue());
                    if (in != null) in.forEach((name, r) -> resources.put(name, resource(key, name, map(r), ctx)));
                    // rule 9: the implicit default network, which v1 does not print
                    if (key.equals("networks") && Map.of().equals(resources.get("default"))) resources.remove("default");
                    if (!resources.isEmpty()) out.put(key, resources);
                }
                default -> out.put(key, scalars(e.getValue()));
            }
        }
        return out;
    }

    // ---------------------------------------------------------------- services

    private static final Set<String> DURATIONS = Set.of("interval", "timeout", "start_period", "start_interval", "stop_grace_period",
            "delay", "window", "monitor");
    private static final Set<String> SIZES = Set.of("mem_limit", "memswap_limit", "mem_reservation", "shm_size", "memory", "size");

    private static Map<String, Object> service(Map<String, Object> s) {
        Map<String, Object> out = new TreeMap<>();
        if (s == null) return out;
        for (Map.Entry<String, Object> e : s.entrySet()) {
            String key = e.getKey();
            Object v = e.getValue();
            if (key.startsWith("x-")) continue;
            switch (key) {
                case "build" -> out.put(key, build(v));
                case "command", "entrypoint" -> out.put(key, v instanceof String str ? Shell.split(str) : scalars(v));   // rule 16
                case "environment" -> {
                    Map<String, Object> env = keyValues(v, "=");                                                         // rule 11
                    if (!env.isEmpty()) out.put(key, env);
                }
                case "labels", "sysctls" -> out.put(key, keyValues(v, "="));                                              // rule 11
                case "secrets" -> out.put(key, secretTargets(fileRefs(v)));                                              // rule 19
                case "ports" -> out.put(key, ports(v));                                                                  // rule 6
                case "expose" -> out.put(key, scalars(v));
                case "volumes" -> out.put(key, volumes(v));                                                              // rule 7
                case "depends_on" -> out.put(key, dependsOn(v));                                                         // rule 12
                case "networks" -> {
                    Object n = serviceNetworks(v);                                                                       // rule 8
                    if (n != null) out.put(key, n);
                }
                case "healthcheck" -> out.put(key, healthcheck(map(v)));                                                 // rule 14
                case "dns", "dns_search", "tmpfs", "env_file" -> out.put(key, v instanceof String str ? List.of(str) : scalars(v));
                case "extra_hosts" -> out.put(key, extraHosts(v));                                                       // rule 17
                case "devices" -> out.put(key, devices(v));                                                              // rule 18
                case "configs" -> out.put(key, fileRefs(v));                                                             // rule 19
                case "pull_policy" -> out.put(key, "if_not_present".equals(v) ? "missing" : scalars(v));                // rule 20
                case "cpus" -> out.put(key, number(v));
                case "deploy" -> out.put(key, deploy(map(v)));
                case "logging" -> out.put(key, scalars(v));
                default -> out.put(key, sizedOrTimed(key, v));
            }
        }
        return out;
    }

    /** v1 prints services whose profiles are all inactive; v2 leaves them out. Rule 4. */
    static boolean enabled(Map<String, Object> service, Context ctx) {
        if (service == null || !(service.get("profiles") instanceof List<?> profiles) || profiles.isEmpty()) return true;
        for (Object p : profiles) if (ctx.profiles().contains(String.valueOf(p)) || ctx.profiles().contains("*")) return true;
        return false;
    }

    /**
     * Compose v2 adds a dependency for each link, each {@code network_mode: service:X} (and ipc, pid, …) and each
     * {@code volumes_from} service: it starts them first, as v1 does, but v1 does not print it. Rule 13.
     */
    private static void impliedDependencies(Map<String, Object> s) {
        if (s == null) return;
        Map<String, Object> deps = new LinkedHashMap<>();
        Object existing = s.get("depends_on");
        if (existing instanceof Map<?, ?> m) m.forEach((k, v) -> deps.put(String.valueOf(k), v));
        else if (existing instanceof List<?> l) for (Object k : l) deps.put(String.valueOf(k), Map.of("condition", "service_started"));
        if (s.get("links") instanceof List<?> links) {
            for (Object l : links) deps.putIfAbsent(String.valueOf(l).split(":")[0], Map.of("condition", "service_started"));
        }
        for (String ns : List.of("network_mode", "ipc", "pid", "uts", "cgroup")) {
            if (s.get(ns) instanceof String ref && ref.startsWith("service:")) {
                deps.putIfAbsent(ref.substring("service:".length()), Map.of("condition", "service_started"));
            }
        }
        if (s.get("volumes_from") instanceof List<?> from) {
            for (Object f : from) {
                String ref = String.valueOf(f);
                if (!ref.startsWith("container:")) deps.putIfAbsent(ref.split(":")[0], Map.of("condition", "service_started"));
            }
        }
        if (!deps.isEmpty()) s.put("depends_on", deps);
    }

    /** Rule 15: a string build is its context; the Dockerfile is named; args as a map. */
    private static Object build(Object v) {
        Map<String, Object> b = v instanceof String ctx ? new LinkedHashMap<>(Map.of("context", ctx)) : map(v);
        if (b == null) return scalars(v);
        Map<String, Object> out = new TreeMap<>();
        for (Map.Entry<String, Object> e : b.entrySet()) {
            switch (e.getKey()) {
                case "args", "labels" -> out.put(e.getKey(), keyValues(e.getValue(), "="));
                case "extra_hosts" -> out.put(e.getKey(), extraHosts(e.getValue()));
                case "shm_size" -> out.put(e.getKey(), bytes(e.getValue()));
                default -> out.put(e.getKey(), scalars(e.getValue()));
            }
        }
        if (!out.containsKey("dockerfile") && !out.containsKey("dockerfile_inline")) out.put("dockerfile", "Dockerfile");
        return out;
    }

    /** Rule 11: a list of KEY=VALUE is the map it stands for; a KEY alone maps to null. */
    static Map<String, Object> keyValues(Object v, String sep) {
        Map<String, Object> out = new TreeMap<>();
        if (v instanceof Map<?, ?> m) {
            m.forEach((k, x) -> out.put(String.valueOf(k), scalars(x)));
        } else if (v instanceof List<?> l) {
            for (Object item : l) {
                String s = String.valueOf(item);
                int i = s.indexOf(sep);
                if (i < 0) out.put(s, null);
                else out.put(s.substring(0, i), s.substring(i + sep.length()));
            }
        }
        return out;
    }

    // ---------------------------------------------------------------- ports

    private static final Pattern RANGE = Pattern.compile("(\\d+)(?:-(\\d+))?");

    /**
     * Rule 6: every port as one line {@code [host_ip:]published:target/protocol}, with {@code (host)} for mode
     * host and {@code name=…}/{@code app_protocol=…} when set; ranges expanded; the list sorted.
     */
    static List<Object> ports(Object v) {
        List<String> out = new ArrayList<>();
        if (v instanceof List<?> l) {
            for (Object p : l) {
                if (p instanceof Map<?, ?> m) out.add(longPort(m));
                else out.addAll(shortPort(String.valueOf(scalar(p))));
            }
        }
        out.sort(Comparator.naturalOrder());
        return new ArrayList<>(out);
    }

    private static String longPort(Map<?, ?> m) {
        String hostIp = str(m.get("host_ip"));
        String published = str(m.get("published"));
        String target = str(m.get("target"));
        String protocol = str(m.get("protocol"));
        String mode = str(m.get("mode"));
        StringBuilder b = new StringBuilder(port(hostIp, published, target, protocol));
        if ("host".equals(mode)) b.append(" (host)");
        if (m.get("name") != null) b.append(" name=").append(str(m.get("name")));
        if (m.get("app_protocol") != null) b.append(" app_protocol=").append(str(m.get("app_protocol")));
        return b.toString();
    }

    private static String port(String hostIp, String published, String target, String protocol) {
        String ip = hostIp == null || hostIp.isEmpty() ? "" : (hostIp.contains(":") && !hostIp.startsWith("[") ? "[" + hostIp + "]" : hostIp) + ":";
        String pub = published == null || published.isEmpty() ? "" : published;
        return ip + pub + ":" + target + "/" + (protocol == null || protocol.isEmpty() ? "tcp" : protocol);
    }

    /** The short syntax, as v1 prints it for host-ip forms ("127.0.0.1:8084:84/tcp", "::1:8086:86/tcp") or as written. */
    static List<String> shortPort(String spec) {
        String protocol = "tcp";
        int slash = spec.lastIndexOf('/');
        if (slash >= 0) {
            protocol = spec.substring(slash + 1);
            spec = spec.substring(0, slash);
        }
        String hostIp = null, published = null, target;
        int last = spec.lastIndexOf(':');
        if (last < 0) {
            target = spec;
        } else {
            target = spec.substring(last + 1);
            String rest = spec.substring(0, last);
            int prev = rest.lastIndexOf(':');
            if (prev < 0) {
                published = rest;
            } else {
                published = rest.substring(prev + 1);
                hostIp = rest.substring(0, prev);
                if (hostIp.startsWith("[") && hostIp.endsWith("]")) hostIp = hostIp.substring(1, hostIp.length() - 1);
            }
        }
        List<String> out = new ArrayList<>();
        Matcher t = RANGE.matcher(target);
        if (!t.matches()) return List.of(port(hostIp, published, target, protocol));
        int t0 = Integer.parseInt(t.group(1)), t1 = t.group(2) == null ? t0 : Integer.parseInt(t.group(2));
        Matcher p = published == null || published.isEmpty() ? null : RANGE.matcher(published);
        if (p != null && !p.matches()) return List.of(port(hostIp, published, target, protocol));
        for (int i = 0; i <= t1 - t0; i++) {
            String pub = null;
            if (p != null) {
                // A host range for one container port is kept as written (v2: any free port of the range).
                if (p.group(2) == null || t1 == t0) pub = published;
                else pub = String.valueOf(Integer.parseInt(p.group(1)) + i);
            }
            out.add(port(hostIp, pub, String.valueOf(t0 + i), protocol));
        }
        return out;
    }

    // ---------------------------------------------------------------- volumes

    /**
     * Rule 7: every volume in the long syntax: type, source, target, read_only only when true, and the
     * bind/volume/tmpfs options v2 derives from a short form's mode (rw is the default and dropped, ro is
     * read_only, z/Z is bind.selinux, nocopy is volume.nocopy, a propagation is bind.propagation, a short-form
     * bind creates its host path). Empty option maps dropped; the list sorted by target.
     */
    static List<Object> volumes(Object v) {
        List<Map<String, Object>> out = new ArrayList<>();
        if (v instanceof List<?> l) {
            for (Object x : l) out.add(x instanceof Map<?, ?> m ? longVolume(m) : shortVolume(String.valueOf(x)));
        }
        out.sort(Comparator.comparing(m -> String.valueOf(m.get("target"))));
        return new ArrayList<>(out);
    }

    private static Map<String, Object> longVolume(Map<?, ?> m) {
        Map<String, Object> out = new TreeMap<>();
        m.forEach((k, x) -> {
            String key = String.valueOf(k);
            if (key.equals("read_only")) {
                if ("true".equals(str(x))) out.put(key, "true");
            } else if (x instanceof Map<?, ?> opts) {
                Map<String, Object> o = new TreeMap<>();
                opts.forEach((ok, ov) -> {
                    String k2 = String.valueOf(ok);
                    if (k2.equals("size")) o.put(k2, bytes(ov));
                    else if (!(k2.equals("nocopy") && "false".equals(str(ov)))) o.put(k2, scalars(ov));
                });
                if (!o.isEmpty()) out.put(key, o);
            } else if (key.equals("target")) {
                out.put(key, cleanPath(str(x)));
            } else if (x != null) {
                out.put(key, scalars(x));
            }
        });
        return out;
    }

    private static final Set<String> PROPAGATIONS = Set.of("shared", "rshared", "slave", "rslave", "private", "rprivate");

    static Map<String, Object> shortVolume(String spec) {
        List<String> parts = new ArrayList<>(List.of(spec.split(":", -1)));
        // A Windows drive letter is not on this harness's paths; a source is everything before the target.
        String source = null, target, mode = null;
        if (parts.size() == 1) {
            target = parts.get(0);
        } else if (parts.size() == 2) {
            source = parts.get(0);
            target = parts.get(1);
        } else {
            source = parts.get(0);
            target = parts.get(1);
            mode = String.join(":", parts.subList(2, parts.size()));
        }
        Map<String, Object> out = new TreeMap<>();
        Map<String, Object> bind = new TreeMap<>(), volume = new TreeMap<>();
        String type;
        if (source == null || source.isEmpty()) {
            type = "volume";
        } else if (source.startsWith("/") || source.startsWith(".") || source.startsWith("~")) {
            type = "bind";
            out.put("source", source);
            bind.put("create_host_path", "true");
        } else {
            type = "volume";
            out.put("source", source);
        }
        out.put("type", type);
        out.put("target", cleanPath(target));
        if (mode != null) {
            for (String o : mode.split(",")) {
                switch (o) {
                    case "ro" -> out.put("read_only", "true");
                    case "rw", "" -> { }
                    case "z", "Z" -> bind.put("selinux", o);
                    case "nocopy" -> volume.put("nocopy", "true");
                    default -> {
                        if (PROPAGATIONS.contains(o)) bind.put("propagation", o);
                        else out.put("mode", o);
                    }
                }
            }
        }
        if (type.equals("bind") && !bind.isEmpty()) out.put("bind", bind);
        if (type.equals("volume") && !volume.isEmpty()) out.put("volume", volume);
        return out;
    }

    private static String cleanPath(String p) {
        if (p == null) return null;
        String s = p.replaceAll("/+", "/");
        return s.length() > 1 && s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }

    // ---------------------------------------------------------------- networks, dependencies, healthchecks

    /** Rule 8: the list form is the map form with null values; {} is null; only the implicit default is none. */
    private static Object serviceNetworks(Object v) {
        Map<String, Object> out = new TreeMap<>();
        if (v instanceof List<?> l) {
            for (Object n : l) out.put(String.valueOf(n), null);
        } else if (v instanceof Map<?, ?> m) {
            m.forEach((k, x) -> {
                Object n = scalars(x);
                if (n instanceof Map<?, ?> nm) {
                    Map<String, Object> cleaned = new TreeMap<>();
                    nm.forEach((nk, nv) -> {
                        if (nv != null && !(nv instanceof List<?> nl && nl.isEmpty())) cleaned.put(String.valueOf(nk), nv);
                    });
                    n = cleaned.isEmpty() ? null : cleaned;
                }
                out.put(String.valueOf(k), n);
            });
        }
        if (out.size() == 1 && out.containsKey("default") && out.get("default") == null) return null;
        return out;
    }

    /** Rule 12: the list form is service_started; required: true and restart: false are the defaults and dropped. */
    private static Map<String, Object> dependsOn(Object v) {
        Map<String, Object> out = new TreeMap<>();
        if (v instanceof List<?> l) {
            for (Object d : l) out.put(String.valueOf(d), new TreeMap<>(Map.of("condition", "service_started")));
        } else if (v instanceof Map<?, ?> m) {
            m.forEach((k, x) -> {
                Map<String, Object> d = new TreeMap<>();
                if (x instanceof Map<?, ?> dm) dm.forEach((dk, dv) -> d.put(String.valueOf(dk), scalars(dv)));
                d.putIfAbsent("condition", "service_started");
                if ("true".equals(d.get("required"))) d.remove("required");
                d.remove("restart");
                out.put(String.valueOf(k), d);
            });
        }
        return out;
    }

    /** Rule 14: a string test is CMD-SHELL; disable: true is test [NONE]; durations as in rule 10. */
    private static Object healthcheck(Map<String, Object> h) {
        if (h == null) return null;
        Map<String, Object> out = new TreeMap<>();
        h.forEach((k, x) -> {
            if (k.equals("test") && x instanceof String s) out.put(k, List.of("CMD-SHELL", s));
            else if (k.equals("disable")) {
                if ("true".equals(str(x))) out.put("test", List.of("NONE"));
            } else out.put(k, sizedOrTimed(k, x));
        });
        return out;
    }

    /** Rule 17: each extra host as {@code host=ip} (v1 writes host:ip), sorted. */
    private static List<Object> extraHosts(Object v) {
        List<String> out = new ArrayList<>();
        if (v instanceof Map<?, ?> m) {
            m.forEach((k, x) -> {
                if (x instanceof List<?> ips) for (Object ip : ips) out.add(k + "=" + ip);
                else out.add(k + "=" + x);
            });
        } else if (v instanceof List<?> l) {
            for (Object x : l) {
                String s = String.valueOf(x);
                int eq = s.indexOf('='), colon = s.indexOf(':');
                int at = eq >= 0 ? eq : colon;
                out.add(at < 0 ? s : s.substring(0, at) + "=" + s.substring(at + 1));
            }
        }
        out.sort(Comparator.naturalOrder());
        return new ArrayList<>(out);
    }

    /** Rule 18: each device as {@code source:target:permissions}, target defaulting to source and permissions to rwm. */
    private static List<Object> devices(Object v) {
        List<Object> out = new ArrayList<>();
        if (!(v instanceof List<?> l)) return out;
        for (Object x : l) {
            String source, target, perms;
            if (x instanceof Map<?, ?> m) {
                source = str(m.get("source"));
                target = str(m.get("target"));
                perms = str(m.get("permissions"));
            } else {
                String[] p = String.valueOf(x).split(":");
                source = p[0];
                target = p.length > 1 ? p[1] : null;
                perms = p.length > 2 ? p[2] : null;
            }
            out.add(source + ":" + (target == null ? source : target) + ":" + (perms == null || perms.isEmpty() ? "rwm" : perms));
        }
        return out;
    }

    /** Rule 19: a secret or config named alone is {source: name}; a mode is written in octal. */
    private static List<Object> fileRefs(Object v) {
        List<Object> out = new ArrayList<>();
        if (!(v instanceof List<?> l)) return out;
        for (Object x : l) {
            Map<String, Object> r = new TreeMap<>();
            if (x instanceof Map<?, ?> m) {
                m.forEach((k, y) -> {
                    if (k.equals("mode")) r.put("mode", octal(y));
                    else if (y != null) r.put(String.valueOf(k), scalars(y));
                });
            } else {
                r.put("source", String.valueOf(x));
            }
            out.add(r);
        }
        return out;
    }

    /** Rule 19: a secret without a target is mounted at /run/secrets/&lt;source&gt;, which v2 writes and v1 leaves to the engine. */
    @SuppressWarnings("unchecked")
    private static List<Object> secretTargets(List<Object> refs) {
        for (Object r : refs) {
            Map<String, Object> m = (Map<String, Object>) r;
            if (m.get("target") == null && m.get("source") != null) m.put("target", "/run/secrets/" + m.get("source"));
        }
        return refs;
    }

    private static Object octal(Object mode) {
        if (mode instanceof Number n) return "0" + Long.toOctalString(n.longValue());
        String s = String.valueOf(mode);
        try {
            return "0" + Long.toOctalString(s.startsWith("0o") ? Long.parseLong(s.substring(2), 8) : s.startsWith("0") ? Long.parseLong(s, 8) : Long.parseLong(s));
        } catch (NumberFormatException e) {
            return s;
        }
    }

    private static Object deploy(Map<String, Object> d) {
        if (d == null) return null;
        Map<String, Object> out = new TreeMap<>();
        d.forEach((k, x) -> {
            if (k.equals("labels")) out.put(k, keyValues(x, "="));
            else out.put(k, deep(k, x));
        });
        return out;
    }

    /** Durations (rule 10), sizes (rule 10) and CPU counts (rule 21) wherever they are under deploy. */
    private static Object deep(String key, Object x) {
        if (x instanceof Map<?, ?> m) {
            Map<String, Object> out = new TreeMap<>();
            m.forEach((k, y) -> out.put(String.valueOf(k), deep(String.valueOf(k), y)));
            return out;
        }
        if (key.equals("cpus")) return number(x);
        return sizedOrTimed(key, x);
    }

    private static Object sizedOrTimed(String key, Object x) {
        if (x == null || x instanceof Map || x instanceof List) return scalars(x);
        if (DURATIONS.contains(key)) return Durations.canonical(str(x));
        if (SIZES.contains(key)) return bytes(x);
        return scalars(x);
    }

    // ---------------------------------------------------------------- top-level resources

    /**
     * Rule 9: a network, volume, secret or config named by its key ({@code <project>_<key>}, or the key when
     * external) as Compose v2 names it, which v1 does not print, has no name here; the legacy
     * {@code external: {name: x}} is {@code external: true, name: x}; empty definitions are {}.
     */
    private static Map<String, Object> resource(String kind, String key, Map<String, Object> r, Context ctx) {
        Map<String, Object> out = new TreeMap<>();
        if (r == null) return out;
        for (Map.Entry<String, Object> e : r.entrySet()) {
            String k = e.getKey();
            Object v = e.getValue();
            if (k.startsWith("x-")) continue;
            if (k.equals("external") && v instanceof Map<?, ?> m) {
                out.put("external", "true");
                if (m.get("name") != null) out.put("name", str(m.get("name")));
            } else if (k.equals("labels")) {
                out.put(k, keyValues(v, "="));
            } else if (k.equals("external")) {
                if ("true".equals(str(v))) out.put(k, "true");
            } else if (k.equals("internal") || k.equals("attachable")) {
                if ("true".equals(str(v))) out.put(k, "true");
            } else if (v != null) {
                out.put(k, scalars(v));
            }
        }
        boolean external = "true".equals(out.get("external"));
        String implied = external ? key : ctx.project() + "_" + key;
        if (implied.equals(out.get("name"))) out.remove("name");
        return out;
    }

    // ---------------------------------------------------------------- scalars

    /** Rule 10: every scalar a string; numbers in their shortest decimal form; booleans true/false. */
    static Object scalars(Object v) {
        if (v instanceof Map<?, ?> m) {
            Map<String, Object> out = new TreeMap<>();
            m.forEach((k, x) -> {
                if (!String.valueOf(k).startsWith("x-")) out.put(String.valueOf(k), scalars(x));
            });
            return out;
        }
        if (v instanceof List<?> l) {
            List<Object> out = new ArrayList<>();
            for (Object x : l) out.add(scalars(x));
            return out;
        }
        return scalar(v);
    }

    static String scalar(Object v) {
        if (v == null) return null;
        if (v instanceof Double || v instanceof Float || v instanceof BigDecimal) {
            return new BigDecimal(v.toString()).stripTrailingZeros().toPlainString();
        }
        return v.toString();
    }

    private static String str(Object v) {
        return v == null ? null : scalar(v);
    }

    private static Object number(Object v) {
        if (v == null) return null;
        try {
            return new BigDecimal(scalar(v)).stripTrailingZeros().toPlainString();
        } catch (NumberFormatException e) {
            return scalar(v);
        }
    }

    private static final Pattern SIZE = Pattern.compile("(?i)\\s*(\\d+(?:\\.\\d+)?)\\s*([kmgtp]?)(?:i?b)?\\s*");

    /** Rule 10: a byte size as its number of bytes (1k = 1024, as docker's RAMInBytes reads it). */
    static Object bytes(Object v) {
        if (v == null) return null;
        if (v instanceof Number n) return scalar(n);
        Matcher m = SIZE.matcher(String.valueOf(v));
        if (!m.matches()) return scalar(v);
        int power = m.group(2).isEmpty() ? 0 : "kmgtp".indexOf(m.group(2).toLowerCase(Locale.ROOT)) + 1;
        BigDecimal bytes = new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(1024).pow(power));
        return bytes.setScale(0, java.math.RoundingMode.DOWN).toPlainString();
    }

    // ---------------------------------------------------------------- v1 only

    /** Rule 3: v1 prints every '$' of a resolved value as '$$' so that its output can be loaded again; v2 does not. */
    @SuppressWarnings("unchecked")
    static void unescapeDollars(Object node) {
        if (node instanceof Map<?, ?> m) {
            for (Map.Entry<String, Object> e : ((Map<String, Object>) m).entrySet()) {
                if (e.getValue() instanceof String s) e.setValue(s.replace("$$", "$"));
                else unescapeDollars(e.getValue());
            }
        } else if (node instanceof List<?> l) {
            List<Object> list = (List<Object>) l;
            for (int i = 0; i < list.size(); i++) {
                if (list.get(i) instanceof String s) list.set(i, s.replace("$$", "$"));
                else unescapeDollars(list.get(i));
            }
        }
    }

    // ---------------------------------------------------------------- plumbing

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object v) {
        return v instanceof Map<?, ?> m ? (Map<String, Object>) m : null;
    }

    /** A deep mutable copy with string keys. */
    static Map<String, Object> copy(Map<?, ?> m) {
        Map<String, Object> out = new LinkedHashMap<>();
        m.forEach((k, v) -> out.put(String.valueOf(k), copyAny(v)));
        return out;
    }

    private static Object copyAny(Object v) {
        if (v instanceof Map<?, ?> m) return copy(m);
        if (v instanceof List<?> l) {
            List<Object> out = new ArrayList<>();
            for (Object x : l) out.add(copyAny(x));
            return out;
        }
        return v;
    }
}
