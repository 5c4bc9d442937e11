package dev.gwrun.plan;

import dev.gwrun.ast.Block;
import dev.gwrun.ast.Expr;
import dev.gwrun.ast.Param;
import dev.gwrun.ast.ParamType;
import dev.gwrun.ast.Runbook;
import dev.gwrun.ast.Stmt;
import dev.gwrun.engine.Masker;
import dev.gwrun.engine.Params;
import dev.gwrun.engine.RunEngine;
import dev.gwrun.host.Args;
import dev.gwrun.host.Effect;
import dev.gwrun.host.HostFunction;
import dev.gwrun.host.Registry;
import dev.gwrun.host.Signature;
import dev.gwrun.runtime.Cancellation;
import dev.gwrun.runtime.GwrunError;
import dev.gwrun.runtime.HostObject;
import dev.gwrun.runtime.Json;
import dev.gwrun.runtime.Methods;
import dev.gwrun.runtime.Operators;
import dev.gwrun.runtime.Values;
import dev.gwrun.source.Span;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code gwrun plan}: walks a runbook without changing anything. Values are computed where their
 * inputs are known (params, literals, pure operations and methods); everything else is "known at
 * run time". Each stdlib call is classified from its signature's {@link Effect}: changing calls are
 * never made, read-only ones only with {@code probe} (and never {@code secret}). Guards and
 * {@code when} conditions are evaluated when their inputs are known. One method per node type.
 */
public final class Planner {
    /** A value the plan cannot know. */
    static final Object UNKNOWN = new Object() {
        @Override public String toString() { return "(known at run time)"; }
    };

    /** A runbook function, as a value in scope. */
    private record Fn(Stmt.Fn decl) {}

    /** A guard or fail that certainly stops the step (and the run) here. */
    private static final class Halt extends RuntimeException {
        Halt(String message) { super(message, null, false, false); }
    }

    private static final int MAX_UNROLL = 20;
    /**
     * How many statements a plan walks. Loops nested in unrolled loops multiply (six loops of 20 are 64
     * million iterations); past this budget the remaining iterations are a note (found by hostile inputs to the fuzz target).
     */
    static final int MAX_PLANNED = 5_000;
    /**
     * How large a value the plan computes: past it the value is "known at run time". A few lines that
     * double a string, list or map (let b = a + a) would otherwise fill the memory (found by hostile inputs to the fuzz target).
     */
    static final int MAX_VALUE_CHARS = 1 << 20, MAX_VALUE_ITEMS = 100_000;
    /** How many sub-runbooks deep a plan goes; deeper ones get a note, to keep a plan readable. */
    private static final int MAX_NESTING = 8;
    private static final int MAX_SHOWN = 60;

    private final Registry registry;
    private final boolean probe;
    private final Map<String, String> env;
    private final Deque<Map<String, Object>> scopes = new ArrayDeque<>();
    private final Map<Expr, Object> values = new IdentityHashMap<>();
    private List<PlanEntry> calls = new ArrayList<>();
    /** The sub-runbooks being planned, outermost first: a runbook that runs itself is planned once. */
    private final Set<Path> running = new LinkedHashSet<>();
    /** Inside a branch that may not run, a retried step or a handler: nothing there is certain. */
    private boolean uncertain;
    /** Statements walked so far (see MAX_PLANNED). */
    private int planned;

    private Planner(Registry registry, boolean probe, Map<String, String> env) {
        this.registry = registry;
        this.probe = probe;
        this.env = env;
    }

