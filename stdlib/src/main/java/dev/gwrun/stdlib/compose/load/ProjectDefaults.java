package dev.gwrun.stdlib.compose.load;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Stage nine, the defaults v2 fills in: the implicit {@code default} network for services that name none
 * (and have no network_mode), and the engine name of each network, volume, secret and config:
 * {@code <project>_<key>}, unless set with {@code name:}, or the key itself when external.
 */
final class ProjectDefaults {
    private ProjectDefaults() {}

    static Map<String, YNode.YMap> defaultNetworks(Map<String, YNode.YMap> services) {
        Map<String, YNode.YMap> out = new LinkedHashMap<>();
        for (Map.Entry<String, YNode.YMap> s : services.entrySet()) {
            YNode.YMap svc = s.getValue();
            if (!svc.has("networks") && !svc.has("network_mode")) {
                Map<String, YNode> nets = new LinkedHashMap<>();
                nets.put("default", Y.nul(svc.span()));
                svc = Y.with(svc, "networks", Y.map(svc.span(), nets));
            }
            out.put(s.getKey(), svc);
        }
        return out;
    }

    static boolean usesDefault(Map<String, YNode.YMap> services) {
        for (YNode.YMap svc : services.values()) {
            if (svc.get("networks") instanceof YNode.YMap n && n.has("default")) return true;
        }
        return false;
    }

    /** A top-level section with each entry's engine name filled in. */
    static YNode.YMap named(YNode.YMap section, String project) {
        Map<String, YNode.Entry> out = new LinkedHashMap<>();
        for (YNode.Entry e : section.entries().values()) {
            YNode.YMap d = (YNode.YMap) e.value();
            if (!d.has("name")) {
                boolean external = d.get("external") instanceof YNode.YScalar x && Boolean.TRUE.equals(x.value());
                Map<String, YNode.Entry> o = new LinkedHashMap<>();
                o.put("name", new YNode.Entry("name", e.keySpan(), Y.str(e.keySpan(), external ? e.key() : project + "_" + e.key())));
                o.putAll(d.entries());
                d = new YNode.YMap(d.span(), null, o);
            }
            out.put(e.key(), new YNode.Entry(e.key(), e.keySpan(), d));
        }
        return new YNode.YMap(section.span(), null, out);
    }
}
