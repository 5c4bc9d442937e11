package dev.gwrun.plan;

import dev.gwrun.ast.Expr;
import dev.gwrun.ast.Stmt;
import dev.gwrun.host.Args;
import dev.gwrun.host.Effect;
import dev.gwrun.host.HostFunction;
import dev.gwrun.host.Methods;
import dev.gwrun.host.PlanPreview;
import dev.gwrun.host.Registry;
import dev.gwrun.host.Signature;
import dev.gwrun.host.Type;
import dev.gwrun.names.Names;
import dev.gwrun.runtime.HostObject;
import dev.gwrun.runtime.Operators;
import dev.gwrun.runtime.Values;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The plan's expressions: computes a value where its inputs are known (params, literals, pure
 * operations and methods) and else says "known at run time". Each stdlib call is classified from
 * its signature's {@link Effect}: changing calls are never made, read-only ones only with
 * {@code probe} (and never {@code secret}); the calls met are kept for the plan's entries.
 */
final class PartialEvaluator implements Expr.Visitor<Object> {
    /** A value the plan cannot know. */
    static final Object UNKNOWN = new Object() {
        @Override public String toString() { return "(known at run time)"; }
    };

    /** A runbook function, as a value in scope. */
    record Fn(Stmt.Fn decl) {}

    private final Registry registry;
    private final boolean probe;
    private final Map<String, String> env;
    private Deque<Map<String, Object>> scopes = new ArrayDeque<>();
    /** The names of the runbook being planned (a sub-runbook has its own). */
    private Names names;
    private final Map<Expr, Object> values = new IdentityHashMap<>();
    private List<PlanEntry> calls = new ArrayList<>();
    final PlanText text = new PlanText(values);
    /** Known values passed as a credential parameter (a webhook URL): masked in the whole plan at the end. */
    final Set<String> credentials = new LinkedHashSet<>();

    PartialEvaluator(Registry registry, boolean probe, Map<String, String> env, Names names) {
        this.registry = registry;
        this.probe = probe;
        this.env = env;
        this.names = names;
    }

    // ---- Scopes -----------------------------------------------------------------------

    void push(Map<String, Object> scope) { scopes.push(scope); }

    void pop() { scopes.pop(); }

    /** Binds in the innermost scope. */
    void put(String name, Object v) { scopes.peek().put(name, v); }

    void assign(String name, Object v) {
        for (Map<String, Object> s : scopes) {
            if (s.containsKey(name)) {
                s.put(name, v);
                return;
            }
        }
    }

    private Object lookup(String name) {
        for (Map<String, Object> s : scopes) if (s.containsKey(name)) return s.get(name);
        return null;
    }

    private boolean declared(String name) {
        for (Map<String, Object> s : scopes) if (s.containsKey(name)) return true;
        return false;
    }

    /** The caller's scopes and names, put aside while a sub-runbook is planned in scopes of its own. */
    record Saved(Deque<Map<String, Object>> scopes, Names names) {}

    Saved enter(Names sub) {
        Saved saved = new Saved(scopes, names);
        scopes = new ArrayDeque<>();
        scopes.push(new HashMap<>());
        names = sub;
        return saved;
    }

    void leave(Saved saved) {
        scopes = saved.scopes();
        names = saved.names();
    }

    /** The calls met since the last time they were taken, in order. */
    List<PlanEntry> takeCalls() {
        List<PlanEntry> taken = calls;
        calls = new ArrayList<>();
        return taken;
    }

    /** Records a value worked out for an expression, as the plan shows it. */
    void known(Expr e, Object v) { values.put(e, v); }

    // ---- Expressions ------------------------------------------------------------------

    /** The value of an expression if it can be known now, else UNKNOWN; host calls met on the way are recorded. */
    Object eval(Expr e) {
        Object v;
        try {
            v = e.accept(this);
        } catch (RuntimeException ex) {
            v = UNKNOWN; // a runtime error (a bad index, a type error) shows at run time
        }
        if (tooLarge(v)) v = UNKNOWN;
        values.put(e, v);
        return v;
    }

    /**
     * How large a value the plan computes: past it the value is "known at run time". A few lines that
     * double a string, list or map (let b = a + a) would otherwise fill the memory (found by hostile inputs to the fuzz target).
     */
    static final int MAX_VALUE_CHARS = 1 << 20, MAX_VALUE_ITEMS = 100_000;

