package dev.gwrun.stdlib.compose.load;

import dev.gwrun.source.Span;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Stage six, once the files are merged (compose-go's {@code loader/normalize.go}): a build arg named without a
 * value takes the project's value of it or is left out (so the Dockerfile's default applies);
 * {@code pull_policy: if_not_present} is {@code missing}; a service whose network, IPC, PID, UTS or cgroup
 * namespace is another service's ({@code service:X}), that links to it or takes its volumes depends on it.
 */
final class Normalizer {
    private Normalizer() {}

    static YNode.YMap service(YNode.YMap svc, Function<String, String> variables) {
        YNode.YMap out = svc;
        if (out.get("pull_policy") instanceof YNode.YScalar p && "if_not_present".equals(p.asString())) {
            out = Y.with(out, "pull_policy", Y.str(p.span(), "missing"));
        }
        if (out.get("build") instanceof YNode.YMap b && b.get("args") instanceof YNode.YMap args) {
            Map<String, YNode> resolved = new LinkedHashMap<>();
            for (YNode.Entry e : args.entries().values()) {
                if (!Y.isNull(e.value())) { resolved.put(e.key(), e.value()); continue; }
                String v = variables.apply(e.key());
                if (v != null) resolved.put(e.key(), Y.str(e.value().span(), v));
            }
            out = Y.with(out, "build", Y.with(b, "args", Y.map(args.span(), resolved)));
        }
        Map<String, YNode> deps = new LinkedHashMap<>();
        if (out.get("depends_on") instanceof YNode.YMap d) d.entries().forEach((k, e) -> deps.put(k, e.value()));
        int before = deps.size();
        if (out.get("links") instanceof YNode.YSeq links) {
            for (YNode l : links.items()) {
                String link = ((YNode.YScalar) l).asString();
                String[] parts = link.split(":", -1);
                deps.putIfAbsent(parts.length == 2 ? parts[0] : link, dependency(l.span(), true));
            }
        }
        for (String ns : List.of("network_mode", "ipc", "pid", "uts", "cgroup")) {
            if (out.get(ns) instanceof YNode.YScalar s && s.asString() != null && s.asString().startsWith("service:")) {
                deps.putIfAbsent(s.asString().substring("service:".length()), dependency(s.span(), true));
            }
        }
        if (out.get("volumes_from") instanceof YNode.YSeq from) {
            for (YNode v : from.items()) {
                String spec = ((YNode.YScalar) v).asString();
                if (!spec.startsWith("container:")) deps.putIfAbsent(spec.split(":", -1)[0], dependency(v.span(), false));
            }
        }
        if (deps.size() > before) out = Y.with(out, "depends_on", Y.map(svc.span(), deps));
        return out;
    }

    private static YNode.YMap dependency(Span span, boolean restart) {
        Map<String, YNode> m = new LinkedHashMap<>();
        m.put("condition", Y.str(span, "service_started"));
        if (restart) m.put("restart", Y.bool(span, true));
        m.put("required", Y.bool(span, true));
        return Y.map(span, m);
    }
}
