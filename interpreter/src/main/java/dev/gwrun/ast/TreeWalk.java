package dev.gwrun.ast;

import java.util.List;

/**
 * The one default walk over the tree: visits every statement and expression in source order (a
 * node before what it holds). A pass overrides the kinds it cares about and calls {@code super} to
 * go on below them, or does not, to stop there; what it does not override is walked through. The
 * walk itself implements every visitor method, so a new kind of node does not compile until the
 * walk knows what it holds.
 *
 * <p>A function's body is walked like any block: the steps, calls and writes written in a
 * {@code fn} are the runbook's, made wherever the function is called (see {@link Steps}).
 */
public class TreeWalk implements Stmt.Visitor<Void>, Expr.Visitor<Void> {

    /** Param defaults, the body, then the runbook's on failure and always. */
    public void runbook(Runbook rb) {
        for (Param p : rb.params()) expr(p.defaultValue());
        statements(rb.body());
        block(rb.onFailure());
        block(rb.always());
    }

    public void statements(List<? extends Stmt> statements) {
        for (Stmt s : statements) stmt(s);
    }

    /** A block's statements; nothing for null (an absent handler or else). */
    public void block(Block b) {
        if (b != null) statements(b.statements());
    }

    public void stmt(Stmt s) {
        if (s != null) s.accept(this);
    }

    /** An expression; nothing for null (an absent option). */
    public void expr(Expr e) {
        if (e != null) e.accept(this);
    }

    private void exprs(Expr... list) {
        for (Expr e : list) expr(e);
    }

    // ---- Statements -------------------------------------------------------------------

    @Override public Void visitLet(Stmt.Let s) { expr(s.value()); return null; }

    @Override public Void visitAssign(Stmt.Assign s) { exprs(s.target(), s.value()); return null; }

    @Override public Void visitGuard(Stmt.Guard s) { exprs(s.condition(), s.message()); return null; }

    /** The header's expressions, the body, then the step's on failure. */
    @Override
    public Void visitStep(Stmt.Step s) {
        header(s);
        block(s.body());
        block(s.onFailure());
        return null;
    }

    /** A step's header: its name, when, timeout, retry and backoff. */
    protected void header(Stmt.Step s) {
        exprs(s.name(), s.when(), s.timeout(), s.retry(), s.backoff());
    }

    @Override public Void visitParallel(Stmt.Parallel s) { statements(s.steps()); return null; }

    @Override public Void visitWait(Stmt.Wait s) { exprs(s.condition(), s.every(), s.timeout()); return null; }

    @Override
    public Void visitIf(Stmt.If s) {
        expr(s.condition());
        block(s.then());
        block(s.otherwise());
        return null;
    }

    @Override
    public Void visitFor(Stmt.For s) {
        expr(s.iterable());
        block(s.body());
        return null;
    }

    @Override public Void visitFn(Stmt.Fn s) { block(s.body()); return null; }

    @Override public Void visitReturn(Stmt.Return s) { expr(s.value()); return null; }

    @Override public Void visitFail(Stmt.Fail s) { expr(s.message()); return null; }

    @Override public Void visitLog(Stmt.Log s) { expr(s.message()); return null; }

    @Override public Void visitConfirm(Stmt.Confirm s) { expr(s.question()); return null; }

    @Override public Void visitRun(Stmt.Run s) { exprs(s.path(), s.with()); return null; }

    @Override
    public Void visitLock(Stmt.Lock s) {
        exprs(s.name(), s.timeout());
        block(s.body());
        return null;
    }

    @Override public Void visitRecover(Stmt.Recover s) { return null; }

    @Override public Void visitExprStmt(Stmt.ExprStmt s) { expr(s.expr()); return null; }

    // ---- Expressions ------------------------------------------------------------------

    @Override public Void visitLiteral(Expr.Literal e) { return null; }

    @Override
    public Void visitTemplate(Expr.Template e) {
        for (Object part : e.parts()) if (part instanceof Expr x) expr(x);
        return null;
    }

    @Override public Void visitName(Expr.Name e) { return null; }

    @Override
    public Void visitListLit(Expr.ListLit e) {
        for (Expr item : e.items()) expr(item);
        return null;
    }

    @Override
    public Void visitMapLit(Expr.MapLit e) {
        for (Expr.MapLit.Entry entry : e.entries()) expr(entry.value());
        return null;
    }

    @Override public Void visitMember(Expr.Member e) { expr(e.target()); return null; }

    @Override
    public Void visitCall(Expr.Call e) {
        expr(e.callee());
        for (Expr.Arg a : e.args()) expr(a.value());
        return null;
    }

    @Override public Void visitIndex(Expr.Index e) { exprs(e.target(), e.index()); return null; }

    @Override public Void visitUnary(Expr.Unary e) { expr(e.operand()); return null; }

    @Override public Void visitBinary(Expr.Binary e) { exprs(e.left(), e.right()); return null; }
}
