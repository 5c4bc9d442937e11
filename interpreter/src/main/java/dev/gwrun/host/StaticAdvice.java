package dev.gwrun.host;

import dev.gwrun.source.Diagnostic;
import dev.gwrun.source.Span;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Optional for a {@link HostFunction}: what it can tell from the literal arguments of a call, before anything
 * runs. {@code flyway.migrate(url, locations: "migrations")} reads the migrations it would apply and warns at
 * the call; {@code compose.project(files: ["compose.yaml"])} loads the Compose files and reports their errors
 * at their own YAML lines. {@code gwrun check} reports both. Implementations read files at most: checking
 * touches nothing outside the process.
 */
public interface StaticAdvice {

    /** One warning: a lint-rule name and a one-line message. */
    record Warning(String rule, String message) {}

    /**
     * Warnings for one call, reported at the call site. Implement this, or {@link #diagnose} for errors or
     * diagnostics with spans of their own.
     *
     * @param literalArgs the arguments written as literals (strings, numbers, bools, durations, lists of
     *                    literals), by parameter name; arguments computed at run time are absent
     * @param directory   the runbook's directory, which relative paths are resolved against
     */
    default List<Warning> advise(Map<String, Object> literalArgs, Path directory) {
        return List.of();
    }

    /**
     * Every diagnostic for one call: errors (which make {@code gwrun check} exit 3 and {@code gwrun run} refuse
     * to start) and warnings, each at its own span, which may lie in another file than the runbook (a line of a
     * Compose file). A diagnostic without a span is reported at the call. The default reports
     * {@link #advise}'s warnings at the call.
     *
     * @param computedArgs the parameters whose arguments are computed at run time (absent from literalArgs):
     *                     a function whose answer depends on one of them should say nothing
     * @param callSite     the call's callee, where call-site diagnostics stand
     */
    default List<Diagnostic> diagnose(Map<String, Object> literalArgs, Set<String> computedArgs, Path directory, Span callSite) {
        List<Diagnostic> out = new ArrayList<>();
        for (Warning w : advise(literalArgs, directory)) out.add(Diagnostic.warning(callSite, w.rule(), w.message()));
        return out;
    }
}
