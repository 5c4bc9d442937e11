package dev.gwrun.stdlib.compose;

import dev.gwrun.runtime.GwrunError;
import dev.gwrun.stdlib.compose.model.Dependency;
import dev.gwrun.stdlib.compose.model.Service;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Which services a call is about, and their dependency order (depends_on, network_mode: service:X). */
final class Graph {
    private Graph() {}

    /**
     * The services named (all enabled ones when none is), with their dependencies unless noDeps, in
     * dependency order: a service comes after everything it depends on. A profile-disabled service
     * named explicitly is included, as the CLI does.
     */
    static Map<String, Service> select(ComposeProject p, List<String> named, boolean noDeps, String fn) {
        Map<String, Service> wanted = new LinkedHashMap<>();
        if (named == null || named.isEmpty()) {
            wanted.putAll(p.project().services());
        } else {
            for (String n : named) wanted.put(n, service(p, n, fn));
        }
        if (!noDeps) {
            List<String> todo = new ArrayList<>(wanted.keySet());
            while (!todo.isEmpty()) {
                Service s = wanted.get(todo.remove(0));
                for (String dep : dependencies(s).keySet()) {
                    if (wanted.containsKey(dep)) continue;
                    Service d = p.service(dep);
                    if (d == null) {
                        Dependency how = s.dependsOn().get(dep);
                        if (how != null && !how.required()) continue;
                        throw new GwrunError("compose", fn + ": service '" + s.name() + "' depends on '" + dep + "', which the project does not define");
                    }
                    wanted.put(dep, d);
                    todo.add(dep);
                }
            }
        }
        return ordered(wanted, fn);
    }

    static Service service(ComposeProject p, String name, String fn) {
        Service s = p.service(name);
        if (s == null) {
            throw new GwrunError("compose", fn + ": project '" + p.project().name() + "' has no service '" + name + "'"
                    + dev.gwrun.source.Suggest.didYouMean(name, p.project().services().keySet())
                    + " (services: " + String.join(", ", p.project().services().keySet()) + ")");
        }
        return s;
    }

    /** depends_on, and the service a network_mode: service:X shares, as a service_started dependency. */
    static Map<String, Dependency> dependencies(Service s) {
        Map<String, Dependency> deps = new LinkedHashMap<>(s.dependsOn());
        if (s.networkMode() != null && s.networkMode().startsWith("service:")) {
            deps.putIfAbsent(s.networkMode().substring("service:".length()), new Dependency("service_started", false, true));
        }
        return deps;
    }

    /** Topological order; a cycle is an error naming it. */
    static Map<String, Service> ordered(Map<String, Service> services, String fn) {
        Map<String, Service> out = new LinkedHashMap<>();
        Set<String> visiting = new LinkedHashSet<>();
        for (String n : services.keySet()) visit(n, services, out, visiting, fn);
        return out;
    }

    private static void visit(String n, Map<String, Service> services, Map<String, Service> out, Set<String> visiting, String fn) {
        if (out.containsKey(n) || !services.containsKey(n)) return;
        if (!visiting.add(n)) {
            throw new GwrunError("compose", fn + ": services depend on each other in a cycle: " + String.join(" → ", visiting) + " → " + n);
        }
        for (String dep : dependencies(services.get(n)).keySet()) visit(dep, services, out, visiting, fn);
        visiting.remove(n);
        out.put(n, services.get(n));
    }
}
