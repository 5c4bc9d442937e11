package dev.gwrun.cli.repl;

import dev.gwrun.ast.Expr;
import dev.gwrun.ast.Stmt;
import dev.gwrun.ast.TreeWalk;

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
    private FreeNames() {}

    static Set<String> of(List<Stmt> statements) {
        Set<String> names = new LinkedHashSet<>();
        new TreeWalk() {
            @Override
            public Void visitName(Expr.Name e) {
                names.add(e.name());
                return null;
            }
        }.statements(statements);
        return names;
    }
}
