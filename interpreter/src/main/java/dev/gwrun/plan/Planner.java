package dev.gwrun.plan;

import dev.gwrun.ast.Block;
import dev.gwrun.ast.Expr;
import dev.gwrun.ast.Param;
import dev.gwrun.ast.ParamType;
import dev.gwrun.ast.Runbook;
import dev.gwrun.ast.Stmt;
import dev.gwrun.ast.Targets;
import dev.gwrun.check.SubRunbooks;
import dev.gwrun.params.Masker;
import dev.gwrun.params.Params;
import dev.gwrun.host.Registry;
import dev.gwrun.names.Names;
import dev.gwrun.runtime.GwrunError;
import dev.gwrun.runtime.Values;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.gwrun.plan.PartialEvaluator.UNKNOWN;
import static dev.gwrun.plan.PlanText.show;
import static dev.gwrun.plan.PlanText.source;

/**
 * {@code gwrun plan}: walks a runbook without changing anything, one entry per statement. The
 * values and calls come from the {@link PartialEvaluator}; the text from {@link PlanText}. Guards
 * and {@code when} conditions are evaluated when their inputs are known, and a guard or fail that
 * certainly stops the run ends the plan there.
 */
public final class Planner {
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
    /** How many sub-runbooks deep a plan goes; deeper ones get a note, to keep a plan readable. */
    private static final int MAX_NESTING = 8;

    private final Registry registry;
    private final PartialEvaluator ev;
    private final PlanText text;
    /** The sub-runbooks being planned, outermost first: a runbook that runs itself is planned once. */
    private final Set<Path> running = new LinkedHashSet<>();
    /** Inside a branch that may not run, a retried step or a handler: nothing there is certain. */
    private boolean uncertain;
    /** Statements walked so far (see MAX_PLANNED). */
    private int planned;

    private Planner(Registry registry, PartialEvaluator ev) {
        this.registry = registry;
        this.ev = ev;
        this.text = ev.text;
    }

    /**
     * Plans a runbook with params given as text (as -p gives them). Throws IllegalArgumentException
     * listing unknown params and values that do not fit their type.
     *
     * @param env what env() sees when probing
     */
    public static Plan plan(Runbook rb, Map<String, String> given, Registry registry, boolean probe, Map<String, String> env) {
        List<String> problems = new ArrayList<>(Params.unknown(rb, given.keySet()));
        Planner p = new Planner(registry, new PartialEvaluator(registry, probe, env, Names.of(rb, registry)));
        p.ev.push(new HashMap<>());
        List<Plan.ParamValue> params = new ArrayList<>();
        for (Param param : rb.params()) {
            Object value;
            String source;
            if (given.containsKey(param.name())) {
                value = Params.fromText(param, given.get(param.name()), problems, UNKNOWN);
                source = "given";
            } else if (param.defaultValue() != null) {
                value = p.ev.eval(param.defaultValue());
                source = "default";
            } else {
                value = UNKNOWN;
                source = "missing";
            }
            params.add(new Plan.ParamValue(param.name(), param.type().keyword, p.bind(param, value), source));
        }
        if (!problems.isEmpty()) throw new IllegalArgumentException(String.join("\n", problems));
        p.ev.takeCalls();
        List<PlanEntry> entries = new ArrayList<>();
        try {
            p.statements(rb.body(), entries);
        } catch (Halt h) {
            entries.add(PlanEntry.of("note", 0, "the run stops here", h.getMessage(), null));
        }
        if (rb.onFailure() != null) entries.add(p.handler("on failure", "only if the run fails", rb.onFailure()));
        if (rb.always() != null) entries.add(p.handler("always", "at the end, whatever happened", rb.always()));
        String file = rb.source().name();
        return PlanText.finished(new Plan(rb.name(), file, probe, List.copyOf(params), entries), p.ev.credentials);
    }

    private void statements(List<? extends Stmt> list, List<PlanEntry> out) {
        ev.push(new HashMap<>());
        try {
            for (Stmt s : list) if (s instanceof Stmt.Fn fn) ev.put(fn.name(), new PartialEvaluator.Fn(fn));
            for (Stmt s : list) statement(s, out);
        } finally {
            ev.pop();
        }
    }

