package dev.gwrun.plan;

import dev.gwrun.ast.Expr;
import dev.gwrun.runtime.HostObject;
import dev.gwrun.runtime.Json;
import dev.gwrun.runtime.Values;

import dev.gwrun.engine.Masker;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
        return CUT_OPEN + s + CUT_CLOSE;
    }

    static String describe(Object v) {
        return v instanceof HostObject h ? CUT_OPEN + h.describe() + CUT_CLOSE : show(v);
    }

    /**
     * Around a value shown in full until the plan is finished: credentials found later in the plan are
     * masked in the whole value first, then it is cut to {@link #MAX_SHOWN} (a cut value would hide
     * a credential from the masking but not from the reader).
     */
    private static final char CUT_OPEN = '\uE000', CUT_CLOSE = '\uE001';
    private static final Pattern CUT = Pattern.compile(CUT_OPEN + "([^" + CUT_CLOSE + "]*)" + CUT_CLOSE);

    /**
     * The plan as shown: every credential value replaced by ***, wherever it was shown before it was
     * known to be one, and long values cut.
     */
    static Plan finished(Plan plan, Set<String> credentials) {
        List<String> longestFirst = credentials.stream().sorted(Comparator.comparingInt(String::length).reversed()).toList();
        List<Plan.ParamValue> params = new ArrayList<>();
        for (Plan.ParamValue v : plan.params()) params.add(new Plan.ParamValue(v.name(), v.type(), mask(v.value(), longestFirst), v.source()));
        return new Plan(plan.runbook(), plan.file(), plan.probed(), List.copyOf(params), finished(plan.entries(), longestFirst));
    }

    private static List<PlanEntry> finished(List<PlanEntry> entries, List<String> credentials) {
        List<PlanEntry> out = new ArrayList<>();
        for (PlanEntry e : entries) {
            out.add(new PlanEntry(e.kind(), e.line(), mask(e.text(), credentials), mask(e.note(), credentials), e.effect(),
                    finished(e.children(), credentials)));
        }
        return out;
    }

    private static String mask(String text, List<String> credentials) {
        if (text == null) return null;
        String out = text;
        for (String c : credentials) out = out.replace(c, Masker.MASK);
        if (out.indexOf(CUT_OPEN) < 0) return out;
        Matcher m = CUT.matcher(out);
        StringBuilder b = new StringBuilder();
        while (m.find()) {
            String v = m.group(1);
            m.appendReplacement(b, Matcher.quoteReplacement(v.length() > MAX_SHOWN ? v.substring(0, MAX_SHOWN - 1) + "…" : v));
        }
        m.appendTail(b);
        return b.toString();
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
