package dev.gwrun.engine;

import dev.gwrun.runtime.GwrunError;

import java.time.Duration;

/** How a run ended. {@code error} is null on success. */
public record RunResult(Event.Outcome outcome, int exitCode, Duration elapsed, GwrunError error) {

    /** Exit codes, as the README documents them. */
    public static final int OK = 0, FAILED = 1, USAGE = 2, INVALID = 3, REFUSED = 4, HANDLER_FAILED = 5, LOCKED = 6, INTERRUPTED = 130;

    /** A run that failed because a lock was held by someone else exits 6, so a pipeline can tell "busy" from "broken". */
    static int exitCodeOf(Event.Outcome o, GwrunError failure) {
        if (o == Event.Outcome.FAILED && failure != null && LockRunner.KIND.equals(failure.kind())) return LOCKED;
        return exitCodeOf(o);
    }

    static int exitCodeOf(Event.Outcome o) {
        return switch (o) {
            case SUCCEEDED, RECOVERED, SKIPPED -> OK;
            case FAILED -> FAILED;
            case REFUSED -> REFUSED;
            case HANDLER_FAILED -> HANDLER_FAILED;
            case INTERRUPTED -> INTERRUPTED;
        };
    }
}