    /**
     * Plans a runbook with params given as text (as -p gives them). Throws IllegalArgumentException
     * listing unknown params and values that do not fit their type.
     *
     * @param env what env() sees when probing
     */
    public static Plan plan(Runbook rb, Map<String, String> given, Registry registry, boolean probe, Map<String, String> env) {
        List<String> problems = new ArrayList<>(Params.unknown(rb, given.keySet()));
        Planner p = new Planner(registry, probe, env);
        p.scopes.push(new HashMap<>());
        List<Plan.ParamValue> params = new ArrayList<>();
        for (Param param : rb.params()) {
            Object value;
            String source;
            if (given.containsKey(param.name())) {
                try {
                    value = Params.fromText(param, given.get(param.name()));
                } catch (IllegalArgumentException e) {
                    problems.add("param '" + param.name() + "' (" + param.type().keyword + "): " + e.getMessage() + ", got '" + given.get(param.name()) + "'");
                    value = UNKNOWN;
                }
                source = "given";
            } else if (param.defaultValue() != null) {
                value = p.eval(param.defaultValue());
                source = "default";
            } else {
                value = UNKNOWN;
                source = "missing";
            }
            params.add(new Plan.ParamValue(param.name(), param.type().keyword, p.bind(param, value), source));
        }
        if (!problems.isEmpty()) throw new IllegalArgumentException(String.join("\n", problems));
        p.calls = new ArrayList<>();
        List<PlanEntry> entries = new ArrayList<>();
        try {
            p.statements(rb.body(), entries);
        } catch (Halt h) {
            entries.add(PlanEntry.of("note", 0, "the run stops here", h.getMessage(), null));
        }
        if (rb.onFailure() != null) entries.add(p.handler("on failure", "only if the run fails", rb.onFailure()));
        if (rb.always() != null) entries.add(p.handler("always", "at the end, whatever happened", rb.always()));
        String file = rb.source().name();
        return new Plan(rb.name(), file, probe, List.copyOf(params), entries);
    }

    // ---- Statements -------------------------------------------------------------------

    private void statements(List<Stmt> list, List<PlanEntry> out) {
        scopes.push(new HashMap<>());
        try {
            for (Stmt s : list) if (s instanceof Stmt.Fn fn) scopes.peek().put(fn.name(), new Fn(fn));
            for (Stmt s : list) statement(s, out);
        } finally {
            scopes.pop();
        }
    }

    /**
     * Binds a param in the innermost scope and returns its value as the plan shows it. A plan is read
     * in pull requests and CI logs: a secret is shown as *** and is not worked into the values it
     * derives, so what it feeds is "known at run time".
     */
    private String bind(Param param, Object value) {
        boolean secret = param.type() == ParamType.SECRET && value != UNKNOWN;
        scopes.peek().put(param.name(), secret ? UNKNOWN : value);
        return secret ? Masker.MASK : value == UNKNOWN ? UNKNOWN.toString() : show(value);
    }

    /**
     * A sub-runbook's plan, under its run statement: its params (from `with`, else their defaults),
     * its statements and its handlers, planned in a scope of its own as the engine runs it.
     */
    private void subRunbook(Stmt.Run x, String rel, Object with, List<PlanEntry> out) {
        Path file;
        try {
            file = x.span().file().directory().resolve(rel).normalize();
        } catch (InvalidPathException e) {
            out.add(PlanEntry.of("note", 0, "cannot plan it", "the path is not a file path (" + e.getReason() + ")", null));
            return;
        }
        if (running.contains(file)) {
            out.add(PlanEntry.of("note", 0, "not planned again", "it is already being planned (a runbook running itself?)", null));
            return;
        }
        if (running.size() >= MAX_NESTING) {
            out.add(PlanEntry.of("note", 0, "not planned", "runbooks nest more than " + MAX_NESTING + " deep here", null));
            return;
        }
        Runbook sub;
        try {
            sub = RunEngine.loadRunbook(file, rel, x.span(), registry);
        } catch (GwrunError e) {
            out.add(PlanEntry.of("note", 0, "cannot plan it", e.getMessage(), null));
            return;
        }
        Deque<Map<String, Object>> caller = new ArrayDeque<>(scopes);
        scopes.clear();
        scopes.push(new HashMap<>());
        running.add(file);
        try {
            for (Param param : sub.params()) {
                Object value;
                String source;
                if (!(with instanceof Map<?, ?> given)) {
                    value = UNKNOWN;
                    source = "from with";
                } else if (given.containsKey(param.name())) {
                    value = given.get(param.name());
                    source = "from with";
                } else if (param.defaultValue() != null) {
                    value = eval(param.defaultValue());
                    source = "default";
                } else {
                    value = UNKNOWN;
                    source = "missing";
                }
                out.add(PlanEntry.of("param", param.span().line(), "param " + param.name() + " = " + bind(param, value), source, null));
            }
            statements(sub.body(), out);
            if (sub.onFailure() != null) out.add(handler("on failure", "only if it fails", sub.onFailure()));
            if (sub.always() != null) out.add(handler("always", "at its end, whatever happened", sub.always()));
        } finally {
            running.remove(file);
            scopes.clear();
            scopes.addAll(caller);
        }
    }

