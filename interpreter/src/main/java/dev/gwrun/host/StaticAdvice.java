package dev.gwrun.host;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Optional for a {@link HostFunction}: warnings it can give from the literal arguments of a call,
 * before anything runs ({@code flyway.migrate(url, locations: "migrations")} reading the migrations it
 * would apply). {@code gwrun check} reports them at the call site. Implementations read files at most:
 * checking touches nothing outside the process.
 */
public interface StaticAdvice {

    /** One warning: a lint-rule name and a one-line message. */
    record Warning(String rule, String message) {}

    /**
     * Warnings for one call.
     *
     * @param literalArgs the arguments written as literals (strings, numbers, bools, durations, lists of
     *                    literals), by parameter name; arguments computed at run time are absent
     * @param directory   the runbook's directory, which relative paths are resolved against
     */
    List<Warning> advise(Map<String, Object> literalArgs, Path directory);
}
