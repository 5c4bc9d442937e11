package dev.gwrun.plan;

import dev.gwrun.ast.Expr;
import dev.gwrun.runtime.HostObject;
import dev.gwrun.runtime.Json;
import dev.gwrun.runtime.Values;

import java.util.Map;

import static dev.gwrun.plan.PartialEvaluator.UNKNOWN;

/**
 * How a plan writes what it found: values when known (strings quoted, long ones cut), else the
 * source text, with the known parts of a string filled in. Reads the values the partial evaluator
 * worked out for each expression.
 */
final class PlanText {
    private static final int MAX_SHOWN = 60;

    private final Map<Expr, Object> values;

    PlanText(Map<Expr, Object> values) { this.values = values; }

    /** How a value shows in a plan: strings quoted, long ones cut. */
    static String show(Object v) {
        if (v == UNKNOWN) return UNKNOWN.toString();
        String s = v instanceof CharSequence cs ? Json.quote(cs.toString()) : Values.repr(v);
        return s.length() > MAX_SHOWN ? s.substring(0, MAX_SHOWN - 1) + "…" : s;
    }

    static String describe(Object v) {
        String s = v instanceof HostObject h ? h.describe() : show(v);
        return s.length() > MAX_SHOWN ? s.substring(0, MAX_SHOWN - 1) + "…" : s;
    }

    /** An expression's value when known; else its source, with the known parts of a string filled in. */
    String display(Expr e) {
        Object v = values.containsKey(e) ? values.get(e) : UNKNOWN;
        if (v != UNKNOWN) return show(v);
        if (e instanceof Expr.Template t) {
            StringBuilder b = new StringBuilder("\"");
            for (Object part : t.parts()) {
                if (part instanceof String s) b.append(Json.quote(s), 1, Json.quote(s).length() - 1);
                else {
                    Object pv = values.getOrDefault(part, UNKNOWN);
                    b.append(pv == UNKNOWN ? "${" + source((Expr) part) + "}" : Values.str(pv));
                }
            }
            return b.append('"').toString();
        }
        return source(e);
    }

    /** A value bound by let or '=': known, a string with its known parts filled in, or "(known at run time)". */
    String valueText(Expr e) {
        Object v = values.getOrDefault(e, UNKNOWN);
        return v != UNKNOWN || e instanceof Expr.Template ? display(e) : UNKNOWN.toString();
    }

    /** The source text of an expression on one line, cut when long. */
    static String source(Expr e) {
        String s = e.span().text().replaceAll("\\s*\\n\\s*", " ");
        return s.length() > 2 * MAX_SHOWN ? s.substring(0, 2 * MAX_SHOWN - 1) + "…" : s;
    }

    String callText(String name, Expr.Call c) {
        StringBuilder b = new StringBuilder(name).append('(');
        for (int i = 0; i < c.args().size(); i++) {
            Expr.Arg a = c.args().get(i);
            if (i > 0) b.append(", ");
            if (a.name() != null) b.append(a.name()).append(": ");
            b.append(display(a.value()));
        }
        return b.append(')').toString();
    }
}
