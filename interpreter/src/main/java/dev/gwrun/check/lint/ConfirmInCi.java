package dev.gwrun.check.lint;

import dev.gwrun.ast.Stmt;

import java.util.List;

/** A runbook marked {@code # gwrun:ci} runs unattended: nobody can answer a {@code confirm}. */
final class ConfirmInCi implements LintRule {
    @Override public String name() { return "confirm-in-ci"; }

    @Override public String summary() { return "'confirm' in a runbook marked '# gwrun:ci'"; }

    @Override
    public void check(LintContext ctx) {
        if (ctx.pragmas.ci == null) return;
        int line = ctx.pragmas.ci.line();
        AstWalk.runbook(ctx.runbook, new AstWalk.Visitor() {
            @Override
            public void stmt(Stmt s, List<Stmt.Step> steps) {
                if (s instanceof Stmt.Confirm c) {
                    ctx.warn(c.span(), "'confirm' in a runbook marked '# gwrun:ci' (line " + line + "): nobody is there to answer it",
                            "without a terminal it fails unless run with --yes, which answers every confirm; guard on a param instead");
                }
            }
        });
    }
}
