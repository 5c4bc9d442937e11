package dev.gwrun.engine;

import dev.gwrun.ast.Stmt;
import dev.gwrun.runtime.Cancellation;
import dev.gwrun.runtime.Durations;
import dev.gwrun.runtime.GwrunError;
import dev.gwrun.runtime.Scope;
import dev.gwrun.runtime.Values;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What a step means: when (skip), timeout (cancel the body and fail), retry with doubling backoff
 * (re-run the whole body), on failure with {@code error} bound, and recover. Also parallel blocks.
 */
final class StepRunner {
    static final Duration DEFAULT_BACKOFF = Duration.ofSeconds(1);

    private final Session session;
    private final Executor executor;

    StepRunner(Session session, Executor executor) {
        this.session = session;
        this.executor = executor;
    }

    void run(Stmt.Step s, Frame f) {
        String name = Values.str(executor.eval.eval(s.name(), f));
        StepPath path = f.path().child(name);
        int line = s.span().line();
        String key = f.stepKey(path);
        StepMemory.Recalled recalled = session.memory.recall(key, s.once());
        if (recalled != null) {
            reuse(f, path, name, key, s.once(), recalled, line);
            return;
        }
        if (s.when() != null && !executor.eval.bool(s.when(), f, "a step's 'when'")) {
            session.emit(new Event.StepFinished(session.now(), path.toString(), name, path.depth(), Event.Outcome.SKIPPED,
                    Duration.ZERO, session.mask("when " + s.when().span().text() + " is false"), null, line, f.source().name(), null));
            return;
        }
        Duration timeout = s.timeout() == null ? null : executor.duration(s.timeout(), f, "a step's timeout");
        int attempts = 1;
        if (s.retry() != null) {
            Object n = executor.eval.eval(s.retry(), f);
            if (!(n instanceof Long count) || count < 1) {
                throw new GwrunError("type", "retry needs a whole number of attempts (1 or more), got " + Values.repr(n), s.retry().span());
            }
            attempts = (int) Math.min(count, 1000);
        }
        Duration backoff = s.backoff() == null ? DEFAULT_BACKOFF : executor.duration(s.backoff(), f, "backoff");

        long start = System.nanoTime();
        session.emit(new Event.StepStarted(session.now(), path.toString(), name, path.depth(), line, f.source().name()));
        Cancellation token = f.cancel().child();
        ScheduledFuture<?> timer = null;
        if (timeout != null) {
            String why = "step '" + name + "' timed out after " + Durations.format(timeout);
            timer = session.scheduler().schedule(() -> token.cancel(new GwrunError("timeout", why)), dev.gwrun.runtime.Durations.nanos(timeout), TimeUnit.NANOSECONDS);
        }
        try {
            Duration pause = backoff;
            for (int attempt = 1; ; attempt++) {
                try {
                    executor.block(s.body().statements(), f.inStep(path, f.scope().child(), token));
                    break;
                } catch (GwrunError e) {
                    if (e.isCancellation() || attempt >= attempts || e instanceof HandlerFailedError) throw e;
                    session.emit(new Event.StepRetrying(session.now(), path.toString(), attempt + 1, attempts,
                            session.mask(e.getMessage()), pause, e.span() == null ? line : e.span().line()));
                    token.sleep(pause);
                    pause = pause.multipliedBy(2);
                }
            }
            bound(s, f, path, key);
            finished(path, name, Event.Outcome.SUCCEEDED, start, null, line, f);
        } catch (GwrunError e) {
            e.inStep(name);
            if (s.onFailure() == null || session.root.isCancelled()) {
                finished(path, name, Event.Outcome.FAILED, start, e, line, f);
                throw e;
            }
            handle(s, f, path, name, start, e, line);
        } finally {
            if (timer != null) timer.cancel(false);
            token.close();
        }
    }

    /** Runs a step's on failure block; returns when it recovered, throws otherwise. */
    private void handle(Stmt.Step s, Frame f, StepPath path, String name, long start, GwrunError e, int line) {
        int handlerLine = s.onFailure().span().line();
        session.emit(new Event.HandlerStarted(session.now(), path.toString(), "on failure", handlerLine));
        Scope scope = f.scope().child();
        scope.declare("error", errorValue(e), Scope.Kind.HANDLER);
        try {
            executor.block(s.onFailure().statements(), f.inStep(path, scope, f.cancel()));
        } catch (Signals.Recover r) {
            session.emit(new Event.HandlerFinished(session.now(), path.toString(), "on failure", true, "recovered", handlerLine));
            bound(s, f, path, f.stepKey(path));
            finished(path, name, Event.Outcome.RECOVERED, start, e, line, f);
            return;
        } catch (GwrunError he) {
            session.handlerFailed.set(true);
            session.emit(new Event.HandlerFinished(session.now(), path.toString(), "on failure", false, session.mask(he.getMessage()), handlerLine));
            finished(path, name, Event.Outcome.FAILED, start, e, line, f);
            throw new HandlerFailedError("step '" + name + "'", he, e);
        }
        session.emit(new Event.HandlerFinished(session.now(), path.toString(), "on failure", true, null, handlerLine));
        finished(path, name, Event.Outcome.FAILED, start, e, line, f);
        throw e;
    }

