package dev.gwrun.check;

import dev.gwrun.ast.Expr;
import dev.gwrun.ast.Runbook;
import dev.gwrun.ast.Stmt;
import dev.gwrun.ast.TreeWalk;

import java.util.HashSet;
import java.util.Set;

/** Names that are assigned anywhere: their static type is not trusted past the declaration. */
final class AssignedNames {
    private AssignedNames() {}

    static Set<String> of(Runbook rb) {
        Set<String> names = new HashSet<>();
        new TreeWalk() {
            @Override
            public Void visitAssign(Stmt.Assign s) {
                if (s.target() instanceof Expr.Name n) names.add(n.name());
                return null;
            }
        }.runbook(rb);
        return names;
    }
}
