package dev.gwrun.check.lint;

import dev.gwrun.ast.Expr;
import dev.gwrun.ast.Param;
import dev.gwrun.ast.ParamType;

/**
 * A {@code secret} param whose default is written in the runbook: masked as *** when it runs, but
 * readable by anyone who reads the file, its history and every pull request that touched it.
 */
final class SecretDefault implements LintRule {
    @Override public String name() { return "secret-default"; }

    @Override public String summary() { return "a secret param with its value written in the runbook"; }

    @Override
    public void check(LintContext ctx) {
        for (Param p : ctx.runbook.params()) {
            if (p.type() != ParamType.SECRET || p.defaultValue() == null || !writesAValue(p.defaultValue())) continue;
            ctx.warn(p.defaultValue().span(), "the default of secret param '" + p.name() + "' is written in the runbook, where anyone who reads it has it",
                    "drop the default and pass it with -p " + p.name() + "=…, or default to secret(\"NAME\") to read it from the environment");
        }
    }

    /** A literal, or a template with some literal text: a value, not a lookup such as secret("NAME"). */
    private static boolean writesAValue(Expr e) {
        if (e instanceof Expr.Literal l) return l.value() instanceof String s && !s.isEmpty();
        if (e instanceof Expr.Template t) return t.parts().stream().anyMatch(part -> part instanceof String s && !s.isBlank());
        return false;
    }
}
