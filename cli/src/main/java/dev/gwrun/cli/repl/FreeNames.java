package dev.gwrun.cli.repl;

import dev.gwrun.ast.Block;
import dev.gwrun.ast.Expr;
import dev.gwrun.ast.Stmt;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The names a piece of code reads, in order of first use: what step-through shows as "the values
 * this step will use" and what {@code :save} must declare for statements that use names bound
 * elsewhere. Over-approximates (a name the code itself declares is listed too); callers keep only
 * the names bound outside.
 */
final class FreeNames {
    private final Set<String> names = new LinkedHashSet<>();

    private FreeNames() {}

    static Set<String> of(List<Stmt> statements) {
        FreeNames f = new FreeNames();
        for (Stmt s : statements) f.stmt(s);
        return f.names;
    }

    private void block(Block b) {
        if (b != null) for (Stmt s : b.statements()) stmt(s);
    }

    private void stmt(Stmt s) {
        if (s instanceof Stmt.Let x) expr(x.value());
        else if (s instanceof Stmt.Assign x) { expr(x.target()); expr(x.value()); }
        else if (s instanceof Stmt.Guard x) { expr(x.condition()); expr(x.message()); }
        else if (s instanceof Stmt.Step x) {
            expr(x.name()); expr(x.when()); expr(x.timeout()); expr(x.retry()); expr(x.backoff());
            block(x.body());
            block(x.onFailure());
        } else if (s instanceof Stmt.Parallel x) x.steps().forEach(this::stmt);
        else if (s instanceof Stmt.Wait x) { expr(x.condition()); expr(x.every()); expr(x.timeout()); }
        else if (s instanceof Stmt.If x) { expr(x.condition()); block(x.then()); block(x.otherwise()); }
        else if (s instanceof Stmt.For x) { expr(x.iterable()); block(x.body()); }
        else if (s instanceof Stmt.Fn x) block(x.body());
        else if (s instanceof Stmt.Return x) expr(x.value());
        else if (s instanceof Stmt.Fail x) expr(x.message());
        else if (s instanceof Stmt.Log x) expr(x.message());
        else if (s instanceof Stmt.Confirm x) expr(x.question());
        else if (s instanceof Stmt.Run x) { expr(x.path()); expr(x.with()); }
        else if (s instanceof Stmt.ExprStmt x) expr(x.expr());
    }

    private void expr(Expr e) {
        if (e == null) return;
        if (e instanceof Expr.Name n) names.add(n.name());
        else if (e instanceof Expr.Template t) { for (Object p : t.parts()) if (p instanceof Expr x) expr(x); }
        else if (e instanceof Expr.ListLit l) l.items().forEach(this::expr);
        else if (e instanceof Expr.MapLit m) m.entries().forEach(entry -> expr(entry.value()));
        else if (e instanceof Expr.Member m) expr(m.target());
        else if (e instanceof Expr.Call c) { expr(c.callee()); c.args().forEach(a -> expr(a.value())); }
        else if (e instanceof Expr.Index i) { expr(i.target()); expr(i.index()); }
        else if (e instanceof Expr.Unary u) expr(u.operand());
        else if (e instanceof Expr.Binary b) { expr(b.left()); expr(b.right()); }
    }
}
