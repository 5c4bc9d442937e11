package dev.gwrun.host;

import java.util.Map;
import java.util.Objects;

/**
 * The static types the checker reasons with. ANY means "not known before the run"; OBJECT types
 * carry their field types so {@code r.stauts} is caught before anything runs.
 */
public record Type(String name, Map<String, Type> fields) {
    public static final Type ANY = new Type("any", null);
    public static final Type NULL = new Type("null", null);
    public static final Type BOOL = new Type("bool", null);
    public static final Type INT = new Type("int", null);
    public static final Type FLOAT = new Type("float", null);
    public static final Type STRING = new Type("string", null);
    public static final Type DURATION = new Type("duration", null);
    public static final Type TIME = new Type("time", null);
    public static final Type LIST = new Type("list", null);
    public static final Type MAP = new Type("map", null);
    public static final Type FUNCTION = new Type("function", null);

    public static Type object(String name, Map<String, Type> fields) {
        return new Type(name, Map.copyOf(fields));
    }

    public boolean isObject() { return fields != null; }

    public boolean known() { return this != ANY && !name.equals("any"); }

    /** Whether a value of type {@code actual} can be passed where this type is wanted (ANY on either side passes). */
    public boolean accepts(Type actual) {
        if (!known() || actual == null || !actual.known()) return true;
        if (name.equals(actual.name)) return true;
        if (this.equals(FLOAT) && actual.equals(INT)) return true;
        if (actual.equals(NULL)) return true;
        return false;
    }

    @Override
    public String toString() { return name; }

    // equals and hashCode are written out because a record's generated ones are bootstrapped through
    // invokedynamic (ObjectMethods) the first time they run, which spun method-handle classes for some
    // 15 ms of a cold 'gwrun check'; the checker compares types on every call it checks.
    @Override
    public boolean equals(Object o) {
        return o instanceof Type t && name.equals(t.name) && Objects.equals(fields, t.fields);
    }

    @Override
    public int hashCode() { return 31 * name.hashCode() + Objects.hashCode(fields); }
}
