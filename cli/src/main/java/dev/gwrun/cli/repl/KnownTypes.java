package dev.gwrun.cli.repl;

import dev.gwrun.check.StaticTypes;
import dev.gwrun.host.Type;
import dev.gwrun.runtime.Callable;
import dev.gwrun.runtime.HostObject;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The static types of the session's variables, from their current values, so each input is
 * checked against what is bound (an undefined name or {@code r.stauts} is caught before it runs).
 */
final class KnownTypes {
    private KnownTypes() {}

    static Map<String, Type> of(Map<String, Object> variables) {
        Map<String, Type> types = new LinkedHashMap<>();
        variables.forEach((name, value) -> types.put(name, of(value)));
        return types;
    }

    static Type of(Object v) {
        // null, or a value that may be reassigned to anything: not known before it runs
        if (v == null) return Type.ANY;
        if (v instanceof Callable) return Type.FUNCTION;
        if (v instanceof HostObject h) {
            Map<String, Type> fields = new LinkedHashMap<>();
            for (String f : h.fieldNames()) fields.put(f, Type.ANY);
            return Type.object(h.typeName(), fields);
        }
        return StaticTypes.ofValue(v);
    }
}
