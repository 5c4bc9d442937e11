package dev.gwrun.runtime;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The value model. Values are plain Java objects: null, Boolean, Long (int), Double (float),
 * String or Template (string), Duration, Instant (time), List, Map (string keys, insertion
 * order), HostObject and Callable. This class names, prints and compares them.
 */
public final class Values {
    private static final DateTimeFormatter ISO = DateTimeFormatter.ISO_INSTANT;

    private Values() {}

    public static String typeName(Object v) {
        if (v == null) return "null";
        if (v instanceof Boolean) return "bool";
        if (v instanceof Long) return "int";
        if (v instanceof Double) return "float";
        if (v instanceof CharSequence) return "string";
        if (v instanceof Duration) return "duration";
        if (v instanceof Instant) return "time";
        if (v instanceof List) return "list";
        if (v instanceof Map) return "map";
        if (v instanceof HostObject h) return h.typeName();
        if (v instanceof Callable) return "function";
        return v.getClass().getSimpleName();
    }

    /** The text of a value as interpolation shows it: strings bare, everything else as repr. */
    public static String str(Object v) {
        if (v instanceof CharSequence cs) return cs.toString();
        return repr(v);
    }

    /** The readable form: strings quoted inside collections, JSON-like for lists and maps. */
    public static String repr(Object v) {
        StringBuilder b = new StringBuilder();
        repr(v, b, false);
        return b.toString();
    }

    private static void repr(Object v, StringBuilder b, boolean nested) {
        if (v == null) b.append("null");
        else if (v instanceof CharSequence cs) {
            if (nested) Json.quote(cs.toString(), b); else b.append(cs);
        } else if (v instanceof Double d) b.append(formatFloat(d));
        else if (v instanceof Duration d) b.append(Durations.format(d));
        else if (v instanceof Instant i) b.append(ISO.format(i.atOffset(ZoneOffset.UTC)));
        else if (v instanceof List<?> list) {
            b.append('[');
            for (int i = 0; i < list.size(); i++) {
                if (i > 0) b.append(", ");
                repr(list.get(i), b, true);
            }
            b.append(']');
        } else if (v instanceof Map<?, ?> map) {
            b.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (!first) b.append(", ");
                first = false;
                Json.quote(String.valueOf(e.getKey()), b);
                b.append(": ");
                repr(e.getValue(), b, true);
            }
            b.append('}');
        } else if (v instanceof HostObject h) b.append(h.describe());
        else if (v instanceof Callable c) b.append("<fn ").append(c.name()).append('>');
        else b.append(v);
    }

    public static String formatFloat(double d) {
        if (d == Math.rint(d) && !Double.isInfinite(d) && Math.abs(d) < 1e15) return String.format("%.1f", d);
        return Double.toString(d);
    }

    /** Equality across the model: a Template equals the String with its text; 1 == 1.0. */
    public static boolean equal(Object a, Object b) {
        if (a == b) return true;
        if (a == null || b == null) return false;
        if (a instanceof CharSequence x && b instanceof CharSequence y) return x.toString().equals(y.toString());
        if (a instanceof Number x && b instanceof Number y) {
            if (a instanceof Long && b instanceof Long) return x.longValue() == y.longValue();
            return x.doubleValue() == y.doubleValue();
        }
        if (a instanceof List<?> x && b instanceof List<?> y) {
            if (x.size() != y.size()) return false;
            for (int i = 0; i < x.size(); i++) if (!equal(x.get(i), y.get(i))) return false;
            return true;
        }
        if (a instanceof Map<?, ?> x && b instanceof Map<?, ?> y) {
            if (x.size() != y.size()) return false;
            for (Map.Entry<?, ?> e : x.entrySet()) {
                if (!y.containsKey(e.getKey()) || !equal(e.getValue(), y.get(e.getKey()))) return false;
            }
            return true;
        }
        return Objects.equals(a, b);
    }

    /** The fields of a host object as a map (for printing and JSON). */
    public static Map<String, Object> fieldsOf(HostObject h) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (String f : h.fieldNames()) {
            try {
                m.put(f, h.field(f));
            } catch (GwrunError unreadable) {
                // A field computed on demand may not apply (the json of a body that is not JSON): leave it out.
            }
        }
        return m;
    }

    /** A copy with Templates and Raws turned into Strings and host objects into maps: plain data for JSON. */
    public static Object plain(Object v) {
        if (v instanceof CharSequence cs) return cs.toString();
        if (v instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            for (Object o : list) out.add(plain(o));
            return out;
        }
        if (v instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : map.entrySet()) out.put(String.valueOf(e.getKey()), plain(e.getValue()));
            return out;
        }
        if (v instanceof HostObject h) return plain(fieldsOf(h));
        if (v instanceof Duration d) return Durations.format(d);
        if (v instanceof Instant i) return ISO.format(i.atOffset(ZoneOffset.UTC));
        return v;
    }

    /** Whether any of {@code xs} equals {@code v} as runbooks compare values. */
    public static boolean contains(java.util.Collection<?> xs, Object v) {
        for (Object x : xs) if (equal(x, v)) return true;
        return false;
    }
}
