package dev.gwrun.check.lint;

import dev.gwrun.ast.Expr;
import dev.gwrun.ast.Stmt;

import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Two steps with the same name: the run output, the summary and error.step cannot tell them apart.
 * (Two steps of one parallel block with the same name are an error of the checker, not repeated here.)
 */
final class DuplicateStepName implements LintRule {
    @Override public String name() { return "duplicate-step-name"; }

    @Override public String summary() { return "two steps with the same name"; }

    @Override
    public void check(LintContext ctx) {
        Map<String, Stmt.Step> first = new HashMap<>();
        Map<Stmt.Step, Stmt.Parallel> parallelOf = new IdentityHashMap<>();
        AstWalk.runbook(ctx.runbook, new AstWalk.Visitor() {
            @Override
            public void stmt(Stmt s, List<Stmt.Step> steps) {
                if (s instanceof Stmt.Parallel p) for (Stmt.Step step : p.steps()) parallelOf.put(step, p);
                if (!(s instanceof Stmt.Step step) || !(step.name() instanceof Expr.Literal lit) || !(lit.value() instanceof String name)) return;
                Stmt.Step earlier = first.putIfAbsent(name, step);
                if (earlier != null && (parallelOf.get(earlier) == null || parallelOf.get(earlier) != parallelOf.get(step))) {
                    ctx.warn(step.name().span(), "another step is named '" + name + "' (line " + earlier.name().span().line()
                            + "): the output and error.step cannot tell them apart", "give each step its own name");
                }
            }
        });
    }
}
