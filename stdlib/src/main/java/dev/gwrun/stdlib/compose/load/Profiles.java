package dev.gwrun.stdlib.compose.load;

import dev.gwrun.source.Diagnostic;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Stage six (15-profiles.md): a service with {@code profiles:} is enabled only when one of them is active
 * ({@code *} activates all); a service without is always enabled. An enabled service that requires a
 * disabled one is an error naming the profile to activate.
 */
final class Profiles {
    private Profiles() {}

    record Split(Map<String, YNode.YMap> enabled, Map<String, YNode.YMap> disabled) {}

    static Split apply(YNode.YMap services, List<String> active) {
        Map<String, YNode.YMap> enabled = new LinkedHashMap<>(), disabled = new LinkedHashMap<>();
        for (YNode.Entry e : services.entries().values()) {
            YNode.YMap svc = (YNode.YMap) e.value();
            if (isEnabled(svc, active)) enabled.put(e.key(), svc);
            else disabled.put(e.key(), svc);
        }
        List<Diagnostic> errors = new ArrayList<>();
        for (Map.Entry<String, YNode.YMap> s : enabled.entrySet()) {
            if (!(s.getValue().get("depends_on") instanceof YNode.YMap deps)) continue;
            for (YNode.Entry d : deps.entries().values()) {
                YNode.YMap off = disabled.get(d.key());
                if (off == null || !required(d.value())) continue;
                errors.add(Diagnostic.error(d.keySpan(), "service '" + s.getKey() + "' depends on '" + d.key()
                        + "', which is disabled: activate one of its profiles (" + String.join(", ", profiles(off))
                        + ") or mark the dependency required: false"));
            }
        }
        if (!errors.isEmpty()) throw new ComposeException(errors);
        return new Split(enabled, disabled);
    }

    static boolean isEnabled(YNode.YMap svc, List<String> active) {
        List<String> p = profiles(svc);
        if (p.isEmpty() || active.contains("*")) return true;
        for (String a : active) if (p.contains(a)) return true;
        return false;
    }

    static List<String> profiles(YNode.YMap svc) {
        List<String> out = new ArrayList<>();
        if (svc.get("profiles") instanceof YNode.YSeq seq) for (YNode n : seq.items()) out.add(((YNode.YScalar) n).asString());
        return out;
    }

    static boolean required(YNode dep) {
        return !(dep instanceof YNode.YMap m && m.get("required") instanceof YNode.YScalar r && Boolean.FALSE.equals(r.value()));
    }
}
