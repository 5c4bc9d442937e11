package dev.gwrun.stdlib.compose.load;

import dev.gwrun.source.Diagnostic;
import dev.gwrun.source.Suggest;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Stage eight (compose-go's {@code checkConsistency}): what services refer to must exist. Networks,
 * named volumes, secrets and configs must be declared at the top level; {@code depends_on} and
 * {@code network_mode: service:X} must name services; dependencies must not form a cycle; a service
 * needs an image or a build. All errors are collected.
 */
final class Consistency {
    private Consistency() {}

    static void check(Map<String, YNode.YMap> services, Map<String, YNode.YMap> disabled, YNode.YMap model) {
        List<Diagnostic> errors = new ArrayList<>();
        Set<String> networks = keys(model, "networks"), volumes = keys(model, "volumes"),
                secrets = keys(model, "secrets"), configs = keys(model, "configs");
        Map<String, String> containerNames = new HashMap<>();
        for (Map.Entry<String, YNode.YMap> s : services.entrySet()) {
            String name = s.getKey();
            YNode.YMap svc = s.getValue();
            if (!svc.has("image") && !svc.has("build")) {
                errors.add(Diagnostic.error(svc.span(), "service '" + name + "' has neither an image nor a build context"));
            }
            if (svc.get("networks") instanceof YNode.YMap nets) {
                for (YNode.Entry n : nets.entries().values()) {
                    if (!networks.contains(n.key())) {
                        errors.add(Diagnostic.error(n.keySpan(), "service '" + name + "' refers to undefined network '" + n.key() + "'" + Suggest.didYouMean(n.key(), networks)));
                    }
                }
            }
            if (svc.get("volumes") instanceof YNode.YSeq vols) {
                for (YNode v : vols.items()) {
                    YNode.YMap vm = (YNode.YMap) v;
                    if (!"volume".equals(str(vm.get("type"))) || !vm.has("source")) continue;
                    String src = str(vm.get("source"));
                    if (!volumes.contains(src)) {
                        errors.add(Diagnostic.error(v.span(), "service '" + name + "' refers to undefined volume '" + src + "': declare it under the top-level volumes:" + Suggest.didYouMean(src, volumes)));
                    }
                }
            }
            refs(errors, name, svc, "secrets", "secret", secrets);
            refs(errors, name, svc, "configs", "config", configs);
            if (svc.get("depends_on") instanceof YNode.YMap deps) {
                for (YNode.Entry d : deps.entries().values()) {
                    if (d.key().equals(name)) {
                        errors.add(Diagnostic.error(d.keySpan(), "service '" + name + "' depends on itself"));
                    } else if (!services.containsKey(d.key()) && !disabled.containsKey(d.key()) && Profiles.required(d.value())) {
                        errors.add(Diagnostic.error(d.keySpan(), "service '" + name + "' depends on undefined service '" + d.key() + "'" + Suggest.didYouMean(d.key(), services.keySet())));
                    }
                }
            }
            String mode = str(svc.get("network_mode"));
            if (mode != null && mode.startsWith("service:")) {
                String other = mode.substring("service:".length());
                if (!services.containsKey(other)) errors.add(Diagnostic.error(svc.get("network_mode").span(), "service '" + name + "' uses the network of undefined service '" + other + "'"));
            }
            if (mode != null && svc.has("networks")) {
                errors.add(Diagnostic.error(svc.get("network_mode").span(), "service '" + name + "' sets both network_mode and networks"));
            }
            String cn = str(svc.get("container_name"));
            if (cn != null) {
                String prev = containerNames.putIfAbsent(cn, name);
                if (prev != null) errors.add(Diagnostic.error(svc.get("container_name").span(), "services '" + prev + "' and '" + name + "' have the same container_name '" + cn + "'"));
            }
        }
        cycles(services, errors);
        if (!errors.isEmpty()) throw new ComposeException(errors);
    }

    private static void refs(List<Diagnostic> errors, String name, YNode.YMap svc, String key, String what, Set<String> declared) {
        if (!(svc.get(key) instanceof YNode.YSeq seq)) return;
        for (YNode r : seq.items()) {
            String src = str(((YNode.YMap) r).get("source"));
            if (!declared.contains(src)) {
                errors.add(Diagnostic.error(r.span(), "service '" + name + "' refers to undefined " + what + " '" + src + "'" + Suggest.didYouMean(src, declared)));
            }
        }
    }

    private static void cycles(Map<String, YNode.YMap> services, List<Diagnostic> errors) {
        Map<String, Integer> state = new HashMap<>();
        for (String s : services.keySet()) visit(s, services, state, new ArrayList<>(), errors);
    }

    private static void visit(String name, Map<String, YNode.YMap> services, Map<String, Integer> state, List<String> stack, List<Diagnostic> errors) {
        Integer st = state.get(name);
        if (st != null && st == 2) return;
        YNode.YMap svc = services.get(name);
        if (svc == null) return;
        if (st != null && st == 1) {
            List<String> cycle = new ArrayList<>(stack.subList(stack.indexOf(name), stack.size()));
            cycle.add(name);
            YNode.YMap deps = (YNode.YMap) services.get(stack.get(stack.size() - 1)).get("depends_on");
            errors.add(Diagnostic.error(deps.entries().get(name).keySpan(), "dependency cycle: " + String.join(" -> ", cycle)));
            return;
        }
        state.put(name, 1);
        stack.add(name);
        if (svc.get("depends_on") instanceof YNode.YMap deps) {
            for (String d : deps.entries().keySet()) if (!d.equals(name)) visit(d, services, state, stack, errors);
        }
        stack.remove(stack.size() - 1);
        state.put(name, 2);
    }

    private static Set<String> keys(YNode.YMap model, String section) {
        Set<String> out = new java.util.LinkedHashSet<>();
        Y.section(model, section).keys().forEach(out::add);
        return out;
    }

    static String str(YNode n) {
        return n instanceof YNode.YScalar s ? s.asString() : null;
    }
}
