package dev.gwrun.check.lint;

import dev.gwrun.ast.Stmt;

import java.util.List;

/** A {@code wait until} with no timeout of its own and no step timeout around it can wait forever. */
final class WaitWithoutTimeout implements LintRule {
    @Override public String name() { return "wait-without-timeout"; }

    @Override public String summary() { return "'wait until' without a timeout, in no step with a timeout"; }

    @Override
    public void check(LintContext ctx) {
        AstWalk.runbook(ctx.runbook, new AstWalk.Visitor() {
            @Override
            public void stmt(Stmt s, List<Stmt.Step> steps) {
                if (s instanceof Stmt.Wait w && w.timeout() == null && steps.stream().allMatch(step -> step.timeout() == null)) {
                    ctx.warn(w.span(), "'wait until' has no timeout, and no step around it has one: it can wait forever",
                            "add 'timeout 5m' (or what fits) to the wait or to its step");
                }
            }
        });
    }
}
