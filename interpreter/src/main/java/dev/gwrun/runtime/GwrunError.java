package dev.gwrun.runtime;

import dev.gwrun.source.Span;

/**
 * A runbook failure: what went wrong in words, its kind (guard, timeout, http, sh, fail, type,
 * …), where in the source, and in which step. Host failures are wrapped into one of these at the
 * call site, so users never see a Java stack trace unless they ask with --debug.
 */
public class GwrunError extends RuntimeException {
    private final String kind;
    private Span span;
    private String step;
    private boolean conclusive;

    public GwrunError(String kind, String message) {
        this(kind, message, null, null);
    }

    public GwrunError(String kind, String message, Span span) {
        this(kind, message, span, null);
    }

    public GwrunError(String kind, String message, Span span, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.span = span;
    }

    public String kind() { return kind; }

    public Span span() { return span; }

    /** The innermost step the error happened in, or null outside any step. */
    public String step() { return step; }

    /** Sets the span if none is known yet: the innermost location wins. */
    public GwrunError at(Span s) {
        if (span == null) span = s;
        return this;
    }

    public GwrunError inStep(String s) {
        if (step == null) step = s;
        return this;
    }

    /**
     * Marks a failure that waiting cannot fix (the container exited, its health check reports
     * unhealthy): a {@code wait until} stops at once with this error instead of polling until
     * its timeout.
     */
    public GwrunError conclusive() {
        conclusive = true;
        return this;
    }

    public boolean isConclusive() { return conclusive; }

    /** True for errors that mean "stop": a timeout or interrupt cancelling the work. */
    public boolean isCancellation() {
        return kind.equals("timeout") || kind.equals("interrupted") || kind.equals("cancelled");
    }
}