    /** Records the outer variables the step assigned, so a resumed run can restore them. */
    private void bound(Stmt.Step s, Frame f, StepPath path, String key) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (String name : BoundValues.assignedBy(s)) {
            if (f.scope().isDefined(name)) values.put(name, BoundValues.encode(f.scope().get(name), session.masker));
        }
        session.memory.succeeded(key, s.once(), values);
        session.emit(new Event.StepValues(session.now(), path.toString(), key, s.once(), values, null));
    }

    /** Skips a step that succeeded before, restoring the values it bound into the scope around it. */
    private void reuse(Frame f, StepPath path, String name, String key, boolean once, StepMemory.Recalled r, int line) {
        for (Map.Entry<String, Object> e : r.values().entrySet()) {
            Object value;
            try {
                value = BoundValues.decode(e.getValue());
            } catch (BoundValues.Unrestorable u) {
                throw new GwrunError("resume", "cannot skip step '" + name + "', which succeeded in run " + r.run() + ": the value it bound to '"
                        + e.getKey() + "' was " + u.getMessage() + ", so it cannot be restored; rerun the runbook with 'gwrun run'");
            }
            String host = BoundValues.hostType(e.getValue());
            if (host != null) {
                session.emit(new Event.Log(session.now(), path.toString(), Event.Stream.INFO,
                        session.mask("restored '" + e.getKey() + "' (" + host + ") as a map of its fields"), line));
            }
            if (f.scope().isDefined(e.getKey())) f.scope().assign(e.getKey(), value);
            else f.scope().declare(e.getKey(), value, Scope.Kind.LET);
        }
        session.memory.succeeded(key, once, r.values());
        session.emit(new Event.StepValues(session.now(), path.toString(), key, once, r.values(), r.run()));
        session.emit(new Event.StepFinished(session.now(), path.toString(), name, path.depth(), Event.Outcome.SKIPPED,
                Duration.ZERO, session.mask(r.why()), null, line, f.source().name(), null));
    }

    private void finished(StepPath path, String name, Event.Outcome outcome, long startNanos, GwrunError e, int line, Frame f) {
        session.emit(new Event.StepFinished(session.now(), path.toString(), name, path.depth(), outcome,
                Duration.ofNanos(System.nanoTime() - startNanos), e == null ? null : session.mask(e.getMessage()),
                e == null ? null : e.kind(), line, f.source().name(), e == null || e.span() == null ? null : e.span().location()));
    }

    /** The value bound to {@code error} in handlers: message, step, kind, line. */
    static Map<String, Object> errorValue(GwrunError e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("message", e.getMessage());
        m.put("step", e.step());
        m.put("kind", e.kind());
        m.put("line", e.span() == null ? null : (long) e.span().line());
        return m;
    }

    /** Runs the steps of a parallel block on their own threads; the first failure cancels the rest. */
    void parallel(Stmt.Parallel p, Frame f) {
        if (p.steps().isEmpty()) return;
        Cancellation group = f.cancel().child();
        AtomicInteger n = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(p.steps().size(), r -> {
            Thread t = new Thread(r, "gwrun-parallel-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        ExecutorCompletionService<Void> done = new ExecutorCompletionService<>(pool);
        List<Future<Void>> futures = new ArrayList<>();
        try {
            for (Stmt.Step step : p.steps()) {
                futures.add(done.submit(() -> {
                    run(step, f.withCancel(group));
                    return null;
                }));
            }
            GwrunError first = null;
            for (int i = 0; i < futures.size(); i++) {
                Future<Void> finished;
                try {
                    finished = done.take();
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    group.cancel(new GwrunError("interrupted", "interrupted"));
                    throw new GwrunError("interrupted", "interrupted", p.span());
                }
                try {
                    finished.get();
                } catch (ExecutionException ex) {
                    GwrunError err = ex.getCause() instanceof GwrunError g ? g
                            : new GwrunError("error", String.valueOf(ex.getCause()), p.span(), ex.getCause());
                    if (first == null) {
                        first = err;
                        group.cancel(new GwrunError("cancelled", "cancelled because step '" + err.step() + "' failed in the same parallel block"));
                    }
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                }
            }
            if (first != null) throw first;
        } finally {
            pool.shutdownNow();
            group.close();
        }
    }
}