    /**
     * Binds a param in the innermost scope and returns its value as the plan shows it. A plan is read
     * in pull requests and CI logs: a secret is shown as *** and is not worked into the values it
     * derives, so what it feeds is "known at run time".
     */
    private String bind(Param param, Object value) {
        boolean secret = param.type() == ParamType.SECRET && value != UNKNOWN;
        ev.put(param.name(), secret ? UNKNOWN : value);
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
            sub = SubRunbooks.load(file, rel, x.span(), registry);
        } catch (GwrunError e) {
            out.add(PlanEntry.of("note", 0, "cannot plan it", e.getMessage(), null));
            return;
        }
        PartialEvaluator.Saved caller = ev.enter(Names.of(sub, registry));
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
                    value = ev.eval(param.defaultValue());
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
            ev.leave(caller);
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
        ev.takeCalls();
        s.accept(new Entries(out));
    }

    /** An entry with the calls met since the statement began as its children. */
    private PlanEntry entry(String kind, int line, String text, String note) {
        PlanEntry e = PlanEntry.of(kind, line, text, note, null);
        e.children().addAll(ev.takeCalls());
        return e;
    }

    /** The entries of one statement, added to {@code out}. */
    private final class Entries implements Stmt.Visitor<Void> {
        private final List<PlanEntry> out;

        Entries(List<PlanEntry> out) { this.out = out; }

        @Override
        public Void visitLet(Stmt.Let x) {
            Object v = ev.eval(x.value());
            ev.put(x.name(), v);
            out.add(entry("let", x.span().line(), "let " + x.name() + " = " + text.valueText(x.value()), null));
            return null;
        }

        @Override
        public Void visitAssign(Stmt.Assign x) {
            Object v = ev.eval(x.value());
            if (x.target() instanceof Expr.Name n) {
                ev.assign(n.name(), uncertain ? UNKNOWN : v);
            } else {
                ev.eval(x.target());
                // l[0] = … or m.k = … changes a list or map: the plan stops claiming to know it.
                Expr.Name root = Targets.root(x.target());
                if (root != null) ev.assign(root.name(), UNKNOWN);
            }
            out.add(entry("set", x.span().line(), source(x.target()) + " = " + text.valueText(x.value()), null));
            return null;
        }

        @Override
        public Void visitGuard(Stmt.Guard x) {
            Object ok = ev.eval(x.condition());
            Object message = ev.eval(x.message());
            String note;
            if (ok == Boolean.TRUE) note = "passes";
            else if (ok == Boolean.FALSE) note = "fails: " + (message == UNKNOWN ? text.display(x.message()) : Values.str(message));
            else note = "checked at run time";
            out.add(entry("guard", x.span().line(), "guard " + source(x.condition()), note));
            if (ok == Boolean.FALSE && !uncertain) throw new Halt("guard fails: " + (message == UNKNOWN ? text.display(x.message()) : Values.str(message)));
            return null;
        }

        @Override
        public Void visitStep(Stmt.Step x) {
            step(x, out);
            return null;
        }

        @Override
        public Void visitParallel(Stmt.Parallel x) {
            PlanEntry e = entry("parallel", x.span().line(), "parallel", "these steps run at the same time");
            for (Stmt.Step step : x.steps()) step(step, e.children());
            out.add(e);
            return null;
        }

        @Override
        public Void visitWait(Stmt.Wait x) {
            Object now = ev.eval(x.condition());
            if (x.every() != null) ev.eval(x.every());
            if (x.timeout() != null) ev.eval(x.timeout());
            String shown = "wait until " + source(x.condition()) + (x.every() == null ? "" : " every " + text.display(x.every()))
                    + (x.timeout() == null ? "" : " timeout " + text.display(x.timeout()));
            out.add(entry("wait", x.span().line(), shown, now == UNKNOWN ? "polls until true" : "now " + show(now)));
            return null;
        }

        @Override
        public Void visitIf(Stmt.If x) {
            Object c = ev.eval(x.condition());
            PlanEntry e = entry("if", x.span().line(), "if " + source(x.condition()),
                    c == Boolean.TRUE ? "→ true" : c == Boolean.FALSE ? "→ false" : "decided at run time");
            out.add(e);
            if (c == Boolean.TRUE) {
                statements(x.then().statements(), e.children());
            } else if (c == Boolean.FALSE) {
                if (x.otherwise() != null) otherwise(x.otherwise());
            } else {
                boolean was = uncertain;
                uncertain = true;
                statements(x.then().statements(), e.children());
                if (x.otherwise() != null) otherwise(x.otherwise());
                uncertain = was;
            }
            return null;
        }

        private void otherwise(Block b) {
            PlanEntry other = PlanEntry.of("else", b.span().line(), "else", null, null);
            statements(b.statements(), other.children());
            out.add(other);
        }

        @Override
        public Void visitFor(Stmt.For x) {
            Object items = ev.eval(x.iterable());
            List<?> list = items instanceof List<?> l ? l : items instanceof Map<?, ?> m ? List.copyOf(m.keySet()) : null;
            boolean unroll = list != null && list.size() <= MAX_UNROLL;
            PlanEntry e = entry("for", x.span().line(), "for " + x.variable() + " in " + text.display(x.iterable()),
                    list == null ? "once for each item (known at run time)" : list.size() + " item" + (list.size() == 1 ? "" : "s"));
            out.add(e);
            boolean was = uncertain;
            uncertain = was || !unroll;
            try {
                int done = 0;
                for (Object item : unroll ? list : Collections.singletonList(UNKNOWN)) {
                    if (unroll && planned >= MAX_PLANNED) {
                        e.children().add(PlanEntry.of("note", 0, "not planned", (list.size() - done) + " more iteration"
                                + (list.size() - done == 1 ? "" : "s") + ": a plan walks at most " + MAX_PLANNED + " statements", null));
                        break;
                    }
                    done++;
                    ev.push(new HashMap<>(Map.of(x.variable(), item == null ? UNKNOWN : item)));
                    try {
                        statements(x.body().statements(), e.children());
                    } finally {
                        ev.pop();
                    }
                }
            } finally {
                uncertain = was;
            }
            return null;
        }

        /** Declared at the start of its block; its calls are planned where it is called. */
        @Override public Void visitFn(Stmt.Fn x) { return null; }

        @Override
        public Void visitReturn(Stmt.Return x) {
            if (x.value() != null) ev.eval(x.value());
            out.addAll(ev.takeCalls());
            return null;
        }

        @Override
        public Void visitFail(Stmt.Fail x) {
            ev.eval(x.message());
            out.add(entry("fail", x.span().line(), "fail " + text.display(x.message()), uncertain ? null : "the step fails here"));
            if (!uncertain) throw new Halt("fail " + text.display(x.message()));
            return null;
        }

        @Override
        public Void visitLog(Stmt.Log x) {
            ev.eval(x.message());
            out.add(entry("log", x.span().line(), "log " + text.display(x.message()), null));
            return null;
        }

        @Override
        public Void visitConfirm(Stmt.Confirm x) {
            ev.eval(x.question());
            out.add(entry("confirm", x.span().line(), "confirm " + text.display(x.question()), "asks the operator; --yes answers yes"));
            return null;
        }

        @Override
        public Void visitRun(Stmt.Run x) {
            Object path = ev.eval(x.path());
            // Entry by entry: one value known only at run time leaves the others (and the defaults) known.
            Object with;
            if (x.with() instanceof Expr.MapLit m) {
                Map<String, Object> given = new LinkedHashMap<>();
                for (Expr.MapLit.Entry en : m.entries()) given.put(en.key(), ev.eval(en.value()));
                with = given;
                // Shown resolved when every entry is known, as any other value.
                ev.known(m, given.containsValue(UNKNOWN) ? UNKNOWN : given);
            } else {
                with = x.with() == null ? Map.of() : ev.eval(x.with());
            }
            boolean known = path instanceof String;
            PlanEntry e = entry("run", x.span().line(), "run " + text.display(x.path()) + (x.with() == null ? "" : " with " + text.display(x.with())),
                    known ? null : "another runbook, named at run time: plan it on its own");
            out.add(e);
            if (known) subRunbook(x, (String) path, with, e.children());
            return null;
        }

        @Override
        public Void visitRecover(Stmt.Recover x) {
            out.add(entry("note", x.span().line(), "recover", "the step counts as recovered"));
            return null;
        }

        @Override
        public Void visitLock(Stmt.Lock x) {
            ev.eval(x.name());
            if (x.timeout() != null) ev.eval(x.timeout());
            PlanEntry e = entry("lock", x.span().line(), "lock " + text.display(x.name()) + (x.timeout() == null ? "" : " timeout " + text.display(x.timeout())),
                    x.timeout() == null ? "fails at once if someone else holds it" : "waits for a holder up to the timeout");
            out.add(e);
            statements(x.body().statements(), e.children());
            return null;
        }

        @Override
        public Void visitExprStmt(Stmt.ExprStmt x) {
            ev.eval(x.expr());
            out.addAll(ev.takeCalls());
            return null;
        }
    }

    private void step(Stmt.Step x, List<PlanEntry> out) {
        ev.eval(x.name());
        Object when = x.when() == null ? Boolean.TRUE : ev.eval(x.when());
        StringBuilder shown = new StringBuilder("step ").append(text.display(x.name()));
        if (x.when() != null) shown.append(" when ").append(source(x.when()));
        if (x.timeout() != null) { ev.eval(x.timeout()); shown.append(" timeout ").append(text.display(x.timeout())); }
        if (x.retry() != null) { ev.eval(x.retry()); shown.append(" retry ").append(text.display(x.retry())); }
        if (x.backoff() != null) { ev.eval(x.backoff()); shown.append(" backoff ").append(text.display(x.backoff())); }
        if (x.once()) shown.append(" once");
        String note = x.once() ? "skipped if it already succeeded with these params in this state store"
                : x.when() == null ? null : when == Boolean.TRUE ? "runs: the condition is true"
                : when == Boolean.FALSE ? "skipped: the condition is false" : "runs if the condition holds at run time";
        PlanEntry e = entry("step", x.span().line(), shown.toString(), note);
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
        if (failed != null && (x.onFailure() == null || !x.onFailure().recovers())) {
            throw failed;
        }
    }
}
