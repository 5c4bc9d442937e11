package dev.gwrun.cli.repl;

import dev.gwrun.host.Type;
import dev.gwrun.runtime.Callable;
import dev.gwrun.runtime.HostObject;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
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
        if (v instanceof Boolean) return Type.BOOL;
        if (v instanceof Long) return Type.INT;
        if (v instanceof Double) return Type.FLOAT;
        if (v instanceof CharSequence) return Type.STRING;
        if (v instanceof Duration) return Type.DURATION;
        if (v instanceof Instant) return Type.TIME;
        if (v instanceof List<?>) return Type.LIST;
        if (v instanceof Map<?, ?>) return Type.MAP;
        if (v instanceof Callable) return Type.FUNCTION;
        if (v instanceof HostObject h) {
            Map<String, Type> fields = new LinkedHashMap<>();
            for (String f : h.fieldNames()) fields.put(f, Type.ANY);
            return Type.object(h.typeName(), fields);
        }
        // null, or a value that may be reassigned to anything: not known before it runs
        return Type.ANY;
    }
}
