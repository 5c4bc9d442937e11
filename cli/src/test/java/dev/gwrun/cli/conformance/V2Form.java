package dev.gwrun.cli.conformance;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Whether gwrun's canonical model is in the form Compose v2 prints, before any normalisation: the comparable form
 * forgives v1's spellings on both sides, so without this a short-form port or a "2m" duration in gwrun's output
 * would pass unseen. Each rule is what compose-go marshals (types/*.go, transform/defaults.go); each problem is
 * one line {@code v2-form PATH: what}.
 */
final class V2Form {
    private static final Set<String> DURATIONS = Set.of("interval", "timeout", "start_period", "start_interval");
    private static final Set<String> SIZES = Set.of("mem_limit", "memswap_limit", "mem_reservation", "shm_size");

    private V2Form() {}

    static List<String> problems(Map<String, Object> model, String project) {
        List<String> out = new ArrayList<>();
        if (!project.equals(model.get("name"))) out.add("v2-form name: " + Differences.inline(model.get("name")) + ", not the project name " + project);
        if (model.containsKey("version")) out.add("v2-form version: printed; v2 drops it");
        Map<String, Object> services = Normal.map(model.get("services"));
        if (services != null) services.forEach((name, s) -> service("services." + name, Normal.map(s), out));
        for (String kind : List.of("networks", "volumes", "secrets", "configs")) {
            Map<String, Object> resources = Normal.map(model.get(kind));
            if (resources == null) continue;
            resources.forEach((key, r) -> {
                Map<String, Object> m = Normal.map(r);
                if (m == null || !(m.get("name") instanceof String)) out.add("v2-form " + kind + "." + key + ": no name (v2 names every one)");
            });
        }
        return out;
    }

    private static void service(String at, Map<String, Object> s, List<String> out) {
        if (s == null) return;
        eachMap(at + ".ports", s.get("ports"), out, (p, m) -> {
            if (!(m.get("target") instanceof Number)) out.add("v2-form " + p + ".target: not a number");
            if (m.containsKey("published") && !(m.get("published") instanceof String)) out.add("v2-form " + p + ".published: not a string");
            if (!(m.get("protocol") instanceof String)) out.add("v2-form " + p + ".protocol: missing (v2 writes tcp)");
            if (!(m.get("mode") instanceof String)) out.add("v2-form " + p + ".mode: missing (v2 writes ingress)");
        });
        eachMap(at + ".volumes", s.get("volumes"), out, (p, m) -> {
            if (!(m.get("type") instanceof String) || !(m.get("target") instanceof String)) out.add("v2-form " + p + ": no type or target");
        });
        eachMap(at + ".secrets", s.get("secrets"), out, (p, m) -> {
            if (!(m.get("target") instanceof String)) out.add("v2-form " + p + ".target: missing (v2 writes /run/secrets/<source>)");
        });
        eachMap(at + ".configs", s.get("configs"), out, (p, m) -> { });
        eachMap(at + ".devices", s.get("devices"), out, (p, m) -> { });
        if (!s.containsKey("network_mode") && !(s.get("networks") instanceof Map)) out.add("v2-form " + at + ".networks: missing (v2 writes default: null)");
        if (s.get("depends_on") != null) {
            Map<String, Object> deps = Normal.map(s.get("depends_on"));
            if (deps == null) out.add("v2-form " + at + ".depends_on: not a map");
            else deps.forEach((k, d) -> {
                Map<String, Object> m = Normal.map(d);
                if (m == null || !(m.get("condition") instanceof String) || !(m.get("required") instanceof Boolean)) {
                    out.add("v2-form " + at + ".depends_on." + k + ": v2 writes condition and required");
                }
            });
        }
        for (String key : List.of("environment", "labels", "sysctls")) {
            if (s.get(key) != null && !(s.get(key) instanceof Map)) out.add("v2-form " + at + "." + key + ": not a map");
        }
        for (String key : List.of("command", "entrypoint", "expose", "dns", "tmpfs")) {
            if (s.get(key) != null && !(s.get(key) instanceof List)) out.add("v2-form " + at + "." + key + ": not a list");
        }
        if (s.containsKey("env_file")) out.add("v2-form " + at + ".env_file: printed; v2's config merges it into environment and drops it");
        if (s.get("build") != null) {
            Map<String, Object> b = Normal.map(s.get("build"));
            if (b == null || !(b.get("context") instanceof String) || !(b.containsKey("dockerfile") || b.containsKey("dockerfile_inline"))) {
                out.add("v2-form " + at + ".build: v2 writes context and dockerfile");
            }
        }
        Map<String, Object> h = Normal.map(s.get("healthcheck"));
        if (h != null) {
            if (h.containsKey("test") && !(h.get("test") instanceof List)) out.add("v2-form " + at + ".healthcheck.test: not a list");
            h.forEach((k, v) -> {
                if (DURATIONS.contains(k)) duration(at + ".healthcheck." + k, v, out);
            });
        }
        if (s.containsKey("stop_grace_period")) duration(at + ".stop_grace_period", s.get("stop_grace_period"), out);
        for (String key : SIZES) {
            if (s.containsKey(key) && !(s.get(key) instanceof String str && str.matches("-?\\d+"))) {
                out.add("v2-form " + at + "." + key + ": " + Differences.inline(s.get(key)) + ", not a number of bytes as a string");
            }
        }
        if (s.get("extra_hosts") instanceof List<?> hosts) {
            List<String> sorted = new ArrayList<>();
            for (Object x : hosts) {
                if (!(x instanceof String str) || !str.contains("=")) out.add("v2-form " + at + ".extra_hosts: " + Differences.inline(x) + " is not host=ip");
                sorted.add(String.valueOf(x));
            }
            List<String> copy = new ArrayList<>(sorted);
            copy.sort(null);
            if (!copy.equals(sorted)) out.add("v2-form " + at + ".extra_hosts: not sorted");
        } else if (s.containsKey("extra_hosts")) {
            out.add("v2-form " + at + ".extra_hosts: not a list");
        }
    }

    private static void duration(String at, Object v, List<String> out) {
        if (!(v instanceof String s) || !s.equals(Durations.canonical(s))) {
            out.add("v2-form " + at + ": " + Differences.inline(v) + ", not as Go writes a duration");
        }
    }

    private static void eachMap(String at, Object list, List<String> out, java.util.function.BiConsumer<String, Map<String, Object>> check) {
        if (list == null) return;
        if (!(list instanceof List<?> l)) {
            out.add("v2-form " + at + ": not a list");
            return;
        }
        for (int i = 0; i < l.size(); i++) {
            Map<String, Object> m = Normal.map(l.get(i));
            if (m == null) out.add("v2-form " + at + "[" + i + "]: " + Differences.inline(l.get(i)) + " is not in the long syntax");
            else check.accept(at + "[" + i + "]", m);
        }
    }
}
