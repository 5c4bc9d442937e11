package dev.gwrun.stdlib.compose.load;

import dev.gwrun.stdlib.compose.model.Project;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Prints a loaded project as {@code docker compose config} (Compose v2) does: YAML or JSON, two-space
 * indents, keys in the canonical model's order. A string is left plain only when every YAML reader (1.1 or
 * 1.2) reads it back as that same string; otherwise it is double-quoted, so the output round-trips.
 */
public final class CanonicalWriter {
    private CanonicalWriter() {}

    /**
     * The project as YAML. Every {@code $} is written {@code $$}, as v2's {@code config} does
     * ({@code escapeDollarSign} in docker/compose), so the output loads back to the same values.
     */
    public static String yaml(Project project) {
        return yaml(project.canonical()).replace("$", "$$");
    }

    /**
     * The project as JSON, {@code $} written {@code $$} as in {@link #yaml(Project)}. The top-level keys are
     * sorted: compose-go marshals the project as a Go map there.
     */
    public static String json(Project project) {
        return json(new java.util.TreeMap<>(project.canonical())).replace("$", "$$");
    }

    /** Any canonical plain data as YAML. */
    public static String yaml(Map<String, Object> data) {
        StringBuilder out = new StringBuilder();
        if (data.isEmpty()) return "{}\n";
        mapping(out, data, 0);
        return out.toString();
    }

    /** Any canonical plain data as JSON. */
    public static String json(Object data) {
        StringBuilder out = new StringBuilder();
        jsonValue(out, data, 0);
        return out.append('\n').toString();
    }

    private static void mapping(StringBuilder out, Map<?, ?> m, int indent) {
        for (Map.Entry<?, ?> e : m.entrySet()) {
            indent(out, indent);
            out.append(scalarString(String.valueOf(e.getKey()))).append(':');
            block(out, e.getValue(), indent);
        }
    }

    /** A value after "key:" or "-": inline when scalar or empty, else on the following lines. */
    private static void block(StringBuilder out, Object v, int indent) {
        if (v instanceof Map<?, ?> m && !m.isEmpty()) {
            out.append('\n');
            mapping(out, m, indent + 2);
        } else if (v instanceof List<?> l && !l.isEmpty()) {
            out.append('\n');
            sequence(out, l, indent + 2);
        } else {
            out.append(' ').append(inline(v)).append('\n');
        }
    }

    private static void sequence(StringBuilder out, List<?> l, int indent) {
        for (Object item : l) {
            indent(out, indent);
            out.append('-');
            if (item instanceof Map<?, ?> m && !m.isEmpty()) {
                // the first key goes on the dash's line, the rest aligned under it
                boolean first = true;
                for (Map.Entry<?, ?> e : m.entrySet()) {
                    if (first) out.append(' ');
                    else indent(out, indent + 2);
                    first = false;
                    out.append(scalarString(String.valueOf(e.getKey()))).append(':');
                    block(out, e.getValue(), indent + 2);
                }
            } else if (item instanceof List<?> sub && !sub.isEmpty()) {
                out.append('\n');
                sequence(out, sub, indent + 2);
            } else {
                out.append(' ').append(inline(item)).append('\n');
            }
        }
    }

    private static String inline(Object v) {
        if (v == null) return "null";
        if (v instanceof Map<?, ?>) return "{}";
        if (v instanceof List<?>) return "[]";
        if (v instanceof Boolean || v instanceof Long || v instanceof Integer) return v.toString();
        if (v instanceof Double d) return number(d);
        return scalarString(v.toString());
    }

    private static String number(double d) {
        if (Double.isNaN(d)) return ".nan";
        if (Double.isInfinite(d)) return d > 0 ? ".inf" : "-.inf";
        if (d == Math.rint(d) && Math.abs(d) < 1e15) return Long.toString((long) d);
        return Double.toString(d);
    }

    private static void indent(StringBuilder out, int n) {
        out.append(" ".repeat(n));
    }

