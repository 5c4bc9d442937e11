package dev.gwrun.check.lint;

import dev.gwrun.ast.Runbook;
import dev.gwrun.host.Registry;
import dev.gwrun.names.Names;
import dev.gwrun.source.Diagnostic;
import dev.gwrun.source.Severity;
import dev.gwrun.source.Suggest;

import java.util.ArrayList;
import java.util.List;

/**
 * The lint rules of {@code gwrun check}: warnings, each with a rule name, for runbooks that are
 * valid but risky to review or to run. A {@code # gwrun:ignore RULE} comment on the line above a
 * warning silences it there.
 */
public final class Lint {
    private static final List<LintRule> RULES = List.of(
            new ChangeWithoutHandler(),
            new WaitWithoutTimeout(),
            new ConfirmInCi(),
            new UnusedName("unused-let", "let"),
            new UnusedName("unused-param", "param"),
            new SecretInLog(),
            new SecretDefault(),
            new ShadowedName(),
            new DuplicateStepName(),
            new ParallelSharedWrite());

    private Lint() {}

    /** The names of every rule, for ignore comments and documentation. */
    public static List<String> ruleNames() {
        return RULES.stream().map(LintRule::name).toList();
    }

    /** {@code name: summary} for every rule. */
    public static List<String> ruleSummaries() {
        return RULES.stream().map(r -> r.name() + ": " + r.summary()).toList();
    }

    /** Every lint warning of a runbook that no ignore comment silences. */
    public static List<Diagnostic> check(Runbook rb, Registry registry) {
        return check(rb, registry, Names.of(rb, registry));
    }

    /** The same, reading names the checker has resolved already. */
    public static List<Diagnostic> check(Runbook rb, Registry registry, Names names) {
        LintContext ctx = new LintContext(rb, registry, names);
        for (LintRule rule : RULES) ctx.run(rule);
        List<Diagnostic> kept = new ArrayList<>();
        for (Diagnostic d : ctx.found) {
            if (!ctx.pragmas.ignored(d.rule(), d.span().line())) kept.add(d);
        }
        for (Pragmas.Ignore ignore : ctx.pragmas.ignores) {
            if (ignore.rules().isEmpty()) {
                kept.add(new Diagnostic(Severity.WARNING, ignore.span(), "'gwrun:ignore' needs the rule to ignore",
                        "rules: " + String.join(", ", ruleNames()), "ignore"));
            }
            for (String r : ignore.rules()) {
                if (!r.equals("all") && !ruleNames().contains(r)) {
                    kept.add(new Diagnostic(Severity.WARNING, ignore.span(), "unknown lint rule '" + r + "'" + Suggest.didYouMean(r, ruleNames()),
                            "rules: " + String.join(", ", ruleNames()), "ignore"));
                }
            }
        }
        return kept;
    }
}
