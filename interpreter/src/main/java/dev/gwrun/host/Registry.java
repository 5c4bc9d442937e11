package dev.gwrun.host;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** Every host function by qualified name ({@code http.get}, {@code sh}); built from the stdlib's one table. */
public final class Registry {
    private final Map<String, HostFunction> functions = new LinkedHashMap<>();
    private final Map<String, HostModule> modules = new LinkedHashMap<>();

    public Registry(Collection<? extends HostModule> modules) {
        for (HostModule m : modules) {
            if (!m.name().isEmpty()) this.modules.put(m.name(), m);
            for (HostFunction f : m.functions()) {
                String qualified = f.signature().name();
                String expected = m.name().isEmpty() ? qualified : m.name() + "." + qualified.substring(qualified.indexOf('.') + 1);
                if (!qualified.equals(expected)) throw new IllegalArgumentException("function " + qualified + " registered in module " + m.name());
                if (functions.put(qualified, f) != null) throw new IllegalArgumentException("function " + qualified + " registered twice");
            }
        }
    }

    public static Registry empty() { return new Registry(List.of()); }

    public HostFunction function(String qualifiedName) { return functions.get(qualifiedName); }

    public boolean isModule(String name) { return modules.containsKey(name); }

    public HostModule module(String name) { return modules.get(name); }

    public Collection<HostModule> modules() { return modules.values(); }

    public Collection<HostFunction> functions() { return functions.values(); }

    /** Names of the global functions. */
    public List<String> globalNames() {
        List<String> names = new ArrayList<>();
        for (String n : functions.keySet()) if (n.indexOf('.') < 0) names.add(n);
        return names;
    }

    /** Qualified names of a module's functions. */
    public List<String> functionNames(String module) {
        List<String> names = new ArrayList<>();
        for (String n : functions.keySet()) if (n.startsWith(module + ".")) names.add(n);
        return names;
    }

    public TreeSet<String> moduleNames() { return new TreeSet<>(modules.keySet()); }
}