    /** Whether a value is past MAX_VALUE_CHARS or MAX_VALUE_ITEMS; the walk stops as soon as it is (shared parts count each time). */
    private static boolean tooLarge(Object v) {
        if (v instanceof String str) return str.length() > MAX_VALUE_CHARS;
        if (!(v instanceof List<?>) && !(v instanceof Map<?, ?>)) return false;
        long[] budget = {MAX_VALUE_ITEMS, MAX_VALUE_CHARS};
        Deque<Object> todo = new ArrayDeque<>(List.of(v));
        while (!todo.isEmpty()) {
            Object o = todo.pop();
            if (o instanceof String str) {
                budget[1] -= str.length();
            } else if (o instanceof List<?> l) {
                budget[0] -= l.size();
                for (Object item : l) if (item != null) todo.push(item);
            } else if (o instanceof Map<?, ?> m) {
                budget[0] -= m.size();
                for (Map.Entry<?, ?> en : m.entrySet()) {
                    if (en.getKey() != null) todo.push(en.getKey());
                    if (en.getValue() != null) todo.push(en.getValue());
                }
            }
            if (budget[0] < 0 || budget[1] < 0) return true;
        }
        return false;
    }

    @Override public Object visitLiteral(Expr.Literal x) { return x.value(); }

    @Override
    public Object visitTemplate(Expr.Template x) {
        StringBuilder b = new StringBuilder();
        boolean known = true;
        for (Object part : x.parts()) {
            if (part instanceof String s) b.append(s);
            else {
                Object v = eval((Expr) part);
                if (v == UNKNOWN) known = false; else b.append(Values.str(v));
            }
        }
        return known ? b.toString() : UNKNOWN;
    }

    @Override
    public Object visitName(Expr.Name x) {
        Object v = lookup(x.name());
        return v == null && !declared(x.name()) ? UNKNOWN : v instanceof Fn ? UNKNOWN : v;
    }

    @Override
    public Object visitListLit(Expr.ListLit x) {
        List<Object> items = new ArrayList<>();
        boolean known = true;
        for (Expr item : x.items()) {
            Object v = eval(item);
            known &= v != UNKNOWN;
            items.add(v);
        }
        return known ? items : UNKNOWN;
    }

    @Override
    public Object visitMapLit(Expr.MapLit x) {
        Map<String, Object> map = new LinkedHashMap<>();
        boolean known = true;
        for (Expr.MapLit.Entry en : x.entries()) {
            Object v = eval(en.value());
            known &= v != UNKNOWN;
            map.put(en.key(), v);
        }
        return known ? map : UNKNOWN;
    }

    @Override
    public Object visitMember(Expr.Member x) {
        if (names.isModule(x.target())) return UNKNOWN;
        Object target = eval(x.target());
        if (target instanceof Map<?, ?> m) return m.containsKey(x.name()) ? m.get(x.name()) : UNKNOWN;
        if (target instanceof HostObject h && h.fieldNames().contains(x.name())) return h.field(x.name());
        return UNKNOWN;
    }

    @Override
    public Object visitIndex(Expr.Index x) {
        Object target = eval(x.target());
        Object index = eval(x.index());
        if (target == UNKNOWN || index == UNKNOWN) return UNKNOWN;
        if (target instanceof List<?> l && index instanceof Long i) {
            long k = i < 0 ? l.size() + i : i;
            return k >= 0 && k < l.size() ? l.get((int) k) : UNKNOWN;
        }
        if (target instanceof Map<?, ?> m && index instanceof CharSequence k) return m.containsKey(k.toString()) ? m.get(k.toString()) : UNKNOWN;
        return UNKNOWN;
    }

    @Override
    public Object visitUnary(Expr.Unary x) {
        Object v = eval(x.operand());
        if (v == UNKNOWN) return UNKNOWN;
        return x.op() == Expr.UnaryOp.NOT ? (v instanceof Boolean b ? !b : UNKNOWN) : Operators.negate(v);
    }

    @Override
    public Object visitBinary(Expr.Binary x) {
        Object l = eval(x.left());
        if (x.op() == Expr.BinaryOp.AND && l == Boolean.FALSE) return false;
        if (x.op() == Expr.BinaryOp.OR && l == Boolean.TRUE) return true;
        Object r = eval(x.right());
        if (x.op() == Expr.BinaryOp.AND || x.op() == Expr.BinaryOp.OR) {
            if (r instanceof Boolean rb && l instanceof Boolean) return rb;
            if (x.op() == Expr.BinaryOp.AND && r == Boolean.FALSE) return false;
            if (x.op() == Expr.BinaryOp.OR && r == Boolean.TRUE) return true;
            return UNKNOWN;
        }
        if (l == UNKNOWN || r == UNKNOWN) return UNKNOWN;
        return Operators.binary(x.op(), l, r);
    }

