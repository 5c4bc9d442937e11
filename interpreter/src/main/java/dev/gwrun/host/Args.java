package dev.gwrun.host;

import dev.gwrun.runtime.GwrunError;
import dev.gwrun.runtime.Values;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The arguments of one host call, bound to parameter names, with typed getters that fail in words. */
public final class Args {
    private final Signature signature;
    private final Map<String, Object> values;

    public Args(Signature signature, Map<String, Object> values) {
        this.signature = signature;
        this.values = values;
    }

    /**
     * A call's arguments in the order written, bound to the signature: {@code names} holds each one's
     * name, or null for a positional one. Positional values past the last parameter go to a
     * variadic last parameter, after any value it was given by name.
     */
    public static Args bind(Signature signature, List<String> names, List<Object> given) {
        Map<String, Object> values = new HashMap<>();
        List<Object> extra = new ArrayList<>();
        int positional = 0;
        for (int i = 0; i < given.size(); i++) {
            if (names.get(i) != null) values.put(names.get(i), given.get(i));
            else if (positional < signature.params().size()) values.put(signature.params().get(positional++).name(), given.get(i));
            else extra.add(given.get(i));
        }
        if (signature.variadic() && !signature.params().isEmpty()) {
            String last = signature.params().get(signature.params().size() - 1).name();
            List<Object> all = new ArrayList<>();
            if (values.containsKey(last)) all.add(values.get(last));
            all.addAll(extra);
            values.put(last, all);
        }
        return new Args(signature, values);
    }

    public Signature signature() { return signature; }

    public boolean has(String name) { return values.containsKey(name) && values.get(name) != null; }

    /** Whether the call gave this argument at all (even as null). */
    public boolean given(String name) { return values.containsKey(name); }

    public Object value(String name) { return values.get(name); }

    public String string(String name) {
        Object v = require(name);
        if (v instanceof CharSequence cs) return cs.toString();
        throw wrong(name, "a string", v);
    }

    public String string(String name, String fallback) { return has(name) ? string(name) : fallback; }

    public long integer(String name) {
        Object v = require(name);
        if (v instanceof Long n) return n;
        throw wrong(name, "an int", v);
    }

    public long integer(String name, long fallback) { return has(name) ? integer(name) : fallback; }

    public boolean bool(String name, boolean fallback) {
        if (!has(name)) return fallback;
        Object v = values.get(name);
        if (v instanceof Boolean b) return b;
        throw wrong(name, "true or false", v);
    }

    public Duration duration(String name, Duration fallback) {
        if (!has(name)) return fallback;
        Object v = values.get(name);
        if (v instanceof Duration d) return d;
        throw wrong(name, "a duration like 30s", v);
    }

    @SuppressWarnings("unchecked")
    public Map<String, Object> map(String name) {
        if (!has(name)) return Map.of();
        Object v = values.get(name);
        if (v instanceof Map<?, ?> m) return (Map<String, Object>) m;
        throw wrong(name, "a map", v);
    }

    @SuppressWarnings("unchecked")
    public List<Object> list(String name) {
        if (!has(name)) return List.of();
        Object v = values.get(name);
        if (v instanceof List<?> l) return (List<Object>) l;
        throw wrong(name, "a list", v);
    }

    private Object require(String name) {
        Object v = values.get(name);
        if (v == null) throw new GwrunError("type", signature.name() + ": argument '" + name + "' is null");
        return v;
    }

    private GwrunError wrong(String name, String wanted, Object got) {
        return new GwrunError("type", signature.name() + ": argument '" + name + "' must be " + wanted
                + ", got " + Values.typeName(got) + " " + Values.repr(got));
    }
}
