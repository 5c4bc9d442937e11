package dev.gwrun.engine;

import dev.gwrun.ast.Expr;
import dev.gwrun.ast.Stmt;
import dev.gwrun.ast.Targets;
import dev.gwrun.ast.TreeWalk;
import dev.gwrun.runtime.HostObject;
import dev.gwrun.runtime.Raw;
import dev.gwrun.runtime.Values;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The values a step binds, in a form a run record can hold and resume can restore. A step's own
 * {@code let}s end with the step, so what it "binds" are the variables around it that it assigns
 * (directly, or through an element: {@code hosts[0] = …}). Encoded as JSON-ready data: strings,
 * whole numbers, floats, bools, lists and maps as themselves; durations, times and raw text tagged
 * ({@code {"$duration": "PT30S"}}); a host object (an HTTP response) as its type and fields, restored
 * as a map of those fields; a value holding a secret as {@code {"$secret": true}} and a function as
 * {@code {"$unrestorable": "function"}}, which resume refuses to restore, naming the step and variable.
 */
public final class BoundValues {
    private BoundValues() {}

    /** A recorded value that resume cannot bring back. */
    public static final class Unrestorable extends RuntimeException {
        public Unrestorable(String what) { super(what); }
    }

    /**
     * The outer variables a step assigns, in source order (not those it declares: they end with it).
     * A function declared in the step is not followed: what it writes, it writes where it is called.
     */
    public static Set<String> assignedBy(Stmt.Step step) {
        Set<String> names = new LinkedHashSet<>();
        TreeWalk writes = new TreeWalk() {
            @Override
            public Void visitAssign(Stmt.Assign s) {
                Expr.Name root = Targets.root(s.target());
                if (root != null) names.add(root.name());
                return null;
            }

            @Override public Void visitFn(Stmt.Fn s) { return null; }
        };
        writes.block(step.body());
        writes.block(step.onFailure());
        return names;
    }

    /** JSON-ready data for a value; text holding a registered secret is replaced by a marker, never written. */
    public static Object encode(Object v, Masker masker) {
        if (v == null || v instanceof Boolean || v instanceof Long) return v;
        if (v instanceof Double d) return Map.of("$float", Values.formatFloat(d));
        if (v instanceof Raw r) return masked(r.text(), masker) ? secret() : Map.of("$raw", r.text());
        if (v instanceof CharSequence cs) return masked(cs.toString(), masker) ? secret() : cs.toString();
        if (v instanceof Duration d) return Map.of("$duration", d.toString());
        if (v instanceof Instant i) return Map.of("$time", i.toString());
        if (v instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            for (Object o : list) out.add(encode(o, masker));
            return out;
        }
        if (v instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            boolean tagLike = false;
            for (Map.Entry<?, ?> e : map.entrySet()) {
                String k = String.valueOf(e.getKey());
                tagLike |= k.startsWith("$");
                out.put(k, encode(e.getValue(), masker));
            }
            return tagLike ? Map.of("$map", out) : out;
        }
        if (v instanceof HostObject h) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("$host", h.typeName());
            out.put("fields", encode(Values.fieldsOf(h), masker));
            return out;
        }
        return Map.of("$unrestorable", Values.typeName(v));
    }

    private static boolean masked(String s, Masker masker) {
        return !masker.mask(s).equals(s);
    }

    private static Map<String, Object> secret() { return Map.of("$secret", Boolean.TRUE); }

    /** The value again; throws Unrestorable (saying what it was) for a secret or a function. */
    public static Object decode(Object json) {
        if (json instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            for (Object o : list) out.add(decode(o));
            return out;
        }
        if (json instanceof Map<?, ?> map) {
            if (map.containsKey("$float")) return Double.parseDouble(String.valueOf(map.get("$float")));
            if (map.containsKey("$duration")) return Duration.parse(String.valueOf(map.get("$duration")));
            if (map.containsKey("$time")) return Instant.parse(String.valueOf(map.get("$time")));
            if (map.containsKey("$raw")) return new Raw(String.valueOf(map.get("$raw")));
            if (map.containsKey("$secret")) throw new Unrestorable("a value holding a secret (secrets are never stored)");
            if (map.containsKey("$unrestorable")) throw new Unrestorable("a " + map.get("$unrestorable") + ", which cannot be stored");
            if (map.containsKey("$host")) return decode(map.get("fields"));
            Object plain = map.containsKey("$map") ? map.get("$map") : map;
            Map<String, Object> out = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : ((Map<?, ?>) plain).entrySet()) out.put(String.valueOf(e.getKey()), decode(e.getValue()));
            return out;
        }
        if (json instanceof Integer n) return n.longValue();
        return json;
    }

    /** Why a recorded value cannot be restored, or null when it can. */
    public static String problem(Object json) {
        try {
            decode(json);
            return null;
        } catch (Unrestorable u) {
            return u.getMessage();
        }
    }

    /** The host object type a recorded value came from ("HTTP response"), or null. */
    public static String hostType(Object json) {
        return json instanceof Map<?, ?> m && m.get("$host") != null ? String.valueOf(m.get("$host")) : null;
    }
}
