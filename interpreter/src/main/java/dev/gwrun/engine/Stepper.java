package dev.gwrun.engine;

import dev.gwrun.ast.Expr;
import dev.gwrun.ast.Runbook;
import dev.gwrun.ast.Stmt;
import dev.gwrun.ast.Steps;
import dev.gwrun.runtime.GwrunError;
import dev.gwrun.runtime.Scope;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A loaded runbook driven one top-level step at a time (the REPL's {@code :step}, {@code :skip},
 * {@code :goto}, {@code :retry}). Its params are bound into the interactive session's scope, so
 * what the steps bind is visible at the prompt between them. Each entry is a top-level statement
 * that is or holds a step; the plain statements before it (let, fn, guard, log) are its lead-in
 * and run just before it, or when it is skipped or passed over, so later steps still see their names.
 */
public final class Stepper {
    /** Where an entry stands. */
    public enum Status { PENDING, SUCCEEDED, FAILED, RECOVERED, SKIPPED }

    /** One top-level step (or parallel block, sub-runbook run, loop or conditional holding steps). */
    public record Entry(String name, Stmt statement, List<Stmt> leadIn) {
        /** The step's own on failure block, or null. */
        public Stmt.Step step() { return statement instanceof Stmt.Step s ? s : null; }
    }

    /** How running an entry or a handler ended: the error is null on success. */
    public record Result(Status status, GwrunError error) {}

    private final Interactive session;
    private final Runbook runbook;
    private final List<Entry> entries = new ArrayList<>();
    private final List<Status> statuses = new ArrayList<>();
    private final boolean[] leadInDone;
    private final List<Stmt> trailing = new ArrayList<>();
    private int cursor;
    private int lastRun = -1;

    /** Binds the runbook's params (from -p text) into the session; throws UsageException for bad ones. */
    public Stepper(Interactive session, Runbook runbook, Map<String, String> params) {
        this.session = session;
        this.runbook = runbook;
        session.resolve(runbook);
        List<Stmt> lead = new ArrayList<>();
        for (Stmt s : runbook.body()) {
            if (Steps.started(s)) {
                entries.add(new Entry(nameOf(s), s, List.copyOf(lead)));
                statuses.add(Status.PENDING);
                lead.clear();
            } else {
                lead.add(s);
            }
        }
        trailing.addAll(lead);
        leadInDone = new boolean[entries.size()];
        session.run(runbook.source(), e -> { }, (executor, frame) -> {
            session.engine().bindTextParams(runbook, params, session.scope(), executor, frame);
            executor.hoistFunctions(runbook.body(), frame);
            return null;
        });
    }

    public Runbook runbook() { return runbook; }

    public List<Entry> entries() { return List.copyOf(entries); }

    public Status status(int i) { return statuses.get(i); }

    /** The index of the next entry to run; {@code entries().size()} when all have run. */
    public int cursor() { return cursor; }

    public boolean done() { return cursor >= entries.size(); }

    /** The entry run last (for :retry), or -1. */
    public int lastRun() { return lastRun; }

    /**
     * Runs the next entry (its lead-in first). With {@code withHandler} a step's own on failure
     * block runs as in a normal run; without it the caller decides after a failure (step-through).
     * On success the cursor moves on; on failure it stays, so the entry can be retried or skipped.
     */
    public Result runNext(EventSink sink, boolean withHandler) {
        if (done()) throw new IllegalStateException("no step left");
        int i = cursor;
        lastRun = i;
        Entry entry = entries.get(i);
        // A step whose own on failure block recovered it ends without an error: its event says so.
        boolean[] recovered = new boolean[1];
        EventSink watching = e -> {
            if (e instanceof Event.StepFinished f && f.depth() == 1 && f.outcome() == Event.Outcome.RECOVERED) recovered[0] = true;
            sink.accept(e);
        };
        try {
            session.run(runbook.source(), watching, (executor, frame) -> {
                runLeadIn(i, executor, frame);
                Stmt s = entry.statement();
                if (!withHandler && s instanceof Stmt.Step st && st.onFailure() != null) {
                    s = new Stmt.Step(st.name(), st.when(), st.timeout(), st.retry(), st.backoff(), st.body(), null, st.headerSpan(), st.span());
                }
                executor.exec(s, frame);
                return null;
            });
        } catch (GwrunError e) {
            statuses.set(i, Status.FAILED);
            return new Result(Status.FAILED, e);
        }
        Status status = recovered[0] && entry.step() != null ? Status.RECOVERED : Status.SUCCEEDED;
        statuses.set(i, status);
        cursor = i + 1;
        if (done()) runTrailing(sink);
        return new Result(status, null);
    }

    /**
     * Runs the next entry's lead-in now (its let, fn and guard statements), so a preview can show
     * the values the step will use; runNext and skip then do not run it again.
     */
    public Result prepareNext(EventSink sink) {
        if (done()) throw new IllegalStateException("no step left");
        int i = cursor;
        try {
            session.run(runbook.source(), sink, (executor, frame) -> {
                runLeadIn(i, executor, frame);
                return null;
            });
        } catch (GwrunError e) {
            return new Result(Status.FAILED, e);
        }
        return new Result(Status.PENDING, null);
    }

