package dev.gwrun.cli.repl;

import dev.gwrun.runtime.HostObject;
import dev.gwrun.runtime.Json;
import dev.gwrun.runtime.Values;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Shows a value at the prompt the way a person reads it during an incident: an HTTP response as
 * status, headers and its body as indented JSON; a list of objects or maps as a table; any other
 * object or map as a short two-column table; everything else as {@link Values#repr}. Every line
 * goes through the masker.
 */
final class ValuePrinter {
    private static final int MAX_CELL = 48;
    private static final int MAX_ROWS = 200;
    private final UnaryOperator<String> mask;

    ValuePrinter(UnaryOperator<String> mask) {
        this.mask = mask;
    }

    String print(Object v) {
        return mask.apply(render(v));
    }

    private String render(Object v) {
        if (v instanceof HostObject h && h.fieldNames().containsAll(List.of("status", "headers", "body"))) return response(h);
        if (v instanceof List<?> list && !list.isEmpty() && list.stream().allMatch(ValuePrinter::isRecord)) return table(list);
        if (v instanceof HostObject h) return keyValues(h.typeName(), Values.fieldsOf(h));
        if (v instanceof Map<?, ?> m && !m.isEmpty() && Values.repr(m).length() > 80) return pretty(Values.plain(m), 0);
        if (v instanceof List<?> l && Values.repr(l).length() > 80) return pretty(Values.plain(l), 0);
        return Values.repr(v);
    }

    private static boolean isRecord(Object o) {
        return o instanceof HostObject || (o instanceof Map<?, ?> m && !m.isEmpty());
    }

    private String response(HostObject h) {
        StringBuilder b = new StringBuilder();
        b.append("HTTP ").append(Values.str(h.field("status")));
        if (h.fieldNames().contains("elapsed")) b.append("  (").append(Values.str(h.field("elapsed"))).append(')');
        if (h.fieldNames().contains("url")) b.append("  ").append(Values.str(h.field("url")));
        b.append('\n');
        if (h.field("headers") instanceof Map<?, ?> headers) {
            headers.forEach((k, val) -> b.append(k).append(": ").append(Values.str(val)).append('\n'));
        }
        String body = Values.str(h.field("body"));
        if (!body.isBlank()) {
            b.append('\n');
            Object json = null;
            try {
                json = Json.parse(body);
            } catch (IllegalArgumentException notJson) {
                // shown as text below
            }
            b.append(json != null ? pretty(json, 0) : body.stripTrailing());
        }
        return b.toString().stripTrailing();
    }

    /** Rows of records as columns: the union of their fields, in first-seen order. */
    private String table(List<?> list) {
        List<Map<String, Object>> rows = new ArrayList<>();
        Set<String> columns = new LinkedHashSet<>();
        for (Object o : list.subList(0, Math.min(list.size(), MAX_ROWS))) {
            Map<String, Object> row = new LinkedHashMap<>();
            if (o instanceof HostObject h) row.putAll(Values.fieldsOf(h));
            else ((Map<?, ?>) o).forEach((k, v) -> row.put(String.valueOf(k), v));
            rows.add(row);
            columns.addAll(row.keySet());
        }
        List<String> cols = new ArrayList<>(columns);
        List<List<String>> cells = new ArrayList<>();
        cells.add(cols);
        for (Map<String, Object> row : rows) {
            List<String> line = new ArrayList<>();
            for (String c : cols) line.add(cell(row.containsKey(c) ? Values.str(row.get(c)) : ""));
            cells.add(line);
        }
        String out = grid(cells);
        if (list.size() > MAX_ROWS) out += "\n… " + (list.size() - MAX_ROWS) + " more rows";
        return out + "\n(" + list.size() + " row" + (list.size() == 1 ? "" : "s") + ")";
    }

    private String keyValues(String title, Map<String, Object> fields) {
        List<List<String>> cells = new ArrayList<>();
        fields.forEach((k, v) -> cells.add(List.of(k, Values.str(v).replace("\n", "⏎"))));
        return title + "\n" + grid(cells).indent(2).stripTrailing();
    }

    private static String cell(String s) {
        String one = s.replace("\n", "⏎");
        return one.length() > MAX_CELL ? one.substring(0, MAX_CELL - 1) + "…" : one;
    }

    private static String grid(List<List<String>> cells) {
        int n = cells.get(0).size();
        int[] width = new int[n];
        for (List<String> row : cells) for (int i = 0; i < n; i++) width[i] = Math.max(width[i], row.get(i).length());
        StringBuilder b = new StringBuilder();
        for (List<String> row : cells) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < n; i++) {
                if (i > 0) line.append("  ");
                line.append(row.get(i)).append(" ".repeat(width[i] - row.get(i).length()));
            }
            b.append(line.toString().stripTrailing()).append('\n');
        }
        return b.toString().stripTrailing();
    }

    /** JSON with two-space indentation; short arrays and objects stay on one line. */
    static String pretty(Object v, int depth) {
        String flat = Values.repr(v instanceof CharSequence cs ? List.of(cs) : v);
        if (v instanceof CharSequence) flat = flat.substring(1, flat.length() - 1);
        if (flat.length() + depth * 2 <= 72 || !(v instanceof Map<?, ?> || v instanceof List<?>)) return flat;
        String pad = "  ".repeat(depth + 1);
        StringBuilder b = new StringBuilder();
        if (v instanceof Map<?, ?> m) {
            b.append("{\n");
            int i = 0;
            for (Map.Entry<?, ?> e : m.entrySet()) {
                b.append(pad).append(Json.quote(String.valueOf(e.getKey()))).append(": ").append(pretty(e.getValue(), depth + 1));
                b.append(++i < m.size() ? ",\n" : "\n");
            }
            return b.append("  ".repeat(depth)).append('}').toString();
        }
        List<?> l = (List<?>) v;
        b.append("[\n");
        for (int i = 0; i < l.size(); i++) {
            b.append(pad).append(pretty(l.get(i), depth + 1)).append(i + 1 < l.size() ? ",\n" : "\n");
        }
        return b.append("  ".repeat(depth)).append(']').toString();
    }
}
