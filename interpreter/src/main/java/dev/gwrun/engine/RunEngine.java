package dev.gwrun.engine;

import dev.gwrun.params.Params;
import dev.gwrun.ast.Block;
import dev.gwrun.ast.Param;
import dev.gwrun.ast.Runbook;
import dev.gwrun.ast.Stmt;
import dev.gwrun.ast.Steps;
import dev.gwrun.host.Registry;
import dev.gwrun.runtime.Cancellation;
import dev.gwrun.runtime.GwrunError;
import dev.gwrun.runtime.Scope;
import dev.gwrun.runtime.Values;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs a checked runbook: binds its params, checks the guards that stand before the first step
 * (all of their refusals reported together, exit 4), runs the body, then the runbook's
 * {@code on failure} (when the run failed) and {@code always} (in every case, Ctrl-C included).
 */
public final class RunEngine {
    private static final int MAX_NESTING = 32;
    private final Registry registry;

    public RunEngine(Registry registry) {
        this.registry = registry;
    }

    public Registry registry() { return registry; }

    /** Runs a runbook to the end. Throws UsageException (exit 2) for bad params, before any event. */
    public RunResult run(Runbook rb, RunOptions o) {
        Session session = new Session(registry, o.masker, o.sink, o.env, o.prompter, o.assumeYes, o.control.root, o.clock);
        session.memory = o.memory;
        session.locks = o.locks;
        try {
            return run(rb, o, session);
        } finally {
            session.close();
        }
    }

    /** Runs a runbook in a session made for it; the session outlives the run only in tests that read it after. */
    RunResult run(Runbook rb, RunOptions o, Session session) {
        session.resolution.add(rb, Set.of());
        Executor executor = new Executor(session, this);
        Scope scope = new Scope(null);
        Frame frame = new Frame(scope, session.root, StepPath.ROOT, rb.source(), null);
        bindTextParams(rb, o.params, scope, executor, frame);

        long start = System.nanoTime();
        Map<String, String> shown = new LinkedHashMap<>();
        for (Param p : rb.params()) shown.put(p.name(), session.mask(Values.str(scope.get(p.name()))));
        session.emit(new Event.RunStarted(session.now(), rb.name(), rb.source().name(), shown));

        List<Locks.Held> runLocks;
        try {
            runLocks = LockRunner.acquireAll(session, o.runLocks, o.runLockWait, session.root);
        } catch (GwrunError e) {
            // Nothing ran, so neither 'on failure' nor 'always' has anything to handle.
            return finish(session, o.control.interrupted() && e.isCancellation() ? Event.Outcome.INTERRUPTED : Event.Outcome.FAILED, e, start);
        }
        Ended ended;
        try {
            ended = runHoldingLocks(rb, o, session, executor, frame);
        } finally {
            // Released before RunFinished, so the run's last line is its outcome.
            LockRunner.releaseAll(runLocks);
        }
        return finish(session, ended.outcome(), ended.failure(), start);
    }

    /** How the body and handlers ended, before the run's locks are released and RunFinished is emitted. */
    private record Ended(Event.Outcome outcome, GwrunError failure) {}

