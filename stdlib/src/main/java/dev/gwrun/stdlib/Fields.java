package dev.gwrun.stdlib;

import dev.gwrun.host.Type;
import dev.gwrun.runtime.HostObject;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A standard-library value with fixed named fields, checked against its {@link Type}: the fields given
 * must be exactly the type's, so what the checker promises ({@code r.applied}) is what the run has.
 */
public class Fields implements HostObject {
    private final Type type;
    private final Map<String, Object> values;
    private final String description;

    public Fields(Type type, Map<String, Object> values, String description) {
        if (!values.keySet().equals(type.fields().keySet())) {
            throw new IllegalArgumentException(type.name() + " needs fields " + type.fields().keySet() + ", got " + values.keySet());
        }
        this.type = type;
        this.values = new LinkedHashMap<>(values);
        this.description = description;
    }

    /** Builds the values map in order: {@code Fields.map("a", 1L, "b", "x")}. */
    public static Map<String, Object> map(Object... keysAndValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) m.put((String) keysAndValues[i], keysAndValues[i + 1]);
        return m;
    }

    @Override public String typeName() { return type.name(); }

    @Override public List<String> fieldNames() { return List.copyOf(values.keySet()); }

    @Override public Object field(String name) { return values.get(name); }

    @Override public String describe() { return description != null ? description : HostObject.super.describe(); }

    @Override public String toString() { return describe(); }
}
