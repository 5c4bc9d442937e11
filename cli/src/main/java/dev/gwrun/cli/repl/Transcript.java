package dev.gwrun.cli.repl;

import dev.gwrun.ast.Expr;
import dev.gwrun.ast.Param;
import dev.gwrun.ast.Runbook;
import dev.gwrun.ast.Stmt;
import dev.gwrun.params.Masker;
import dev.gwrun.host.Registry;
import dev.gwrun.runtime.Durations;
import dev.gwrun.runtime.Json;
import dev.gwrun.runtime.Values;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The inputs that ran without error this session, in order: what {@code :save} writes as a
 * runbook. Names they use that none of them binds (the params and lets of a loaded runbook, say)
 * become params of the saved runbook, defaulting to their current value where it can be written as
 * a literal and is not a secret, and required otherwise.
 */
final class Transcript {
    private record Item(String text, Runbook ast) {}

    private final List<Item> items = new ArrayList<>();

    /** Records an input that ran; one that only looked at values (x, r.status) changes nothing and is left out. */
    void add(String text, Runbook ast) {
        boolean onlyLooks = ast.params().isEmpty() && ast.body().stream()
                .allMatch(s -> s instanceof Stmt.ExprStmt x && !(x.expr() instanceof Expr.Call));
        if (!onlyLooks) items.add(new Item(text, ast));
    }

    boolean isEmpty() { return items.isEmpty(); }

    String toRunbook(String name, Map<String, Object> variables, Registry registry, Masker masker) {
        Set<String> bound = new LinkedHashSet<>();
        Set<String> used = new LinkedHashSet<>();
        for (Item item : items) {
            for (Param p : item.ast().params()) bound.add(p.name());
            for (Stmt s : item.ast().body()) {
                if (s instanceof Stmt.Let l) bound.add(l.name());
                if (s instanceof Stmt.Fn f) bound.add(f.name());
            }
            for (String n : FreeNames.of(item.ast().body())) if (!bound.contains(n)) used.add(n);
        }
        StringBuilder b = new StringBuilder();
        b.append("# Saved from a gwrun repl session.\n");
        b.append("runbook ").append(Json.quote(name)).append(" {\n");
        boolean declared = false;
        for (String n : used) {
            if (!variables.containsKey(n) || registry.isModule(n) || registry.function(n) != null) continue;
            declared = true;
            Object v = variables.get(n);
            String type = paramType(v);
            String literal = literal(v);
            boolean secret = literal != null && !masker.mask(literal).equals(literal);
            if (type == null) {
                b.append("    # '").append(n).append("' held ").append(Values.typeName(v)).append(" in the session; pass it with -p\n");
                type = "string";
            }
            b.append("    param ").append(n).append(": ").append(type);
            if (literal != null && !secret) b.append(" = ").append(literal);
            b.append('\n');
        }
        if (declared) b.append('\n');
        for (Item item : items) {
            b.append(item.text().stripTrailing().indent(4));
        }
        return b.append("}\n").toString();
    }

    private static String paramType(Object v) {
        if (v instanceof CharSequence) return "string";
        if (v instanceof Long) return "int";
        if (v instanceof Double) return "float";
        if (v instanceof Boolean) return "bool";
        if (v instanceof Duration) return "duration";
        if (v instanceof List<?>) return "list";
        if (v instanceof Map<?, ?>) return "map";
        return null;
    }

    /** The value as source text, or null when it has no literal form (host objects, functions, null). */
    static String literal(Object v) {
        if (v instanceof CharSequence cs) return quote(cs.toString());
        if (v instanceof Long || v instanceof Boolean) return String.valueOf(v);
        if (v instanceof Double d) return Values.formatFloat(d);
        if (v instanceof Duration d) return Durations.format(d);
        if (v instanceof List<?> l) {
            List<String> parts = new ArrayList<>();
            for (Object o : l) {
                String s = literal(o);
                if (s == null) return null;
                parts.add(s);
            }
            return "[" + String.join(", ", parts) + "]";
        }
        if (v instanceof Map<?, ?> m) {
            List<String> parts = new ArrayList<>();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                String s = literal(e.getValue());
                if (s == null) return null;
                parts.add(quote(String.valueOf(e.getKey())) + ": " + s);
            }
            return "{" + String.join(", ", parts) + "}";
        }
        return null;
    }

    /** A string literal of the language: JSON quoting, with '$' escaped so nothing interpolates. */
    private static String quote(String s) {
        return Json.quote(s).replace("$", "\\$");
    }
}
