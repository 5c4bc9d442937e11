package dev.gwrun.plan;

import dev.gwrun.ast.Expr;
import dev.gwrun.ast.Stmt;
import dev.gwrun.check.lint.AstWalk;
import dev.gwrun.host.Effect;
import dev.gwrun.host.HostFunction;
import dev.gwrun.host.Registry;

import java.util.List;

/** The strongest effect of the stdlib calls in a runbook function's body, so a call to it is classified like theirs. */
final class FunctionEffects {
    private FunctionEffects() {}

    static Effect of(Stmt.Fn fn, Registry registry) {
        Effect[] strongest = {Effect.PURE};
        AstWalk.statement(fn, new AstWalk.Visitor() {
            @Override
            public void expr(Expr e, List<Stmt.Step> steps) {
                if (!(e instanceof Expr.Call c)) return;
                HostFunction f = null;
                if (c.callee() instanceof Expr.Name n) f = registry.function(n.name());
                else if (c.callee() instanceof Expr.Member m && m.target() instanceof Expr.Name mod && registry.isModule(mod.name())) {
                    f = registry.function(mod.name() + "." + m.name());
                }
                if (f != null && f.signature().effect().compareTo(strongest[0]) > 0) strongest[0] = f.signature().effect();
            }
        });
        return strongest[0];
    }
}