    @Override
    public Object visitCall(Expr.Call c) {
        HostFunction fn = names.host(c);
        List<Object> args = new ArrayList<>();
        for (Expr.Arg a : c.args()) args.add(eval(a.value()));
        boolean known = args.stream().noneMatch(a -> a == UNKNOWN);
        if (fn != null) return host(fn, c, args, known);
        if (c.callee() instanceof Expr.Name n && lookup(n.name()) instanceof Fn f) {
            Effect effect = FunctionEffects.of(f.decl(), names);
            if (effect != Effect.PURE) {
                calls.add(PlanEntry.of("call", c.span().line(), text.callText(n.name(), c), "runbook function " + n.name(), label(effect)));
            }
            return UNKNOWN;
        }
        if (c.callee() instanceof Expr.Member m) {
            Object receiver = eval(m.target());
            if (receiver == UNKNOWN || !known) return UNKNOWN;
            Methods.Method method = Methods.find(Values.typeName(receiver), m.name());
            if (method == null) return UNKNOWN;
            return method.impl().call(receiver, bind(method.signature(), c, args));
        }
        return UNKNOWN;
    }

    private Object host(HostFunction fn, Expr.Call c, List<Object> args, boolean known) {
        Signature sig = fn.signature();
        noteCredentials(sig, c, args);
        String shown = text.callText(sig.name(), c);
        switch (sig.effect()) {
            case CHANGE -> {
                String note = "not made";
                if (probe && known && fn instanceof PlanPreview preview) {
                    try {
                        note = "not made; " + preview.preview(bind(sig, c, args), new ProbeContext(c.span(), env));
                    } catch (Exception ex) {
                        note = "not made; what it would do is unknown: " + ex.getMessage();
                    }
                }
                calls.add(PlanEntry.of("call", c.span().line(), shown, note, "changes"));
                return UNKNOWN;
            }
            case READ -> {
                if (sig.name().equals("secret")) {
                    calls.add(PlanEntry.of("call", c.span().line(), shown, "a secret: never read by plan", "read-only"));
                    return UNKNOWN;
                }
                if (!probe) {
                    calls.add(PlanEntry.of("call", c.span().line(), shown, "not made (--probe makes it)", "read-only"));
                    return UNKNOWN;
                }
                if (!known) {
                    calls.add(PlanEntry.of("call", c.span().line(), shown, "not made: its arguments are known at run time", "read-only"));
                    return UNKNOWN;
                }
                try {
                    Object result = fn.call(bind(sig, c, args), new ProbeContext(c.span(), env));
                    calls.add(PlanEntry.of("call", c.span().line(), shown, "probed → " + PlanText.describe(result), "read-only"));
                    return result;
                } catch (Exception ex) {
                    calls.add(PlanEntry.of("call", c.span().line(), shown, "probed → failed: " + ex.getMessage(), "read-only"));
                    return UNKNOWN;
                }
            }
            default -> {
                // Pure functions compute values; one that returns nothing (sleep) is called for its time, not made here.
                if (!known || sig.returns().equals(Type.NULL)) return UNKNOWN;
                try {
                    return fn.call(bind(sig, c, args), new ProbeContext(c.span(), Map.of()));
                } catch (Exception ex) {
                    return UNKNOWN;
                }
            }
        }
    }

    /** Remembers the known values of the call's credential parameters, which the finished plan masks. */
    private void noteCredentials(Signature sig, Expr.Call c, List<Object> args) {
        if (sig.params().stream().noneMatch(dev.gwrun.host.ParamSpec::credential)) return;
        Args bound;
        try {
            bound = bind(sig, c, args);
        } catch (RuntimeException e) {
            return;
        }
        for (dev.gwrun.host.ParamSpec ps : sig.params()) {
            if (ps.credential() && bound.value(ps.name()) instanceof CharSequence v && !v.isEmpty()) credentials.add(v.toString());
        }
    }

    private static Args bind(Signature sig, Expr.Call c, List<Object> args) {
        List<String> names = new ArrayList<>();
        for (Expr.Arg a : c.args()) names.add(a.name());
        return Args.bind(sig, names, args);
    }

    private static String label(Effect e) {
        return e == Effect.CHANGE ? "changes" : e == Effect.READ ? "read-only" : null;
    }
}
