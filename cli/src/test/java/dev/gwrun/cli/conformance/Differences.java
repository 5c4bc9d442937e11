package dev.gwrun.cli.conformance;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The differences between two projects in the comparable form, one line each:
 * {@code services.web.ports: v1 ["8080:80/tcp"] | gwrun ["8081:80/tcp"]}. Maps are compared key by key,
 * lists of equal length item by item, anything else as a whole; "(absent)" marks a key one side lacks.
 * A case's known-differences file lists exactly these lines.
 */
final class Differences {
    static final String ABSENT = "(absent)";

    private Differences() {}

    static List<String> of(Object v1, Object gwrun) {
        List<String> out = new ArrayList<>();
        walk("", v1, gwrun, true, true, out);
        return out;
    }

    private static void walk(String path, Object a, Object b, boolean hasA, boolean hasB, List<String> out) {
        if (hasA && hasB && a instanceof Map<?, ?> ma && b instanceof Map<?, ?> mb) {
            TreeSet<String> keys = new TreeSet<>();
            ma.keySet().forEach(k -> keys.add(String.valueOf(k)));
            mb.keySet().forEach(k -> keys.add(String.valueOf(k)));
            for (String k : keys) walk(path.isEmpty() ? k : path + "." + k, ma.get(k), mb.get(k), ma.containsKey(k), mb.containsKey(k), out);
            return;
        }
        if (hasA && hasB && a instanceof List<?> la && b instanceof List<?> lb && la.size() == lb.size()) {
            for (int i = 0; i < la.size(); i++) walk(path + "[" + i + "]", la.get(i), lb.get(i), true, true, out);
            return;
        }
        if (hasA == hasB && java.util.Objects.equals(a, b)) return;
        out.add(path + ": v1 " + (hasA ? inline(a) : ABSENT) + " | gwrun " + (hasB ? inline(b) : ABSENT));
    }

    /** A value on one line: strings JSON-quoted, maps {k: v}, lists [a, b]. */
    static String inline(Object v) {
        if (v == null) return "null";
        if (v instanceof Map<?, ?> m) {
            StringBuilder b = new StringBuilder("{");
            m.forEach((k, x) -> b.append(b.length() > 1 ? ", " : "").append(k).append(": ").append(inline(x)));
            return b.append('}').toString();
        }
        if (v instanceof List<?> l) {
            StringBuilder b = new StringBuilder("[");
            for (Object x : l) b.append(b.length() > 1 ? ", " : "").append(inline(x));
            return b.append(']').toString();
        }
        return quote(String.valueOf(v));
    }

    private static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\t' -> b.append("\\t");
                default -> b.append(c);
            }
        }
        return b.append('"').toString();
    }
}
