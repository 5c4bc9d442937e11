package dev.gwrun.check.lint;

/** One lint rule: a name users write in {@code # gwrun:ignore NAME}, and a check that reports through the context. */
interface LintRule {
    String name();

    /** One line for `gwrun check --help`-style listings and the README. */
    String summary();

    void check(LintContext ctx);
}
