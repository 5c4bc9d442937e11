package dev.gwrun.stdlib.compose.load;

import dev.gwrun.source.Span;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Small helpers for stages that read and build {@link YNode}s: typed reads that name what was expected, and builders. */
final class Y {
    private Y() {}

    static YNode.YScalar str(Span span, String s) { return new YNode.YScalar(span, null, s, s, true); }

    static YNode.YScalar num(Span span, long n) { return new YNode.YScalar(span, null, Long.toString(n), n, false); }

    static YNode.YScalar dbl(Span span, double n) { return new YNode.YScalar(span, null, Double.toString(n), n, false); }

    static YNode.YScalar bool(Span span, boolean b) { return new YNode.YScalar(span, null, Boolean.toString(b), b, false); }

    static YNode.YScalar nul(Span span) { return new YNode.YScalar(span, null, "null", null, false); }

    static YNode.YMap map(Span span, Map<String, YNode> values) {
        Map<String, YNode.Entry> e = new LinkedHashMap<>();
        values.forEach((k, v) -> e.put(k, new YNode.Entry(k, v.span(), v)));
        return new YNode.YMap(span, null, e);
    }

    static YNode.YMap emptyMap(Span span) { return new YNode.YMap(span, null, new LinkedHashMap<>()); }

    static YNode.YSeq seq(Span span, List<? extends YNode> items) { return new YNode.YSeq(span, null, new ArrayList<>(items)); }

    static YNode.YSeq strings(Span span, List<String> items) {
        List<YNode> out = new ArrayList<>();
        for (String s : items) out.add(str(span, s));
        return new YNode.YSeq(span, null, out);
    }

    /** The same node without its merge tag (the tag is acted on by the merge stage, not kept after it). */
    static YNode untagged(YNode n) {
        if (n.tag() == null) return n;
        if (n instanceof YNode.YMap m) return new YNode.YMap(m.span(), null, m.entries());
        if (n instanceof YNode.YSeq s) return new YNode.YSeq(s.span(), null, s.items());
        YNode.YScalar s = (YNode.YScalar) n;
        return new YNode.YScalar(s.span(), null, s.text(), s.value(), s.quoted());
    }

    static YNode withTag(YNode n, String tag) {
        if (tag == null || tag.equals(n.tag())) return n;
        if (n instanceof YNode.YMap m) return new YNode.YMap(m.span(), tag, m.entries());
        if (n instanceof YNode.YSeq s) return new YNode.YSeq(s.span(), tag, s.items());
        YNode.YScalar s = (YNode.YScalar) n;
        return new YNode.YScalar(s.span(), tag, s.text(), s.value(), s.quoted());
    }

    static String kind(YNode n) { return YamlReader.kind(n); }

    static boolean isNull(YNode n) { return n == null || (n instanceof YNode.YScalar s && s.isNull()); }

    /** A scalar's string form (numbers and booleans as written); an error for null, a list or a mapping. */
    static String string(YNode n, String what) {
        if (n instanceof YNode.YScalar s && s.value() != null) return s.asString();
        throw new ComposeException(n.span(), what + " must be a string, not " + kind(n));
    }

    static YNode.YMap mapping(YNode n, String what) {
        if (n instanceof YNode.YMap m) return m;
        throw new ComposeException(n.span(), what + " must be a mapping, not " + kind(n));
    }

    static YNode.YSeq list(YNode n, String what) {
        if (n instanceof YNode.YSeq s) return s;
        throw new ComposeException(n.span(), what + " must be a list, not " + kind(n));
    }

    static Long integer(YNode n, String what) {
        if (n instanceof YNode.YScalar s) {
            if (s.value() instanceof Long l) return l;
            if (s.value() instanceof String str) {
                try { return Long.parseLong(str.strip()); } catch (NumberFormatException e) { /* below */ }
            }
        }
        throw new ComposeException(n.span(), what + " must be an integer, not " + describe(n));
    }

    static Boolean bool(YNode n, String what) {
        if (n instanceof YNode.YScalar s) {
            if (s.value() instanceof Boolean b) return b;
            if (s.value() instanceof String str) {
                String t = str.strip().toLowerCase();
                if (t.equals("true")) return true;
                if (t.equals("false")) return false;
            }
        }
        throw new ComposeException(n.span(), what + " must be a boolean (true or false), not " + describe(n));
    }

    static String describe(YNode n) {
        if (n instanceof YNode.YScalar s && s.value() != null) return kind(n) + " (" + s.asString() + ")";
        return kind(n);
    }

    /** The mapping with one key set (kept in place when present, appended otherwise). */
    static YNode.YMap with(YNode.YMap m, String key, YNode value) {
        Map<String, YNode.Entry> out = new LinkedHashMap<>(m.entries());
        YNode.Entry old = out.get(key);
        out.put(key, new YNode.Entry(key, old == null ? value.span() : old.keySpan(), value));
        return new YNode.YMap(m.span(), m.tag(), out);
    }

    /** The mapping without one key. */
    static YNode.YMap without(YNode.YMap m, String key) {
        if (!m.has(key)) return m;
        Map<String, YNode.Entry> out = new LinkedHashMap<>(m.entries());
        out.remove(key);
        return new YNode.YMap(m.span(), m.tag(), out);
    }

    /** A mapping-valued key, or an empty mapping. */
    static YNode.YMap section(YNode.YMap m, String key) {
        return m.get(key) instanceof YNode.YMap s ? s : emptyMap(m.span());
    }
}
