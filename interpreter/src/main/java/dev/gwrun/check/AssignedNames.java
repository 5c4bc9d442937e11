package dev.gwrun.check;

import dev.gwrun.ast.Block;
import dev.gwrun.ast.Expr;
import dev.gwrun.ast.Runbook;
import dev.gwrun.ast.Stmt;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Names that are assigned anywhere: their static type is not trusted past the declaration. */
final class AssignedNames {
    private final Set<String> names = new HashSet<>();

    private AssignedNames() {}

    static Set<String> of(Runbook rb) {
        AssignedNames a = new AssignedNames();
        a.all(rb.body());
        if (rb.onFailure() != null) a.all(rb.onFailure().statements());
        if (rb.always() != null) a.all(rb.always().statements());
        return a.names;
    }

    private void all(List<Stmt> stmts) {
        for (Stmt s : stmts) one(s);
    }

    private void block(Block b) {
        if (b != null) all(b.statements());
    }

    private void one(Stmt s) {
        if (s instanceof Stmt.Assign a && a.target() instanceof Expr.Name n) names.add(n.name());
        else if (s instanceof Stmt.Step st) { block(st.body()); block(st.onFailure()); }
        else if (s instanceof Stmt.Parallel p) p.steps().forEach(this::one);
        else if (s instanceof Stmt.If i) { block(i.then()); block(i.otherwise()); }
        else if (s instanceof Stmt.For f) block(f.body());
        else if (s instanceof Stmt.Fn f) block(f.body());
        else if (s instanceof Stmt.Lock l) block(l.body());
    }
}
