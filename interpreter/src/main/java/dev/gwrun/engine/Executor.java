package dev.gwrun.engine;

import dev.gwrun.ast.Block;
import dev.gwrun.ast.Expr;
import dev.gwrun.ast.Stmt;
import dev.gwrun.runtime.Cancellation;
import dev.gwrun.runtime.Durations;
import dev.gwrun.runtime.GwrunError;
import dev.gwrun.runtime.HostObject;
import dev.gwrun.runtime.Scope;
import dev.gwrun.runtime.Values;
import dev.gwrun.source.Span;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/** Executes statements; steps go to the StepRunner, sub-runbooks to the RunEngine. */
final class Executor {
    static final Duration DEFAULT_WAIT_EVERY = Duration.ofSeconds(1);
    static final Duration DEFAULT_WAIT_TIMEOUT = Duration.ofMinutes(5);

    private final Session session;
    private final RunEngine engine;
    final Evaluator eval;
    final StepRunner steps;
    private final LockRunner locks;

    Executor(Session session, RunEngine engine) {
        this.session = session;
        this.engine = engine;
        this.eval = new Evaluator(session, this);
        this.steps = new StepRunner(session, this);
        this.locks = new LockRunner(session, this);
    }

    Session session() { return session; }

    void block(List<Stmt> statements, Frame f) {
        hoistFunctions(statements, f);
        for (Stmt s : statements) {
            f.cancel().check();
            exec(s, f);
        }
    }

    /** fn declarations are visible throughout their block, so helpers can sit at the bottom of a runbook. */
    void hoistFunctions(List<Stmt> statements, Frame f) {
        for (Stmt s : statements) {
            if (s instanceof Stmt.Fn fn) f.scope().declare(fn.name(), new Evaluator.FunctionValue(fn, f.scope()), Scope.Kind.FN);
        }
    }

    void block(Block b, Frame f) {
        block(b.statements(), f.withScope(f.scope().child()));
    }

    void exec(Stmt s, Frame f) {
        try {
            s.accept(new In(f));
        } catch (GwrunError e) {
            throw e.at(s.span());
        }
    }

    /** Execution in one frame: one method per kind of statement. */
    private final class In implements Stmt.Visitor<Void> {
        private final Frame f;

        In(Frame f) { this.f = f; }

        @Override
        public Void visitLet(Stmt.Let x) {
            f.scope().declare(x.name(), eval.eval(x.value(), f), Scope.Kind.LET);
            return null;
        }

        @Override public Void visitAssign(Stmt.Assign x) { assign(x, f); return null; }

        @Override public Void visitGuard(Stmt.Guard x) { guard(x, f); return null; }

        @Override public Void visitStep(Stmt.Step x) { steps.run(x, f); return null; }

        @Override public Void visitParallel(Stmt.Parallel x) { steps.parallel(x, f); return null; }

        @Override public Void visitWait(Stmt.Wait x) { waitUntil(x, f); return null; }

        @Override public Void visitIf(Stmt.If x) { ifStmt(x, f); return null; }

        @Override public Void visitFor(Stmt.For x) { forStmt(x, f); return null; }

        @Override
        public Void visitFn(Stmt.Fn x) {
            f.scope().declare(x.name(), new Evaluator.FunctionValue(x, f.scope()), Scope.Kind.FN);
            return null;
        }

        @Override
        public Void visitReturn(Stmt.Return x) {
            throw new Signals.Return(x.value() == null ? null : eval.eval(x.value(), f));
        }

        @Override
        public Void visitFail(Stmt.Fail x) {
            throw new GwrunError("fail", Values.str(eval.eval(x.message(), f)), x.span());
        }

        @Override
        public Void visitLog(Stmt.Log x) {
            log(f, Values.str(eval.eval(x.message(), f)), x.span());
            return null;
        }

        @Override public Void visitConfirm(Stmt.Confirm x) { confirm(x, f); return null; }

        @Override public Void visitRun(Stmt.Run x) { engine.runNested(x, f, Executor.this); return null; }