    private PlanEntry handler(String name, String note, Block body) {
        boolean was = uncertain;
        uncertain = true;
        PlanEntry e = PlanEntry.of("handler", body.span().line(), name, note, null);
        statements(body.statements(), e.children());
        uncertain = was;
        return e;
    }

    private void statement(Stmt s, List<PlanEntry> out) {
        planned++;
        calls = new ArrayList<>();
        int line = s.span().line();
        if (s instanceof Stmt.Let x) {
            Object v = eval(x.value());
            scopes.peek().put(x.name(), v);
            out.add(entry("let", line, "let " + x.name() + " = " + valueText(x.value()), null));
        } else if (s instanceof Stmt.Assign x) {
            Object v = eval(x.value());
            if (x.target() instanceof Expr.Name n) {
                assign(n.name(), uncertain ? UNKNOWN : v);
            } else {
                eval(x.target());
                // l[0] = … or m.k = … changes a list or map: the plan stops claiming to know it.
                Expr root = x.target();
                while (root instanceof Expr.Index i || root instanceof Expr.Member) root = root instanceof Expr.Index i ? i.target() : ((Expr.Member) root).target();
                if (root instanceof Expr.Name n) assign(n.name(), UNKNOWN);
            }
            out.add(entry("set", line, source(x.target()) + " = " + valueText(x.value()), null));
        } else if (s instanceof Stmt.Guard x) {
            guard(x, out);
        } else if (s instanceof Stmt.Step x) {
            step(x, out);
        } else if (s instanceof Stmt.Parallel x) {
            PlanEntry e = entry("parallel", line, "parallel", "these steps run at the same time");
            for (Stmt.Step step : x.steps()) step(step, e.children());
            out.add(e);
        } else if (s instanceof Stmt.Wait x) {
            Object now = eval(x.condition());
            if (x.every() != null) eval(x.every());
            if (x.timeout() != null) eval(x.timeout());
            String text = "wait until " + source(x.condition()) + (x.every() == null ? "" : " every " + display(x.every()))
                    + (x.timeout() == null ? "" : " timeout " + display(x.timeout()));
            out.add(entry("wait", line, text, now == UNKNOWN ? "polls until true" : "now " + show(now)));
        } else if (s instanceof Stmt.If x) {
            ifStmt(x, out);
        } else if (s instanceof Stmt.For x) {
            forStmt(x, out);
        } else if (s instanceof Stmt.Fn x) {
            // Declared at the start of its block; its calls are planned where it is called.
        } else if (s instanceof Stmt.Return x) {
            if (x.value() != null) eval(x.value());
            out.addAll(calls);
        } else if (s instanceof Stmt.Fail x) {
            eval(x.message());
            out.add(entry("fail", line, "fail " + display(x.message()), uncertain ? null : "the step fails here"));
            if (!uncertain) throw new Halt("fail " + display(x.message()));
        } else if (s instanceof Stmt.Log x) {
            eval(x.message());
            out.add(entry("log", line, "log " + display(x.message()), null));
        } else if (s instanceof Stmt.Confirm x) {
            eval(x.question());
            out.add(entry("confirm", line, "confirm " + display(x.question()), "asks the operator; --yes answers yes"));
        } else if (s instanceof Stmt.Run x) {
            Object path = eval(x.path());
            // Entry by entry: one value known only at run time leaves the others (and the defaults) known.
            Object with;
            if (x.with() instanceof Expr.MapLit m) {
                Map<String, Object> given = new LinkedHashMap<>();
                for (Expr.MapLit.Entry en : m.entries()) given.put(en.key(), eval(en.value()));
                with = given;
                // Shown resolved when every entry is known, as any other value.
                values.put(m, given.containsValue(UNKNOWN) ? UNKNOWN : given);
            } else {
                with = x.with() == null ? Map.of() : eval(x.with());
            }
            boolean known = path instanceof String;
            PlanEntry e = entry("run", line, "run " + display(x.path()) + (x.with() == null ? "" : " with " + display(x.with())),
                    known ? null : "another runbook, named at run time: plan it on its own");
            out.add(e);
            if (known) subRunbook(x, (String) path, with, e.children());
        } else if (s instanceof Stmt.Recover) {
            out.add(entry("note", line, "recover", "the step counts as recovered"));
        } else if (s instanceof Stmt.Lock x) {
            eval(x.name());
            if (x.timeout() != null) eval(x.timeout());
            PlanEntry e = entry("lock", line, "lock " + display(x.name()) + (x.timeout() == null ? "" : " timeout " + display(x.timeout())),
                    x.timeout() == null ? "fails at once if someone else holds it" : "waits for a holder up to the timeout");
            out.add(e);
            statements(x.body().statements(), e.children());
        } else if (s instanceof Stmt.ExprStmt x) {
            eval(x.expr());
            out.addAll(calls);
        } else {
            throw new IllegalStateException("the planner has no case for " + s.getClass().getSimpleName());
        }
    }

