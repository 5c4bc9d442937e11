package dev.gwrun.host;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Every host function by qualified name ({@code http.get}, {@code sh}); built from the stdlib's one table.
 *
 * <p>A module's function table (its signatures, docs and the method references behind them) is built the
 * first time a name of that module is asked for, not when the registry is made: {@code gwrun check} of a
 * runbook that calls only {@code http.get} then never builds the docker, compose or flyway tables, which
 * was a third of its start-up. The global functions (modules named "") are built on first use too. A
 * question about every function ({@link #functions()}) builds them all. Safe to use from several threads
 * (parallel steps look functions up concurrently).
 */
public final class Registry {
    /** Every module, in registration order; global ones ("") included. */
    private final List<HostModule> all;
    private final Map<String, HostModule> modules = new LinkedHashMap<>();
    /** Each module's functions by qualified name, once built (guarded by this). */
    private final Map<HostModule, Map<String, HostFunction>> built = new LinkedHashMap<>();

    public Registry(Collection<? extends HostModule> modules) {
        this.all = List.copyOf(modules);
        for (HostModule m : all) {
            if (!m.name().isEmpty()) this.modules.put(m.name(), m);
        }
    }

    public static Registry empty() { return new Registry(List.of()); }

    public HostFunction function(String qualifiedName) {
        for (HostModule m : all) {
            if (m.name().isEmpty()) {
                HostFunction f = table(m).get(qualifiedName);
                if (f != null) return f;
            }
        }
        int dot = qualifiedName.indexOf('.');
        HostModule m = dot < 0 ? null : modules.get(qualifiedName.substring(0, dot));
        return m == null ? null : table(m).get(qualifiedName);
    }

    public boolean isModule(String name) { return modules.containsKey(name); }

    public HostModule module(String name) { return modules.get(name); }

    public Collection<HostModule> modules() { return modules.values(); }

    /** Every function, module by module in registration order (builds every table). */
    public Collection<HostFunction> functions() {
        List<HostFunction> out = new ArrayList<>();
        for (HostModule m : all) out.addAll(table(m).values());
        return Collections.unmodifiableList(out);
    }

    /** Names of the global functions. */
    public List<String> globalNames() {
        List<String> names = new ArrayList<>();
        for (HostModule m : all) {
            if (!m.name().isEmpty()) continue;
            for (String n : table(m).keySet()) if (n.indexOf('.') < 0) names.add(n);
        }
        return names;
    }

    /** Qualified names of a module's functions. */
    public List<String> functionNames(String module) {
        List<String> names = new ArrayList<>();
        for (HostModule m : all) {
            if (!m.name().isEmpty() && !m.name().equals(module)) continue;
            for (String n : table(m).keySet()) if (n.startsWith(module + ".")) names.add(n);
        }
        return names;
    }

    public TreeSet<String> moduleNames() { return new TreeSet<>(modules.keySet()); }

    /**
     * A module's functions, built on first use. A function must be named after its module, and no
     * name may be registered twice (checked against the tables built so far; {@link #functions()}
     * builds them all, so a test that calls it checks every name).
     */
    private synchronized Map<String, HostFunction> table(HostModule m) {
        Map<String, HostFunction> table = built.get(m);
        if (table != null) return table;
        table = new LinkedHashMap<>();
        for (HostFunction f : m.functions()) {
            String qualified = f.signature().name();
            String expected = m.name().isEmpty() ? qualified : m.name() + "." + qualified.substring(qualified.indexOf('.') + 1);
            if (!qualified.equals(expected)) throw new IllegalArgumentException("function " + qualified + " registered in module " + m.name());
            if (table.put(qualified, f) != null || registeredElsewhere(qualified)) {
                throw new IllegalArgumentException("function " + qualified + " registered twice");
            }
        }
        table = Collections.unmodifiableMap(table);
        built.put(m, table);
        return table;
    }

    private boolean registeredElsewhere(String qualified) {
        for (Map<String, HostFunction> other : built.values()) if (other.containsKey(qualified)) return true;
        return false;
    }
}
