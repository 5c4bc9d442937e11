package dev.gwrun.plan;

import dev.gwrun.ast.Expr;
import dev.gwrun.ast.Stmt;
import dev.gwrun.ast.TreeWalk;
import dev.gwrun.host.Effect;
import dev.gwrun.host.HostFunction;
import dev.gwrun.names.Names;

/** The strongest effect of the stdlib calls in a runbook function's body, so a call to it is classified like theirs. */
final class FunctionEffects {
    private FunctionEffects() {}

    static Effect of(Stmt.Fn fn, Names names) {
        Effect[] strongest = {Effect.PURE};
        new TreeWalk() {
            @Override
            public Void visitCall(Expr.Call c) {
                HostFunction f = names.host(c);
                if (f != null && f.signature().effect().compareTo(strongest[0]) > 0) strongest[0] = f.signature().effect();
                return super.visitCall(c);
            }
        }.stmt(fn);
        return strongest[0];
    }
}
