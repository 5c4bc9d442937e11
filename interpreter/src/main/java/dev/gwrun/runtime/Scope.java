package dev.gwrun.runtime;

import java.util.LinkedHashMap;
import java.util.Map;

/** A block's variables, chained to the enclosing block's. Synchronized: parallel steps share outer scopes. */
public final class Scope {
    /** How a name was declared; params are read-only. */
    public enum Kind { LET, PARAM, FN, LOOP, HANDLER }

    private static final class Binding {
        Object value;
        final Kind kind;

        Binding(Object value, Kind kind) {
            this.value = value;
            this.kind = kind;
        }
    }

    private final Scope parent;
    private final Map<String, Binding> vars = new LinkedHashMap<>();

    public Scope(Scope parent) {
        this.parent = parent;
    }

    public Scope child() { return new Scope(this); }

    public Scope parent() { return parent; }

    public synchronized void declare(String name, Object value, Kind kind) {
        vars.put(name, new Binding(value, kind));
    }

    public boolean isDefined(String name) {
        for (Scope s = this; s != null; s = s.parent) {
            synchronized (s) {
                if (s.vars.containsKey(name)) return true;
            }
        }
        return false;
    }

    public Object get(String name) {
        for (Scope s = this; s != null; s = s.parent) {
            synchronized (s) {
                Binding b = s.vars.get(name);
                if (b != null) return b.value;
            }
        }
        throw new GwrunError("name", "'" + name + "' is not defined");
    }

    public void assign(String name, Object value) {
        for (Scope s = this; s != null; s = s.parent) {
            synchronized (s) {
                Binding b = s.vars.get(name);
                if (b != null) {
                    if (b.kind == Kind.PARAM) throw new GwrunError("name", "cannot assign to param '" + name + "'");
                    b.value = value;
                    return;
                }
            }
        }
        throw new GwrunError("name", "'" + name + "' is not defined: declare it with 'let " + name + " = …'");
    }

    /** The bindings of this scope alone, in declaration order. */
    public synchronized Map<String, Object> locals() {
        Map<String, Object> m = new LinkedHashMap<>();
        vars.forEach((k, v) -> m.put(k, v.value));
        return m;
    }
}
