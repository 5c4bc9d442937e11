package dev.gwrun.ast;

import java.util.ArrayList;
import java.util.List;

/**
 * Where the steps of a runbook are, answered once for every pass.
 *
 * <p>Decided on purpose: a {@code fn}'s body holds steps. They are steps of the runbook, run wherever
 * the function is called, so a question about the steps a runbook has ({@link #all}: once steps,
 * step names) counts them. A {@code fn} declaration, though, starts nothing where it stands, and a
 * call is not looked into, so a question about what running a statement starts ({@link #written},
 * {@link #started}) does not.
 */
public final class Steps {
    private Steps() {}

    /** Every step in these statements at any depth, function bodies and handlers included, in source order. */
    public static List<Stmt.Step> all(List<? extends Stmt> statements) {
        List<Stmt.Step> found = new ArrayList<>();
        new TreeWalk() {
            @Override
            public Void visitStep(Stmt.Step s) {
                found.add(s);
                return super.visitStep(s);
            }
        }.statements(statements);
        return found;
    }

    /** Whether running one of these statements starts a step written in this file (what a flowchart draws as a box). */
    public static boolean written(List<? extends Stmt> statements) {
        for (Stmt s : statements) if (s.accept(new Starts(false))) return true;
        return false;
    }

    /**
     * Whether running this statement starts a step: one written in this file, or those of the runbook a
     * {@code run} names. The guards of a runbook before the first such statement are its preconditions.
     */
    public static boolean started(Stmt s) {
        return s.accept(new Starts(true));
    }

    private static final class Starts implements Stmt.Visitor<Boolean> {
        private final boolean runs;

        Starts(boolean runs) { this.runs = runs; }

        private boolean any(Block b) {
            if (b == null) return false;
            for (Stmt s : b.statements()) if (s.accept(this)) return true;
            return false;
        }

        @Override public Boolean visitStep(Stmt.Step s) { return true; }

        @Override public Boolean visitParallel(Stmt.Parallel s) { return true; }

        @Override public Boolean visitRun(Stmt.Run s) { return runs; }

        @Override public Boolean visitIf(Stmt.If s) { return any(s.then()) || any(s.otherwise()); }

        @Override public Boolean visitFor(Stmt.For s) { return any(s.body()); }

        @Override public Boolean visitLock(Stmt.Lock s) { return any(s.body()); }

        /** A declaration: its steps start where it is called. */
        @Override public Boolean visitFn(Stmt.Fn s) { return false; }

        @Override public Boolean visitLet(Stmt.Let s) { return false; }

        @Override public Boolean visitAssign(Stmt.Assign s) { return false; }

        @Override public Boolean visitGuard(Stmt.Guard s) { return false; }

        @Override public Boolean visitWait(Stmt.Wait s) { return false; }

        @Override public Boolean visitReturn(Stmt.Return s) { return false; }

        @Override public Boolean visitFail(Stmt.Fail s) { return false; }

        @Override public Boolean visitLog(Stmt.Log s) { return false; }

        @Override public Boolean visitConfirm(Stmt.Confirm s) { return false; }

        @Override public Boolean visitRecover(Stmt.Recover s) { return false; }

        @Override public Boolean visitExprStmt(Stmt.ExprStmt s) { return false; }
    }
}
