package dev.gwrun.stdlib.compose.load;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Stage five: merges one normalised file over another with the Compose Specification's rules
 * (13-merge.md, compose-go's {@code override} package). Mappings merge key by key; {@code command},
 * {@code entrypoint} and {@code healthcheck.test} replace; {@code ports} and the string lists append
 * without duplicates; {@code volumes}, {@code secrets} and {@code configs} merge by target; a
 * {@code !reset} value removes the key and an {@code !override} value replaces it whole.
 */
final class Merger {
    private Merger() {}

    private static final Set<String> REPLACE = Set.of("services.*.command", "services.*.entrypoint", "services.*.healthcheck.test",
            "services.*.ulimits.*");
    private static final Set<String> APPEND_UNIQUE = Set.of("services.*.ports", "services.*.expose", "services.*.dns",
            "services.*.dns_search", "services.*.dns_opt", "services.*.cap_add", "services.*.cap_drop", "services.*.profiles",
            "services.*.extra_hosts", "services.*.build.extra_hosts", "services.*.tmpfs", "services.*.links",
            "services.*.external_links", "services.*.security_opt", "services.*.group_add", "services.*.build.tags",
            "services.*.build.cache_from", "services.*.build.platforms", "services.*.networks.*.aliases", "services.*.label_file");

    static YNode.YMap merge(YNode.YMap base, YNode.YMap over) {
        return (YNode.YMap) merge(base, over, new ArrayList<>());
    }

    /** Merges one service over another (what {@code extends} does). */
    static YNode.YMap mergeService(YNode.YMap base, YNode.YMap over) {
        List<String> path = new ArrayList<>(List.of("services", "*"));
        return (YNode.YMap) merge(base, over, path);
    }

    private static YNode merge(YNode base, YNode over, List<String> path) {
        if ("!override".equals(over.tag())) return Y.untagged(over);
        String p = String.join(".", path);
        if (matches(p, REPLACE)) return Y.untagged(over);
        if (base instanceof YNode.YMap bm && over instanceof YNode.YMap om) {
            if (p.matches("services\\.[^.]+\\.logging")) {
                YNode bd = bm.get("driver"), od = om.get("driver");
                if (bd != null && od != null && !bd.plain().equals(od.plain())) return over;
            }
            Map<String, YNode.Entry> out = new LinkedHashMap<>(bm.entries());
            for (YNode.Entry e : om.entries().values()) {
                YNode v = e.value();
                if ("!reset".equals(v.tag())) { out.remove(e.key()); continue; }
                YNode.Entry old = out.get(e.key());
                if (old == null || Y.isNull(old.value())) {
                    out.put(e.key(), new YNode.Entry(e.key(), e.keySpan(), strip(v)));
                } else if (Y.isNull(v) && !(old.value() instanceof YNode.YScalar)) {
                    // a key given without a value (networks: {front: }) keeps what the base says
                    continue;
                } else {
                    path.add(path.size() == 1 && path.get(0).equals("services") ? "*" : mapKey(path, e.key()));
                    YNode merged = merge(old.value(), v, path);
                    path.remove(path.size() - 1);
                    out.put(e.key(), new YNode.Entry(e.key(), e.keySpan(), merged));
                }
            }
            return new YNode.YMap(bm.span(), null, out);
        }
        if (base instanceof YNode.YSeq bs && over instanceof YNode.YSeq os) {
            List<YNode> all = new ArrayList<>(bs.items());
            for (YNode n : os.items()) all.add(strip(n));
            if (p.matches("services\\.[^.]+\\.volumes")) return Y.seq(os.span(), byKey(all, n -> key(n, "target")));
            if (p.matches("services\\.[^.]+\\.(secrets|configs)")) return Y.seq(os.span(), byKey(all, n -> key(n, "target") != null ? key(n, "target") : key(n, "source")));
            if (p.matches("services\\.[^.]+\\.env_file")) return Y.seq(os.span(), byKey(all, n -> key(n, "path")));
            if (matches(p, APPEND_UNIQUE)) return Y.seq(os.span(), ServiceNormalizer.dedupe(all));
            return Y.seq(os.span(), all);
        }
        return strip(over);
    }

    /** Below services.NAME, map keys are named as they are; the service name itself becomes "*". */
    private static String mapKey(List<String> path, String key) {
        if (path.size() == 3 && path.get(0).equals("services") && (path.get(2).equals("ulimits") || path.get(2).equals("networks"))) return "*";
        return key;
    }

    private static boolean matches(String path, Set<String> patterns) {
        for (String pat : patterns) {
            if (path.matches(pat.replace(".", "\\.").replace("*", "[^.]+"))) return true;
        }
        return false;
    }

    /** Entries with equal keys collapse: the later value takes the earlier one's position. */
    static List<YNode> byKey(List<YNode> items, Function<YNode, String> key) {
        Map<String, Integer> at = new LinkedHashMap<>();
        List<YNode> out = new ArrayList<>();
        for (YNode n : items) {
            String k = key.apply(n);
            Integer i = k == null ? null : at.get(k);
            if (i != null) out.set(i, n);
            else {
                if (k != null) at.put(k, out.size());
                out.add(n);
            }
        }
        return out;
    }

    private static String key(YNode n, String field) {
        if (n instanceof YNode.YMap m && m.get(field) instanceof YNode.YScalar s) return s.asString();
        return null;
    }

    /** Removes merge tags from a subtree taken whole from an override file; a !reset inside it drops its key. */
    static YNode strip(YNode n) {
        if (n instanceof YNode.YMap m) {
            Map<String, YNode.Entry> out = new LinkedHashMap<>();
            for (YNode.Entry e : m.entries().values()) {
                if ("!reset".equals(e.value().tag())) continue;
                out.put(e.key(), new YNode.Entry(e.key(), e.keySpan(), strip(e.value())));
            }
            return new YNode.YMap(m.span(), null, out);
        }
        if (n instanceof YNode.YSeq s) {
            List<YNode> out = new ArrayList<>();
            for (YNode i : s.items()) out.add(strip(i));
            return new YNode.YSeq(s.span(), null, out);
        }
        return Y.untagged(n);
    }
}
