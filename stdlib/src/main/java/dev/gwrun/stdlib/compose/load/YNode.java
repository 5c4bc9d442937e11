package dev.gwrun.stdlib.compose.load;

import dev.gwrun.source.Span;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A YAML node of a Compose file with the span of the text it came from, so that every later stage
 * (interpolation, merge, normalisation, validation) can report {@code file:line:col} with an excerpt.
 * Nodes are plain data; stages build new nodes rather than change these in place.
 */
public sealed interface YNode permits YNode.YMap, YNode.YSeq, YNode.YScalar {

    /** Where the node was written (for a node made by a stage, the node it was made from). */
    Span span();

    /** Compose's merge tags: {@code !reset} or {@code !override}; null for none. */
    String tag();

    /** The node as plain Java data (LinkedHashMap, ArrayList, String/Long/Double/Boolean/null), spans dropped. */
    Object plain();

    /** A mapping whose keys are strings (Compose files have no other keys), in file order. */
    record YMap(Span span, String tag, Map<String, Entry> entries) implements YNode {
        public YMap {
            entries = entries instanceof LinkedHashMap<String, Entry> ? entries : new LinkedHashMap<>(entries);
        }

        public YNode get(String key) {
            Entry e = entries.get(key);
            return e == null ? null : e.value();
        }

        public boolean has(String key) { return entries.containsKey(key); }

        public Iterable<String> keys() { return entries.keySet(); }

        @Override
        public Object plain() {
            Map<String, Object> out = new LinkedHashMap<>();
            entries.forEach((k, e) -> out.put(k, e.value().plain()));
            return out;
        }
    }

    /** One key of a mapping: the key's own span (errors about a key point at it) and its value. */
    record Entry(String key, Span keySpan, YNode value) {}

    record YSeq(Span span, String tag, List<YNode> items) implements YNode {
        public YSeq {
            items = List.copyOf(items);
        }

        @Override
        public Object plain() {
            List<Object> out = new ArrayList<>();
            for (YNode n : items) out.add(n.plain());
            return out;
        }
    }

    /**
     * A scalar: its text as written and the value YAML resolves it to. {@code value} is a String,
     * Long, Double, Boolean or null (YAML 1.1 rules as PyYAML and docker-compose v1 read them, except
     * that only true/false are booleans, as in compose-go's yaml.v3); {@code quoted} is true for a
     * quoted scalar, which is always a string.
     */
    record YScalar(Span span, String tag, String text, Object value, boolean quoted) implements YNode {
        /** A string scalar made by a stage (e.g. interpolation's result), at the span of the node it replaces. */
        public static YScalar string(Span span, String text) {
            return new YScalar(span, null, text, text, true);
        }

        public boolean isNull() { return value == null; }

        /** The value as a string: the text for a string, the number or bool as written otherwise, null for null. */
        public String asString() { return value == null ? null : value instanceof String s ? s : text; }

        @Override
        public Object plain() { return value; }
    }
}