    private PlanEntry entry(String kind, int line, String text, String note) {
        PlanEntry e = PlanEntry.of(kind, line, text, note, null);
        e.children().addAll(calls);
        calls = new ArrayList<>();
        return e;
    }

    private void guard(Stmt.Guard x, List<PlanEntry> out) {
        Object ok = eval(x.condition());
        Object message = eval(x.message());
        String note;
        if (ok == Boolean.TRUE) note = "passes";
        else if (ok == Boolean.FALSE) note = "fails: " + (message == UNKNOWN ? display(x.message()) : Values.str(message));
        else note = "checked at run time";
        out.add(entry("guard", x.span().line(), "guard " + source(x.condition()), note));
        if (ok == Boolean.FALSE && !uncertain) throw new Halt("guard fails: " + (message == UNKNOWN ? display(x.message()) : Values.str(message)));
    }

    private void step(Stmt.Step x, List<PlanEntry> out) {
        eval(x.name());
        Object when = x.when() == null ? Boolean.TRUE : eval(x.when());
        StringBuilder text = new StringBuilder("step ").append(display(x.name()));
        if (x.when() != null) text.append(" when ").append(source(x.when()));
        if (x.timeout() != null) { eval(x.timeout()); text.append(" timeout ").append(display(x.timeout())); }
        if (x.retry() != null) { eval(x.retry()); text.append(" retry ").append(display(x.retry())); }
        if (x.backoff() != null) { eval(x.backoff()); text.append(" backoff ").append(display(x.backoff())); }
        if (x.once()) text.append(" once");
        String note = x.once() ? "skipped if it already succeeded with these params in this state store"
                : x.when() == null ? null : when == Boolean.TRUE ? "runs: the condition is true"
                : when == Boolean.FALSE ? "skipped: the condition is false" : "runs if the condition holds at run time";
        PlanEntry e = entry("step", x.span().line(), text.toString(), note);
        out.add(e);
        if (when == Boolean.FALSE) return;
        boolean was = uncertain;
        uncertain = was || when != Boolean.TRUE || x.retry() != null;
        Halt failed = null;
        try {
            statements(x.body().statements(), e.children());
        } catch (Halt h) {
            failed = h; // the guard or fail entry already says so
        } finally {
            uncertain = was;
        }
        if (x.onFailure() != null) {
            e.children().add(handler("on failure", failed != null ? "runs: the step fails" : "only if the step fails", x.onFailure()));
        }
        // After a certain failure the run goes on only if the step's handler recovers.
        if (failed != null && (x.onFailure() == null || x.onFailure().statements().stream().noneMatch(st -> st instanceof Stmt.Recover))) {
            throw failed;
        }
    }

