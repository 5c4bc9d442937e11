package dev.gwrun.check.lint;

import dev.gwrun.names.Names;

/** A let, loop variable or function that hides a name of an enclosing scope: later reads get the wrong one. */
final class ShadowedName implements LintRule {
    @Override public String name() { return "shadowed-name"; }

    @Override public String summary() { return "a let, loop variable or fn hides a name declared outside it"; }

    @Override
    public void check(LintContext ctx) {
        for (Names.Decl d : ctx.names.decls()) {
            if (d.shadows() == null || d.kind.equals("fn-param")) continue;
            String kind = d.kind.equals("for") ? "loop variable" : d.kind;
            ctx.warn(d.span, kind + " '" + d.name + "' hides the " + (d.shadows().kind.equals("for") ? "loop variable" : d.shadows().kind)
                    + " '" + d.name + "' declared on line " + d.shadows().span.line(), "rename one of them");
        }
    }
}