    private Ended runHoldingLocks(Runbook rb, RunOptions o, Session session, Executor executor, Frame frame) {
        GwrunError failure = null;
        Event.Outcome outcome = Event.Outcome.SUCCEEDED;
        int firstStep = firstStepIndex(rb.body());
        List<GwrunError> refusals = new ArrayList<>();
        try {
            executor.hoistFunctions(rb.body(), frame);
            for (int i = 0; i < rb.body().size(); i++) {
                Stmt s = rb.body().get(i);
                if (i == firstStep && !refusals.isEmpty()) break;
                session.root.check();
                if (i < firstStep && s instanceof Stmt.Guard) {
                    try {
                        executor.exec(s, frame);
                    } catch (GwrunError e) {
                        if (!e.kind().equals("guard")) throw e;
                        refusals.add(e);
                        session.emit(new Event.GuardRefused(session.now(), session.mask(e.getMessage()), s.span().line(), s.span().location()));
                    }
                } else {
                    executor.exec(s, frame);
                }
            }
        } catch (GwrunError e) {
            failure = e;
        } catch (Signals.Recover | Signals.Return e) {
            failure = new GwrunError("error", "'recover' and 'return' cannot be used here");
        }
        if (!refusals.isEmpty()) {
            outcome = Event.Outcome.REFUSED;
            failure = refusals.size() == 1 ? refusals.get(0)
                    : new GwrunError("guard", refusals.size() + " guards refused: " + String.join("; ", refusals.stream().map(Throwable::getMessage).toList()), refusals.get(0).span());
        } else if (failure != null) {
            if (o.control.interrupted() && failure.isCancellation()) {
                outcome = Event.Outcome.INTERRUPTED;
            } else {
                outcome = failure instanceof HandlerFailedError ? Event.Outcome.HANDLER_FAILED : Event.Outcome.FAILED;
                if (rb.onFailure() != null) {
                    GwrunError handlerError = runHandler(rb.onFailure(), "on failure", failure, frame.withCancel(session.root), executor, session);
                    if (handlerError != null) {
                        outcome = Event.Outcome.HANDLER_FAILED;
                        failure = new HandlerFailedError("the runbook", handlerError, failure);
                    }
                }
            }
        }
        if (rb.always() != null) {
            Cancellation cleanup = o.control.cleanupToken();
            GwrunError alwaysError = runHandler(rb.always(), "always", failure, frame.withCancel(cleanup), executor, session);
            if (alwaysError != null && (outcome == Event.Outcome.SUCCEEDED)) {
                outcome = Event.Outcome.FAILED;
                failure = alwaysError;
            }
        }
        if (session.handlerFailed.get() && outcome == Event.Outcome.FAILED) outcome = Event.Outcome.HANDLER_FAILED;
        return new Ended(outcome, failure);
    }

    private RunResult finish(Session session, Event.Outcome outcome, GwrunError failure, long start) {
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        int exit = RunResult.exitCodeOf(outcome, failure);
        session.emit(new Event.RunFinished(session.now(), outcome, exit, elapsed,
                failure == null ? null : session.mask(failure.getMessage()),
                failure == null ? null : failure.step(),
                failure == null || failure.span() == null ? null : failure.span().location()));
        return new RunResult(outcome, exit, elapsed, failure);
    }

    /** Runs a runbook-level handler; returns its error, or null when it finished. */
    private GwrunError runHandler(Block block, String kind, GwrunError failure, Frame frame, Executor executor, Session session) {
        int line = block.span().line();
        String path = frame.path().toString();
        session.emit(new Event.HandlerStarted(session.now(), path, kind, line));
        Scope scope = frame.scope().child();
        if (failure != null) scope.declare("error", StepRunner.errorValue(failure), Scope.Kind.HANDLER);
        else scope.declare("error", null, Scope.Kind.HANDLER);
        try {
            executor.block(block.statements(), frame.withScope(scope));
            session.emit(new Event.HandlerFinished(session.now(), path, kind, true, null, line));
            return null;
        } catch (GwrunError e) {
            session.emit(new Event.HandlerFinished(session.now(), path, kind, false, session.mask(e.getMessage()), line));
            return e;
        } catch (Signals.Recover | Signals.Return e) {
            session.emit(new Event.HandlerFinished(session.now(), path, kind, true, null, line));
            return null;
        }
    }

    /** The index of the first top-level statement that starts a step; guards before it are preconditions. */
    static int firstStepIndex(List<Stmt> body) {
        for (int i = 0; i < body.size(); i++) if (Steps.started(body.get(i))) return i;
        return body.size();
    }

    void bindTextParams(Runbook rb, Map<String, String> given, Scope scope, Executor executor, Frame frame) {
        List<String> problems = bindParams(rb, given, true, scope, executor, frame);
        if (!problems.isEmpty()) throw new UsageException(problems);
    }

    /**
     * The one binding of a runbook's params, for -p text and for {@code run … with {…}} values alike: a
     * given value (converted from text, or type-checked), else the default, else a problem; secret values
     * are registered with the masker before anything can show them. Returns the problems found.
     */
    private static List<String> bindParams(Runbook rb, Map<String, ?> given, boolean text, Scope scope, Executor executor, Frame frame) {
        List<String> problems = new ArrayList<>(Params.unknown(rb, given.keySet()));
        for (Param p : rb.params()) {
            Object value = null;
            if (given.containsKey(p.name())) {
                value = given.get(p.name());
                if (text) value = Params.fromText(p, (String) value, problems, null);
                else if (value != null && !Params.fits(p.type(), value)) problems.add(Params.mismatch(p, value));
            } else if (p.defaultValue() != null) {
                value = defaultValue(p, executor, frame, problems);
            } else {
                problems.add("missing required param '" + p.name() + "' (" + p.type().keyword + ")"
                        + (text ? ": pass it with -p " + p.name() + "=…" : ""));
            }
            Params.registerIfSecret(p, value, executor.session().masker);
            scope.declare(p.name(), value, Scope.Kind.PARAM);
        }
        return problems;
    }