    private void ifStmt(Stmt.If x, List<PlanEntry> out) {
        Object c = eval(x.condition());
        PlanEntry e = entry("if", x.span().line(), "if " + source(x.condition()),
                c == Boolean.TRUE ? "→ true" : c == Boolean.FALSE ? "→ false" : "decided at run time");
        out.add(e);
        if (c == Boolean.TRUE) {
            statements(x.then().statements(), e.children());
        } else if (c == Boolean.FALSE) {
            if (x.otherwise() != null) {
                PlanEntry other = PlanEntry.of("else", x.otherwise().span().line(), "else", null, null);
                statements(x.otherwise().statements(), other.children());
                out.add(other);
            }
        } else {
            boolean was = uncertain;
            uncertain = true;
            statements(x.then().statements(), e.children());
            if (x.otherwise() != null) {
                PlanEntry other = PlanEntry.of("else", x.otherwise().span().line(), "else", null, null);
                statements(x.otherwise().statements(), other.children());
                out.add(other);
            }
            uncertain = was;
        }
    }

    private void forStmt(Stmt.For x, List<PlanEntry> out) {
        Object items = eval(x.iterable());
        List<?> list = items instanceof List<?> l ? l : items instanceof Map<?, ?> m ? List.copyOf(m.keySet()) : null;
        boolean unroll = list != null && list.size() <= MAX_UNROLL;
        PlanEntry e = entry("for", x.span().line(), "for " + x.variable() + " in " + display(x.iterable()),
                list == null ? "once for each item (known at run time)" : list.size() + " item" + (list.size() == 1 ? "" : "s"));
        out.add(e);
        boolean was = uncertain;
        uncertain = was || !unroll;
        try {
            int done = 0;
            for (Object item : unroll ? list : java.util.Collections.singletonList(UNKNOWN)) {
                if (unroll && planned >= MAX_PLANNED) {
                    e.children().add(PlanEntry.of("note", 0, "not planned", (list.size() - done) + " more iteration"
                            + (list.size() - done == 1 ? "" : "s") + ": a plan walks at most " + MAX_PLANNED + " statements", null));
                    break;
                }
                done++;
                scopes.push(new HashMap<>(Map.of(x.variable(), item == null ? UNKNOWN : item)));
                try {
                    statements(x.body().statements(), e.children());
                } finally {
                    scopes.pop();
                }
            }
        } finally {
            uncertain = was;
        }
    }

