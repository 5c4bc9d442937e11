package dev.gwrun.check.lint;

import dev.gwrun.ast.Expr;
import dev.gwrun.names.Names;

/** A let or param that nothing reads: a leftover, or a typo in the name that should have read it. Names starting with _ are exempt (lets meant to be unused). */
final class UnusedName implements LintRule {
    private final String name;
    private final String kind;

    UnusedName(String name, String kind) {
        this.name = name;
        this.kind = kind;
    }

    @Override public String name() { return name; }

    @Override public String summary() { return kind.equals("param") ? "a param nothing reads" : "a let nothing reads"; }

    @Override
    public void check(LintContext ctx) {
        for (Names.Decl d : ctx.names.decls()) {
            if (!d.kind.equals(kind) || d.read() || d.name.startsWith("_")) continue;
            String hint = kind.equals("param") ? "remove it, or put '# gwrun:ignore unused-param' above it if callers still pass it"
                    : d.value instanceof Expr.Call ? "keep the call and drop 'let " + d.name + " ='" : "remove it";
            ctx.warn(d.span, kind + " '" + d.name + "' is never used", hint);
        }
    }
}
