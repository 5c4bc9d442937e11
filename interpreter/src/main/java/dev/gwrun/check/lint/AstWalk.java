package dev.gwrun.check.lint;

import dev.gwrun.ast.Expr;
import dev.gwrun.ast.Runbook;
import dev.gwrun.ast.Stmt;
import dev.gwrun.ast.TreeWalk;

import java.util.ArrayList;
import java.util.List;

/**
 * The tree walk as lint rules see it: every statement and expression in source order, each with
 * the steps that enclose it (a step's handler counts as inside the step). The walk is
 * {@link TreeWalk}'s; this only keeps the list of enclosing steps.
 */
public final class AstWalk extends TreeWalk {
    /** What a lint rule sees; {@code steps} are the enclosing steps, outermost first. */
    public interface Visitor {
        default void stmt(Stmt s, List<Stmt.Step> steps) {}

        default void expr(Expr e, List<Stmt.Step> steps) {}
    }

    private final Visitor visitor;
    private List<Stmt.Step> steps = List.of();

    private AstWalk(Visitor visitor) { this.visitor = visitor; }

    public static void runbook(Runbook rb, Visitor visitor) {
        new AstWalk(visitor).runbook(rb);
    }

    /** Walks one statement and everything inside it. */
    public static void statement(Stmt s, Visitor visitor) {
        new AstWalk(visitor).stmt(s);
    }

    public static void expression(Expr e, Visitor visitor) {
        new AstWalk(visitor).expr(e);
    }

    @Override
    public void stmt(Stmt s) {
        visitor.stmt(s, steps);
        s.accept(this);
    }

    @Override
    public void expr(Expr e) {
        if (e == null) return;
        visitor.expr(e, steps);
        e.accept(this);
    }

    @Override
    public Void visitStep(Stmt.Step s) {
        header(s);
        List<Stmt.Step> outer = steps;
        List<Stmt.Step> inner = new ArrayList<>(outer);
        inner.add(s);
        steps = inner;
        block(s.body());
        block(s.onFailure());
        steps = outer;
        return null;
    }
}