        @Override public Void visitRecover(Stmt.Recover x) { throw new Signals.Recover(); }

        @Override public Void visitLock(Stmt.Lock x) { locks.run(x, f); return null; }

        @Override public Void visitExprStmt(Stmt.ExprStmt x) { eval.eval(x.expr(), f); return null; }
    }

    void log(Frame f, String text, Span at) {
        session.emit(new Event.Log(session.now(), f.path().toString(), Event.Stream.LOG, session.mask(text), at.line()));
    }

    private void assign(Stmt.Assign a, Frame f) {
        Object value = eval.eval(a.value(), f);
        Expr target = a.target();
        if (target instanceof Expr.Name n) {
            f.scope().assign(n.name(), value);
        } else if (target instanceof Expr.Index i) {
            Object container = eval.eval(i.target(), f);
            Object key = eval.eval(i.index(), f);
            set(container, key, value, i.index().span());
        } else if (target instanceof Expr.Member m) {
            set(eval.eval(m.target(), f), m.name(), value, m.nameSpan());
        }
    }

    @SuppressWarnings("unchecked")
    private static void set(Object container, Object key, Object value, Span at) {
        if (container instanceof List<?> list && key instanceof Long n) {
            long idx = n < 0 ? list.size() + n : n;
            if (idx < 0 || idx >= list.size()) throw new GwrunError("type", "index " + n + " is out of range for a list of " + list.size() + " items", at);
            ((List<Object>) list).set((int) idx, value);
        } else if (container instanceof Map<?, ?> map && key instanceof CharSequence k) {
            ((Map<String, Object>) map).put(k.toString(), value);
        } else {
            throw new GwrunError("type", "cannot set " + Values.typeName(key) + " key on " + Values.typeName(container), at);
        }
    }

    private void guard(Stmt.Guard g, Frame f) {
        if (!eval.bool(g.condition(), f, "a guard")) {
            throw new GwrunError("guard", Values.str(eval.eval(g.message(), f)), g.span());
        }
    }

    private void ifStmt(Stmt.If s, Frame f) {
        if (eval.bool(s.condition(), f, "an if")) block(s.then(), f);
        else if (s.otherwise() != null) block(s.otherwise(), f);
    }

    private void forStmt(Stmt.For s, Frame f) {
        Object iterable = eval.eval(s.iterable(), f);
        List<?> items;
        if (iterable instanceof List<?> l) items = List.copyOf(l);
        else if (iterable instanceof Map<?, ?> m) items = List.copyOf(m.keySet());
        else throw new GwrunError("type", "'for' needs a list (or a map, for its keys), got " + Values.typeName(iterable), s.iterable().span());
        int n = 0;
        for (Object item : items) {
            f.cancel().check();
            Scope scope = f.scope().child();
            scope.declare(s.variable(), item, Scope.Kind.LOOP);
            block(s.body().statements(), f.withScope(scope).inIteration(++n));
        }
    }

    Duration duration(Expr e, Frame f, String what) {
        Object v = eval.eval(e, f);
        if (v instanceof Duration d) {
            if (d.isNegative()) throw new GwrunError("type", what + " cannot be negative", e.span());
            return d;
        }
        throw new GwrunError("type", what + " needs a duration like 30s, got " + Values.typeName(v) + " " + Values.repr(v), e.span());
    }

