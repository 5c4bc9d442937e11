package dev.gwrun.ast;

import dev.gwrun.source.Span;

import java.util.List;

/** Statements. A step is a statement, so steps may sit in loops, conditionals and other steps. */
public sealed interface Stmt extends Node {

    /** Calls the visitor's method for this kind of statement. */
    <R> R accept(Visitor<R> v);

    /**
     * One method per kind of statement: a pass that implements it must handle every kind, so a new
     * kind does not compile until each pass says what it does with it. {@link TreeWalk} walks them all.
     */
    interface Visitor<R> {
        R visitLet(Let s);

        R visitAssign(Assign s);

        R visitGuard(Guard s);

        R visitStep(Step s);

        R visitParallel(Parallel s);

        R visitWait(Wait s);

        R visitIf(If s);

        R visitFor(For s);

        R visitFn(Fn s);

        R visitReturn(Return s);

        R visitFail(Fail s);

        R visitLog(Log s);

        R visitConfirm(Confirm s);

        R visitRun(Run s);

        R visitLock(Lock s);

        R visitRecover(Recover s);

        R visitExprStmt(ExprStmt s);
    }

    /** {@code let name = value}: declares in the current block. */
    record Let(String name, Span nameSpan, Expr value, Span span) implements Stmt {
        @Override public <R> R accept(Visitor<R> v) { return v.visitLet(this); }
    }

    /** {@code target = value}: assigns an existing variable, list element or map entry. */
    record Assign(Expr target, Expr value, Span span) implements Stmt {
        @Override public <R> R accept(Visitor<R> v) { return v.visitAssign(this); }
    }

    /** {@code guard cond else message}: fails with kind "guard" when cond is false. */
    record Guard(Expr condition, Expr message, Span span) implements Stmt {
        @Override public <R> R accept(Visitor<R> v) { return v.visitGuard(this); }
    }

    /**
     * {@code step name [when c] [timeout d] [retry n [backoff d]] [once] { body } [on failure { handler }]}.
     * Optional parts are null when absent. A {@code once} step, after it succeeded, is not run again
     * for the same runbook and params in the same state store: its recorded values are restored instead.
     */
    record Step(Expr name, Expr when, Expr timeout, Expr retry, Expr backoff, boolean once,
                Block body, Block onFailure, Span headerSpan, Span span) implements Stmt {
        @Override public <R> R accept(Visitor<R> v) { return v.visitStep(this); }

        /** A step without {@code once}. */
        public Step(Expr name, Expr when, Expr timeout, Expr retry, Expr backoff,
                    Block body, Block onFailure, Span headerSpan, Span span) {
            this(name, when, timeout, retry, backoff, false, body, onFailure, headerSpan, span);
        }
    }

    /** {@code parallel { step … }}: its steps run concurrently; the first failure cancels the rest. */
    record Parallel(List<Step> steps, Span span) implements Stmt {
        @Override public <R> R accept(Visitor<R> v) { return v.visitParallel(this); }
    }

    /** {@code wait until cond [every d] [timeout d]}. */
    record Wait(Expr condition, Expr every, Expr timeout, Span span) implements Stmt {
        @Override public <R> R accept(Visitor<R> v) { return v.visitWait(this); }
    }

    /** {@code if c { … } else …}; {@code otherwise} is null, a Block, or a Block holding one If. */
    record If(Expr condition, Block then, Block otherwise, Span span) implements Stmt {
        @Override public <R> R accept(Visitor<R> v) { return v.visitIf(this); }
    }

    record For(String variable, Span variableSpan, Expr iterable, Block body, Span span) implements Stmt {
        @Override public <R> R accept(Visitor<R> v) { return v.visitFor(this); }
    }

    /** {@code fn name(params) { … }}: a function, closing over the scope it is declared in. */
    record Fn(String name, Span nameSpan, List<String> params, List<Span> paramSpans, Block body, Span span) implements Stmt {
        @Override public <R> R accept(Visitor<R> v) { return v.visitFn(this); }
    }

    record Return(Expr value, Span span) implements Stmt {
        @Override public <R> R accept(Visitor<R> v) { return v.visitReturn(this); }
    }

    record Fail(Expr message, Span span) implements Stmt {
        @Override public <R> R accept(Visitor<R> v) { return v.visitFail(this); }
    }

    record Log(Expr message, Span span) implements Stmt {
        @Override public <R> R accept(Visitor<R> v) { return v.visitLog(this); }
    }

    /** {@code confirm question}: asks on a terminal; with no terminal needs --yes. */
    record Confirm(Expr question, Span span) implements Stmt {
        @Override public <R> R accept(Visitor<R> v) { return v.visitConfirm(this); }
    }

    /** {@code run "other.gwrun" [with {k: v}]}: a sub-runbook whose failure is the caller's. */
    record Run(Expr path, Expr with, Span span) implements Stmt {
        @Override public <R> R accept(Visitor<R> v) { return v.visitRun(this); }
    }

    /**
     * {@code lock name [timeout d] { body }}: holds the named lock (shared by every run using the same
     * state store) while the body runs; waits up to {@code timeout} (null: fail at once) for its holder.
     */
    record Lock(Expr name, Expr timeout, Block body, Span span) implements Stmt {
        @Override public <R> R accept(Visitor<R> v) { return v.visitLock(this); }
    }

    /** {@code recover}: the end of an on failure handler that marks its step recovered. */
    record Recover(Span span) implements Stmt {
        @Override public <R> R accept(Visitor<R> v) { return v.visitRecover(this); }
    }

    record ExprStmt(Expr expr, Span span) implements Stmt {
        @Override public <R> R accept(Visitor<R> v) { return v.visitExprStmt(this); }
    }
}
