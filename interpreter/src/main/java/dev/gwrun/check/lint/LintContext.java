package dev.gwrun.check.lint;

import dev.gwrun.ast.Expr;
import dev.gwrun.ast.Runbook;
import dev.gwrun.host.HostFunction;
import dev.gwrun.host.Registry;
import dev.gwrun.names.Names;
import dev.gwrun.source.Diagnostic;
import dev.gwrun.source.Severity;
import dev.gwrun.source.Span;

import java.util.ArrayList;
import java.util.List;

/** What every rule reads (the runbook, the signature table, name bindings, pragmas) and where it reports. */
final class LintContext {
    final Runbook runbook;
    final Registry registry;
    final Names names;
    final Pragmas pragmas;
    final List<Diagnostic> found = new ArrayList<>();
    private LintRule current;

    LintContext(Runbook runbook, Registry registry, Names names) {
        this.runbook = runbook;
        this.registry = registry;
        this.names = names;
        this.pragmas = new Pragmas(runbook.source());
    }

    void run(LintRule rule) {
        current = rule;
        rule.check(this);
    }

    void warn(Span at, String message, String hint) {
        found.add(new Diagnostic(Severity.WARNING, at, message, hint, current.name()));
    }

    /** The stdlib function a call runs, or null for a runbook's own function, a method, or an unknown name. */
    HostFunction hostFunction(Expr.Call call) {
        return names.host(call);
    }

    /** A quoted step name for messages: its literal name, or its source text when computed. */
    static String stepName(dev.gwrun.ast.Stmt.Step step) {
        if (step.name() instanceof Expr.Literal lit && lit.value() instanceof String s) return "'" + s + "'";
        return step.name().span().text();
    }
}