    private void waitUntil(Stmt.Wait w, Frame f) {
        Duration every = w.every() == null ? DEFAULT_WAIT_EVERY : duration(w.every(), f, "every");
        Duration timeout = w.timeout() == null ? DEFAULT_WAIT_TIMEOUT : duration(w.timeout(), f, "the wait's timeout");
        String condition = w.condition().span().text();
        String path = f.path().toString();
        int line = w.span().line();
        session.emit(new Event.WaitStarted(session.now(), path, condition, every, timeout, line));
        long start = System.nanoTime();
        long deadline = start + dev.gwrun.runtime.Durations.nanos(timeout);
        int attempts = 0;
        String last = "nothing yet";
        Frame.WaitObserver observer = new Frame.WaitObserver();
        while (true) {
            f.cancel().check();
            attempts++;
            observer.lastHostResult = null;
            observer.lastDescription = null;
            // Each attempt may not outlive the wait: a hanging call is cut off at the deadline.
            Cancellation attempt = f.cancel().child();
            long left = deadline - System.nanoTime();
            ScheduledFuture<?> cutoff = session.scheduler().schedule(
                    () -> attempt.cancel(new GwrunError("timeout", "the wait's timeout ran out during this attempt")),
                    Math.max(1, left), TimeUnit.NANOSECONDS);
            try {
                Object v = eval.eval(w.condition(), f.withCancel(attempt).observing(observer));
                if (Boolean.TRUE.equals(v)) {
                    session.emit(new Event.WaitFinished(session.now(), path, true, attempts, Duration.ofNanos(System.nanoTime() - start), line));
                    return;
                }
                Object seen = observer.lastHostResult;
                String said = observer.lastDescription;
                last = seen instanceof HostObject h ? h.describe()
                        : v instanceof Boolean ? Values.repr(v) + (said == null ? "" : " (" + said + ")")
                        : "not true or false: " + Values.typeName(v) + " " + Values.repr(v);
            } catch (GwrunError e) {
                if (f.cancel().isCancelled()) throw e;
                if (e.isConclusive()) {
                    session.emit(new Event.WaitFinished(session.now(), path, false, attempts, Duration.ofNanos(System.nanoTime() - start), line));
                    throw new GwrunError(e.kind(), "stopped waiting until " + condition + " after " + attempts
                            + " attempt" + (attempts == 1 ? "" : "s") + ": " + e.getMessage(), w.span(), e);
                }
                // The condition failed after a host call said what it found (`[0]` of an empty query
                // result): say both, so the report shows what the service answered.
                String said = observer.lastDescription;
                if (!attempt.isCancelled()) last = e.getMessage() + (said == null ? "" : " (" + said + ")");
            } finally {
                cutoff.cancel(false);
                attempt.close();
            }
            GwrunError dead = session.watchedProblem();
            if (dead != null) {
                // Something the run started and relies on has died: polling longer cannot help.
                session.emit(new Event.WaitFinished(session.now(), path, false, attempts, Duration.ofNanos(System.nanoTime() - start), line));
                throw new GwrunError(dead.kind(), "stopped waiting until " + condition + " after " + attempts
                        + " attempt" + (attempts == 1 ? "" : "s") + " (last: " + abbreviate(last) + "): " + dead.getMessage(), w.span(), dead);
            }
            Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
            session.emit(new Event.WaitAttempt(session.now(), path, attempts, elapsed, session.mask(abbreviate(last)), line));
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                session.emit(new Event.WaitFinished(session.now(), path, false, attempts, elapsed, line));
                throw new GwrunError("timeout", "timed out after " + Durations.format(timeout) + " waiting until " + condition
                        + " (" + attempts + " attempt" + (attempts == 1 ? "" : "s") + "; last: " + abbreviate(last) + ")", w.span());
            }
            f.cancel().sleep(Duration.ofNanos(Math.min(dev.gwrun.runtime.Durations.nanos(every), remaining)));
        }
    }

    static String abbreviate(String s) {
        String one = s.replaceAll("\\s*\\R\\s*", " ").strip();
        return one.length() <= 200 ? one : one.substring(0, 197) + "...";
    }

    private void confirm(Stmt.Confirm c, Frame f) {
        String question = Values.str(eval.eval(c.question(), f));
        if (session.assumeYes) {
            session.emit(new Event.Log(session.now(), f.path().toString(), Event.Stream.INFO, session.mask("confirmed by --yes: " + question), c.span().line()));
            return;
        }
        if (!session.prompter.available()) {
            throw new GwrunError("confirm", "needs confirmation: rerun with --yes (" + question + ")", c.span());
        }
        if (!session.prompter.confirm(session.mask(question))) {
            throw new GwrunError("confirm", "not confirmed: " + question, c.span());
        }
    }
}