    private void assign(String name, Object v) {
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

    // ---- Expressions ------------------------------------------------------------------

    /** The value of an expression if it can be known now, else UNKNOWN; host calls met on the way are recorded. */
    private Object eval(Expr e) {
        Object v;
        try {
            v = compute(e);
        } catch (RuntimeException ex) {
            if (ex instanceof Halt) throw ex;
            v = UNKNOWN; // a runtime error (a bad index, a type error) shows at run time
        }
        if (tooLarge(v)) v = UNKNOWN;
        values.put(e, v);
        return v;
    }

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

    private Object compute(Expr e) {
        if (e instanceof Expr.Literal x) return x.value();
        if (e instanceof Expr.Template x) {
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
        if (e instanceof Expr.Name x) {
            Object v = lookup(x.name());
            return v == null && !declared(x.name()) ? UNKNOWN : v instanceof Fn ? UNKNOWN : v;
        }
        if (e instanceof Expr.ListLit x) {
            List<Object> items = new ArrayList<>();
            boolean known = true;
            for (Expr item : x.items()) {
                Object v = eval(item);
                known &= v != UNKNOWN;
                items.add(v);
            }
            return known ? items : UNKNOWN;
        }
        if (e instanceof Expr.MapLit x) {
            Map<String, Object> map = new LinkedHashMap<>();
            boolean known = true;
            for (Expr.MapLit.Entry en : x.entries()) {
                Object v = eval(en.value());
                known &= v != UNKNOWN;
                map.put(en.key(), v);
            }
            return known ? map : UNKNOWN;
        }
        if (e instanceof Expr.Member x) {
            if (isModule(x.target())) return UNKNOWN;
            Object target = eval(x.target());
            if (target instanceof Map<?, ?> m) return m.containsKey(x.name()) ? m.get(x.name()) : UNKNOWN;
            if (target instanceof HostObject h && h.fieldNames().contains(x.name())) return h.field(x.name());
            return UNKNOWN;
        }
        if (e instanceof Expr.Call x) return call(x);
        if (e instanceof Expr.Index x) {
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
        if (e instanceof Expr.Unary x) {
            Object v = eval(x.operand());
            if (v == UNKNOWN) return UNKNOWN;
            return x.op() == Expr.UnaryOp.NOT ? (v instanceof Boolean b ? !b : UNKNOWN) : Operators.negate(v);
        }
        if (e instanceof Expr.Binary x) {
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
        throw new IllegalStateException("the planner has no case for " + e.getClass().getSimpleName());
    }

    private boolean declared(String name) {
        for (Map<String, Object> s : scopes) if (s.containsKey(name)) return true;
        return false;
    }

    private boolean isModule(Expr e) {
        return e instanceof Expr.Name n && registry.isModule(n.name()) && !declared(n.name());
    }

    private Object call(Expr.Call c) {
        HostFunction fn = null;
        if (c.callee() instanceof Expr.Name n && !declared(n.name())) fn = registry.function(n.name());
        else if (c.callee() instanceof Expr.Member m && isModule(m.target())) fn = registry.function(((Expr.Name) m.target()).name() + "." + m.name());
        List<Object> args = new ArrayList<>();
        for (Expr.Arg a : c.args()) args.add(eval(a.value()));
        boolean known = args.stream().noneMatch(a -> a == UNKNOWN);
        if (fn != null) return host(fn, c, args, known);
        if (c.callee() instanceof Expr.Name n && lookup(n.name()) instanceof Fn f) {
            Effect effect = FunctionEffects.of(f.decl(), registry);
            if (effect != Effect.PURE) {
                calls.add(PlanEntry.of("call", c.span().line(), callText(n.name(), c), "runbook function " + n.name(), label(effect)));
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
        String text = callText(sig.name(), c);
        switch (sig.effect()) {
            case CHANGE -> {
                String note = "not made";
                if (probe && known && fn instanceof dev.gwrun.host.PlanPreview preview) {
                    try {
                        note = "not made; " + preview.preview(bind(sig, c, args), new ProbeContext(c.span(), env));
                    } catch (Exception ex) {
                        note = "not made; what it would do is unknown: " + ex.getMessage();
                    }
                }
                calls.add(PlanEntry.of("call", c.span().line(), text, note, "changes"));
                return UNKNOWN;
            }
            case READ -> {
                if (sig.name().equals("secret")) {
                    calls.add(PlanEntry.of("call", c.span().line(), text, "a secret: never read by plan", "read-only"));
                    return UNKNOWN;
                }
                if (!probe) {
                    calls.add(PlanEntry.of("call", c.span().line(), text, "not made (--probe makes it)", "read-only"));
                    return UNKNOWN;
                }
                if (!known) {
                    calls.add(PlanEntry.of("call", c.span().line(), text, "not made: its arguments are known at run time", "read-only"));
                    return UNKNOWN;
                }
                try {
                    Object result = fn.call(bind(sig, c, args), new ProbeContext(c.span(), env));
                    calls.add(PlanEntry.of("call", c.span().line(), text, "probed → " + describe(result), "read-only"));
                    return result;
                } catch (Exception ex) {
                    calls.add(PlanEntry.of("call", c.span().line(), text, "probed → failed: " + ex.getMessage(), "read-only"));
                    return UNKNOWN;
                }
            }
            default -> {
                // Pure functions compute values; one that returns nothing (sleep) is called for its time, not made here.
                if (!known || sig.returns().equals(dev.gwrun.host.Type.NULL)) return UNKNOWN;
                try {
                    return fn.call(bind(sig, c, args), new ProbeContext(c.span(), Map.of()));
                } catch (Exception ex) {
                    return UNKNOWN;
                }
            }
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

    // ---- Display ----------------------------------------------------------------------

    /** How a value shows in a plan: strings quoted, long ones cut. */
    static String show(Object v) {
        if (v == UNKNOWN) return UNKNOWN.toString();
        String s = v instanceof CharSequence cs ? Json.quote(cs.toString()) : Values.repr(v);
        return s.length() > MAX_SHOWN ? s.substring(0, MAX_SHOWN - 1) + "…" : s;
    }

    private static String describe(Object v) {
        String s = v instanceof HostObject h ? h.describe() : show(v);
        return s.length() > MAX_SHOWN ? s.substring(0, MAX_SHOWN - 1) + "…" : s;
    }

    /** An expression's value when known; else its source, with the known parts of a string filled in. */
    private String display(Expr e) {
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
    private String valueText(Expr e) {
        Object v = values.getOrDefault(e, UNKNOWN);
        return v != UNKNOWN || e instanceof Expr.Template ? display(e) : UNKNOWN.toString();
    }

    /** The source text of an expression on one line, cut when long. */
    private static String source(Expr e) {
        String s = e.span().text().replaceAll("\\s*\\n\\s*", " ");
        return s.length() > 2 * MAX_SHOWN ? s.substring(0, 2 * MAX_SHOWN - 1) + "…" : s;
    }

    private String callText(String name, Expr.Call c) {
        StringBuilder b = new StringBuilder(name).append('(');
        for (int i = 0; i < c.args().size(); i++) {
            Expr.Arg a = c.args().get(i);
            if (i > 0) b.append(", ");
            if (a.name() != null) b.append(a.name()).append(": ");
            b.append(display(a.value()));
        }
        return b.append(')').toString();
    }

    /** What a probed read-only call may use: the environment, its directory, no masking beyond secrets it registers. */
    private static final class ProbeContext implements dev.gwrun.host.CallContext {
        private final Span site;
        private final Map<String, String> env;
        private final Set<String> secrets = new java.util.HashSet<>();
        private final Cancellation cancellation = new Cancellation();

        ProbeContext(Span site, Map<String, String> env) {
            this.site = site;
            this.env = env;
        }

        @Override public Cancellation cancellation() { return cancellation; }

        @Override public void log(String line) {}

        @Override public void output(String stream, String line) {}

        @Override public String env(String name) { return env.get(name); }

        @Override public void registerSecret(String value) { secrets.add(value); }

        @Override public String mask(String text) {
            for (String s : secrets) if (!s.isEmpty()) text = text.replace(s, "***");
            return text;
        }

        @Override public Path directory() { return site.file().directory(); }

        @Override public Span callSite() { return site; }
    }
}
