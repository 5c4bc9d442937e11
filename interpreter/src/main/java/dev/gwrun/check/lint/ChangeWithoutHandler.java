package dev.gwrun.check.lint;

import dev.gwrun.ast.Expr;
import dev.gwrun.ast.Stmt;
import dev.gwrun.host.Effect;
import dev.gwrun.host.HostFunction;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A step calls a stdlib function whose signature says it changes the world, and nothing in the
 * runbook handles a failure: no rollback, no report. The effect is read from the signature table,
 * so new stdlib modules are covered when they declare {@link Effect#CHANGE}.
 */
final class ChangeWithoutHandler implements LintRule {
    @Override public String name() { return "change-without-handler"; }

    @Override public String summary() { return "a step changes things but the runbook has no 'on failure' anywhere"; }

    @Override
    public void check(LintContext ctx) {
        if (ctx.runbook.onFailure() != null) return;
        boolean[] handled = {false};
        Map<Stmt.Step, String> changes = new LinkedHashMap<>();
        AstWalk.runbook(ctx.runbook, new AstWalk.Visitor() {
            @Override
            public void stmt(Stmt s, List<Stmt.Step> steps) {
                if (s instanceof Stmt.Step step && step.onFailure() != null) handled[0] = true;
            }

            @Override
            public void expr(Expr e, List<Stmt.Step> steps) {
                if (!(e instanceof Expr.Call call) || steps.isEmpty()) return;
                HostFunction fn = ctx.hostFunction(call);
                if (fn != null && fn.signature().effect() == Effect.CHANGE) changes.putIfAbsent(steps.get(steps.size() - 1), fn.signature().name());
            }
        });
        if (handled[0]) return;
        for (Map.Entry<Stmt.Step, String> c : changes.entrySet()) {
            ctx.warn(c.getKey().name().span(), "step " + LintContext.stepName(c.getKey()) + " changes things (" + c.getValue()
                            + ") but the runbook has no 'on failure' handler",
                    "add 'on failure { … }' to the step or the runbook, to roll back or at least report what was left half done");
        }
    }
}