    /** Runs the failed step's own on failure block with {@code error} bound; RECOVERED when it ends in recover. */
    public Result runHandler(int i, GwrunError failure, EventSink sink) {
        Stmt.Step step = entries.get(i).step();
        if (step == null || step.onFailure() == null) throw new IllegalStateException("no on failure block");
        try {
            boolean recovered = session.run(runbook.source(), sink, (executor, frame) -> {
                Scope scope = frame.scope().child();
                scope.declare("error", StepRunner.errorValue(failure), Scope.Kind.HANDLER);
                sink.accept(new Event.HandlerStarted(executor.session().now(), entries.get(i).name(), "on failure", step.onFailure().span().line()));
                try {
                    executor.block(step.onFailure().statements(), frame.inStep(StepPath.ROOT.child(entries.get(i).name()), scope, frame.cancel()));
                } catch (Signals.Recover r) {
                    sink.accept(new Event.HandlerFinished(executor.session().now(), entries.get(i).name(), "on failure", true, "recovered", step.onFailure().span().line()));
                    return true;
                }
                sink.accept(new Event.HandlerFinished(executor.session().now(), entries.get(i).name(), "on failure", true, null, step.onFailure().span().line()));
                return false;
            });
            if (recovered) {
                statuses.set(i, Status.RECOVERED);
                if (cursor == i) cursor = i + 1;
                return new Result(Status.RECOVERED, null);
            }
            return new Result(Status.FAILED, failure);
        } catch (GwrunError e) {
            return new Result(Status.FAILED, e);
        }
    }

    /** Skips the next entry; its lead-in still runs, so later steps see the names it binds. */
    public Result skip(EventSink sink) {
        int i = cursor;
        Result leadIn = prepareNext(sink);
        if (leadIn.status() == Status.FAILED) return leadIn;
        statuses.set(i, Status.SKIPPED);
        cursor = i + 1;
        if (done()) runTrailing(sink);
        return new Result(Status.SKIPPED, null);
    }

    /** Moves the cursor to the named entry; entries passed over forwards are skipped (their lead-ins run). */
    public Result goTo(String name, EventSink sink) {
        int target = indexOf(name);
        if (target < 0) throw new IllegalArgumentException(name);
        while (cursor < target) {
            Result r = skip(sink);
            if (r.error() != null) return r;
        }
        cursor = target;
        return new Result(Status.PENDING, null);
    }

    /** Moves the cursor back to the entry run last, so runNext runs it again. */
    public boolean rewindToLast() {
        if (lastRun < 0) return false;
        cursor = lastRun;
        return true;
    }

    public int indexOf(String name) {
        for (int i = 0; i < entries.size(); i++) if (entries.get(i).name().equals(name)) return i;
        return -1;
    }

    private void runLeadIn(int i, Executor executor, Frame frame) {
        if (leadInDone[i]) return;
        for (Stmt s : entries.get(i).leadIn()) {
            frame.cancel().check();
            executor.exec(s, frame);
        }
        leadInDone[i] = true;
    }

    /**
     * When the last step is done: the statements after it, then the runbook's {@code always}
     * block, as a run ends. (Its runbook-level {@code on failure} is not run: in step-through a
     * person decides after each failed step.)
     */
    private void runTrailing(EventSink sink) {
        if (trailing.isEmpty() && (runbook.always() == null || alwaysDone)) return;
        session.run(runbook.source(), sink, (executor, frame) -> {
            for (Stmt s : trailing) executor.exec(s, frame);
            trailing.clear();
            if (runbook.always() != null && !alwaysDone) {
                alwaysDone = true;
                int line = runbook.always().span().line();
                sink.accept(new Event.HandlerStarted(executor.session().now(), "", "always", line));
                Scope scope = frame.scope().child();
                scope.declare("error", null, Scope.Kind.HANDLER);
                try {
                    executor.block(runbook.always().statements(), frame.withScope(scope));
                } catch (GwrunError e) {
                    sink.accept(new Event.HandlerFinished(executor.session().now(), "", "always", false, session.masker().mask(e.getMessage()), line));
                    throw e;
                }
                sink.accept(new Event.HandlerFinished(executor.session().now(), "", "always", true, null, line));
            }
            return null;
        });
    }

    private boolean alwaysDone;

    /** A name to show and to :goto: the step's name, or the statement's first words. */
    static String nameOf(Stmt s) {
        if (s instanceof Stmt.Step st) {
            if (st.name() instanceof Expr.Literal lit && lit.value() instanceof String n) return n;
            return st.name().span().text();
        }
        if (s instanceof Stmt.Parallel p) {
            List<String> names = new ArrayList<>();
            for (Stmt.Step st : p.steps()) names.add(nameOf(st));
            return "parallel (" + String.join(", ", names) + ")";
        }
        String text = s.span().text();
        int brace = text.indexOf('{');
        String head = (brace > 0 ? text.substring(0, brace) : text).strip().replaceAll("\\s+", " ");
        return head.length() > 60 ? head.substring(0, 57) + "..." : head;
    }
}
