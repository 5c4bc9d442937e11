package dev.gwrun.check.lint;

import dev.gwrun.ast.Block;
import dev.gwrun.ast.Expr;
import dev.gwrun.ast.Param;
import dev.gwrun.ast.Runbook;
import dev.gwrun.ast.Stmt;

import java.util.ArrayList;
import java.util.List;

/**
 * Visits every statement and expression of a runbook in source order, telling the visitor which
 * steps enclose each one (a step's handler counts as inside the step). One method per node type;
 * a node type without one throws, and {@code LintTest} walks a runbook holding every type.
 */
public final class AstWalk {
    /** What a lint rule sees; {@code steps} are the enclosing steps, outermost first. */
    public interface Visitor {
        default void stmt(Stmt s, List<Stmt.Step> steps) {}

        default void expr(Expr e, List<Stmt.Step> steps) {}
    }

    private final Visitor visitor;

    private AstWalk(Visitor visitor) { this.visitor = visitor; }

    public static void runbook(Runbook rb, Visitor visitor) {
        AstWalk w = new AstWalk(visitor);
        List<Stmt.Step> none = List.of();
        for (Param p : rb.params()) if (p.defaultValue() != null) w.expr(p.defaultValue(), none);
        w.stmts(rb.body(), none);
        if (rb.onFailure() != null) w.block(rb.onFailure(), none);
        if (rb.always() != null) w.block(rb.always(), none);
    }

    /** Walks one statement and everything inside it. */
    public static void statement(Stmt s, Visitor visitor) {
        new AstWalk(visitor).stmt(s, List.of());
    }

    public static void expression(Expr e, Visitor visitor) {
        new AstWalk(visitor).expr(e, List.of());
    }

    private void stmts(List<Stmt> list, List<Stmt.Step> steps) {
        for (Stmt s : list) stmt(s, steps);
    }

    private void block(Block b, List<Stmt.Step> steps) {
        if (b != null) stmts(b.statements(), steps);
    }

    private void exprs(List<Stmt.Step> steps, Expr... list) {
        for (Expr e : list) if (e != null) expr(e, steps);
    }

    private void stmt(Stmt s, List<Stmt.Step> steps) {
        visitor.stmt(s, steps);
        if (s instanceof Stmt.Let x) exprs(steps, x.value());
        else if (s instanceof Stmt.Assign x) exprs(steps, x.target(), x.value());
        else if (s instanceof Stmt.Guard x) exprs(steps, x.condition(), x.message());
        else if (s instanceof Stmt.Step x) {
            exprs(steps, x.name(), x.when(), x.timeout(), x.retry(), x.backoff());
            List<Stmt.Step> inner = new ArrayList<>(steps);
            inner.add(x);
            block(x.body(), inner);
            block(x.onFailure(), inner);
        } else if (s instanceof Stmt.Parallel x) stmts(List.copyOf(x.steps()), steps);
        else if (s instanceof Stmt.Wait x) exprs(steps, x.condition(), x.every(), x.timeout());
        else if (s instanceof Stmt.If x) {
            exprs(steps, x.condition());
            block(x.then(), steps);
            block(x.otherwise(), steps);
        } else if (s instanceof Stmt.For x) {
            exprs(steps, x.iterable());
            block(x.body(), steps);
        } else if (s instanceof Stmt.Fn x) block(x.body(), steps);
        else if (s instanceof Stmt.Return x) exprs(steps, x.value());
        else if (s instanceof Stmt.Fail x) exprs(steps, x.message());
        else if (s instanceof Stmt.Log x) exprs(steps, x.message());
        else if (s instanceof Stmt.Confirm x) exprs(steps, x.question());
        else if (s instanceof Stmt.Run x) exprs(steps, x.path(), x.with());
        else if (s instanceof Stmt.Lock x) {
            exprs(steps, x.name(), x.timeout());
            block(x.body(), steps);
        } else if (s instanceof Stmt.Recover) { /* nothing inside */ }
        else if (s instanceof Stmt.ExprStmt x) exprs(steps, x.expr());
        else throw new IllegalStateException("the lint walk has no case for " + s.getClass().getSimpleName());
    }

    private void expr(Expr e, List<Stmt.Step> steps) {
        visitor.expr(e, steps);
        if (e instanceof Expr.Literal || e instanceof Expr.Name) return;
        if (e instanceof Expr.Template x) {
            for (Object p : x.parts()) if (p instanceof Expr part) expr(part, steps);
        } else if (e instanceof Expr.ListLit x) {
            for (Expr item : x.items()) expr(item, steps);
        } else if (e instanceof Expr.MapLit x) {
            for (Expr.MapLit.Entry en : x.entries()) expr(en.value(), steps);
        } else if (e instanceof Expr.Member x) {
            expr(x.target(), steps);
        } else if (e instanceof Expr.Call x) {
            expr(x.callee(), steps);
            for (Expr.Arg a : x.args()) expr(a.value(), steps);
        } else if (e instanceof Expr.Index x) {
            exprs(steps, x.target(), x.index());
        } else if (e instanceof Expr.Unary x) {
            expr(x.operand(), steps);
        } else if (e instanceof Expr.Binary x) {
            exprs(steps, x.left(), x.right());
        } else {
            throw new IllegalStateException("the lint walk has no case for " + e.getClass().getSimpleName());
        }
    }
}