    private static Object defaultValue(Param p, Executor executor, Frame frame, List<String> problems) {
        try {
            Object v = executor.eval.eval(p.defaultValue(), frame);
            if (v != null && !Params.fits(p.type(), v)) problems.add(Params.mismatch(p, v));
            if (v instanceof Long n && p.type() == dev.gwrun.ast.ParamType.FLOAT) v = n.doubleValue();
            return v;
        } catch (GwrunError e) {
            problems.add("the default of param '" + p.name() + "' failed: " + e.getMessage());
            return null;
        }
    }

    // ---- Sub-runbooks -----------------------------------------------------------------

    /**
     * {@code run "other.gwrun" with {…}}: run another runbook as a step of this one, parsed and checked
     * once per run (and again only when its file changes).
     */
    void runNested(Stmt.Run r, Frame f, Executor caller) {
        Session session = callerSession(caller);
        String rel = Values.str(caller.eval.eval(r.path(), f));
        if (f.path().depth() >= MAX_NESTING) throw new GwrunError("run", "runbooks nest too deeply (is one running itself?)", r.span());
        Path callerPath = f.source().path();
        String shown;
        Path file;
        try {
            shown = callerPath == null ? rel : callerPath.resolveSibling(rel).normalize().toString();
            file = f.source().directory().resolve(rel);
        } catch (InvalidPathException e) {
            throw new GwrunError("run", "cannot find runbook: the path is not a file path (" + e.getReason() + ")", r.path().span());
        }
        Runbook sub = session.runbooks.load(file, shown, r.span());
        Object with = r.with() == null ? Map.of() : caller.eval.eval(r.with(), f);
        if (!(with instanceof Map<?, ?> given)) throw new GwrunError("type", "'with' needs a map of params, got " + Values.typeName(with), r.with().span());

        Executor executor = new Executor(session, this);
        Scope scope = new Scope(null);
        StepPath path = f.path().child(sub.name());
        Frame frame = new Frame(scope, f.cancel(), path, sub.source(), null);
        Map<String, Object> givenByName = new java.util.LinkedHashMap<>();
        for (Map.Entry<?, ?> e : given.entrySet()) givenByName.put(String.valueOf(e.getKey()), e.getValue());
        List<String> problems = bindParams(sub, givenByName, false, scope, executor, frame);
        if (!problems.isEmpty()) throw new GwrunError("run", rel + ": " + String.join("; ", problems), r.span());

        long start = System.nanoTime();
        int line = r.span().line();
        session.emit(new Event.StepStarted(session.now(), path.toString(), sub.name(), path.depth(), line, f.source().name()));
        GwrunError failure = null;
        try {
            executor.block(sub.body(), frame);
        } catch (GwrunError e) {
            failure = e;
        }
        if (failure != null && sub.onFailure() != null && !session.root.isCancelled()) {
            GwrunError he = runHandler(sub.onFailure(), "on failure", failure, frame, executor, session);
            if (he != null) {
                session.handlerFailed.set(true);
                failure = new HandlerFailedError("runbook '" + sub.name() + "'", he, failure);
            }
        }
        if (sub.always() != null) {
            GwrunError ae = runHandler(sub.always(), "always", failure, frame.withCancel(new Cancellation()), executor, session);
            if (ae != null && failure == null) failure = ae;
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        session.emit(new Event.StepFinished(session.now(), path.toString(), sub.name(), path.depth(),
                failure == null ? Event.Outcome.SUCCEEDED : Event.Outcome.FAILED, elapsed,
                failure == null ? null : session.mask(failure.getMessage()), failure == null ? null : failure.kind(), line,
                f.source().name(), failure == null || failure.span() == null ? null : failure.span().location()));
        if (failure != null) throw failure.inStep(sub.name());
    }

    private static Session callerSession(Executor caller) {
        return caller.session();
    }
}