    private static final Pattern NON_STRING = Pattern.compile(
            "(?i)~|null|true|false|yes|no|on|off|y|n|[-+]?\\.?(inf|nan)|"
                    + "[-+]?[0-9][0-9_]*(\\.[0-9_]*)?([eE][-+]?[0-9]+)?|[-+]?\\.[0-9_]+([eE][-+]?[0-9]+)?|"
                    + "[-+]?0x[0-9a-f_]+|[-+]?0o?[0-7_]+|[-+]?0b[01_]+|[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+(\\.[0-9_]*)?|"
                    + "[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}.*|<<|=");

    /** A string as a YAML scalar: plain when that reads back as the same string, else double-quoted. */
    static String scalarString(String s) {
        if (plainSafe(s)) return s;
        StringBuilder out = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            String escape = shortEscape(c);
            if (escape != null) out.append(escape);
            else if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0) || c == '\u2028' || c == '\u2029' || c == '\ufeff') out.append(String.format("\\u%04x", (int) c));
            else out.append(c);
        }
        return out.append('"').toString();
    }

    private static boolean plainSafe(String s) {
        if (s.isEmpty() || NON_STRING.matcher(s).matches()) return false;
        if (s.charAt(0) == ' ' || s.charAt(s.length() - 1) == ' ') return false;
        if (",[]{}#&*!|>'\"%@`".indexOf(s.charAt(0)) >= 0) return false;
        // -, ? and : start a plain scalar only when a non-space follows
        if ("-?:".indexOf(s.charAt(0)) >= 0 && (s.length() == 1 || s.charAt(1) == ' ')) return false;
        if (s.contains(": ") || s.contains(" #") || s.endsWith(":")) return false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0) || c == '\u2028' || c == '\u2029' || c == '\ufeff') return false;
        }
        return true;
    }

    private static void jsonValue(StringBuilder out, Object v, int indent) {
        if (v instanceof Map<?, ?> m) {
            if (m.isEmpty()) { out.append("{}"); return; }
            out.append("{\n");
            int i = 0;
            for (Map.Entry<?, ?> e : m.entrySet()) {
                indent(out, indent + 2);
                jsonString(out, String.valueOf(e.getKey()));
                out.append(": ");
                jsonValue(out, e.getValue(), indent + 2);
                out.append(++i < m.size() ? ",\n" : "\n");
            }
            indent(out, indent);
            out.append('}');
        } else if (v instanceof List<?> l) {
            if (l.isEmpty()) { out.append("[]"); return; }
            out.append("[\n");
            for (int i = 0; i < l.size(); i++) {
                indent(out, indent + 2);
                jsonValue(out, l.get(i), indent + 2);
                out.append(i + 1 < l.size() ? ",\n" : "\n");
            }
            indent(out, indent);
            out.append(']');
        } else if (v == null) {
            out.append("null");
        } else if (v instanceof Double d) {
            out.append(Double.isFinite(d) ? number(d) : "null");
        } else if (v instanceof Number || v instanceof Boolean) {
            out.append(v);
        } else {
            jsonString(out, v.toString());
        }
    }

    /** A JSON string escaped as Go's encoding/json does (including &lt;, &gt; and &amp;). */
    private static void jsonString(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            String escape = shortEscape(c);
            if (escape != null) out.append(escape);
            else if (c < 0x20 || c == '<' || c == '>' || c == '&' || c == '\u2028' || c == '\u2029') out.append(String.format("\\u%04x", (int) c));
            else out.append(c);
        }
        out.append('"');
    }

    /** The two-character escape that YAML's double-quoted scalars and JSON strings share, or null. */
    private static String shortEscape(char c) {
        switch (c) {
            case '"': return "\\\"";
            case '\\': return "\\\\";
            case '\n': return "\\n";
            case '\r': return "\\r";
            case '\t': return "\\t";
            default: return null;
        }
    }
}
