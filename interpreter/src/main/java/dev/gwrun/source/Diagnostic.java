package dev.gwrun.source;

/**
 * One problem found in a runbook, before or while it runs. {@code hint} is an optional second
 * line of advice; {@code rule} names a lint rule (null for errors of the language itself).
 */
public record Diagnostic(Severity severity, Span span, String message, String hint, String rule) {

    public static Diagnostic error(Span span, String message) {
        return new Diagnostic(Severity.ERROR, span, message, null, null);
    }

    public static Diagnostic error(Span span, String message, String hint) {
        return new Diagnostic(Severity.ERROR, span, message, hint, null);
    }

    public static Diagnostic warning(Span span, String rule, String message) {
        return new Diagnostic(Severity.WARNING, span, message, null, rule);
    }

    public boolean isError() { return severity == Severity.ERROR; }

    /** The one-line form: {@code file:line:col: error: message}. */
    public String headline() {
        String where = span == null ? "" : span.location() + ": ";
        String ruleSuffix = rule == null ? "" : " [" + rule + "]";
        return where + severity.label() + ": " + message + ruleSuffix;
    }
}
