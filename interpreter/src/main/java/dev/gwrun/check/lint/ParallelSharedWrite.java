package dev.gwrun.check.lint;

import dev.gwrun.ast.Stmt;
import dev.gwrun.names.Names;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/** Steps of one parallel block that assign the same outer variable: the value left depends on timing. */
final class ParallelSharedWrite implements LintRule {
    @Override public String name() { return "parallel-shared-write"; }

    @Override public String summary() { return "steps of one parallel block write the same variable"; }

    @Override
    public void check(LintContext ctx) {
        AstWalk.runbook(ctx.runbook, new AstWalk.Visitor() {
            @Override
            public void stmt(Stmt s, List<Stmt.Step> steps) {
                if (s instanceof Stmt.Parallel p) parallel(p, ctx);
            }
        });
    }

    private static void parallel(Stmt.Parallel p, LintContext ctx) {
        Map<Names.Decl, Stmt.Step> writer = new IdentityHashMap<>();
        for (Stmt.Step step : p.steps()) {
            Map<Names.Decl, Boolean> reported = new IdentityHashMap<>();
            AstWalk.Visitor visitor = new AstWalk.Visitor() {
                @Override
                public void stmt(Stmt s, List<Stmt.Step> inner) {
                    if (!(s instanceof Stmt.Assign a)) return;
                    Names.Write w = ctx.names.write(a);
                    if (w == null || within(w.decl(), step)) return;
                    Stmt.Step other = writer.putIfAbsent(w.decl(), step);
                    if (other != null && other != step && reported.put(w.decl(), true) == null) {
                        ctx.warn(a.span(), "steps " + LintContext.stepName(other) + " and " + LintContext.stepName(step)
                                        + " of one parallel block both write '" + w.decl().name + "': the value left depends on which finishes last",
                                "let each step write its own variable, or combine them after the parallel block");
                    }
                }
            };
            for (Stmt s : step.body().statements()) AstWalk.statement(s, visitor);
        }
    }

    private static boolean within(Names.Decl d, Stmt.Step step) {
        return d.span.start() >= step.span().start() && d.span.end() <= step.span().end();
    }
}
