package dev.gwrun.cli;

import dev.gwrun.engine.RunResult;

/** The exit codes gwrun documents in its README and --help. */
final class ExitCodes {
    static final int OK = RunResult.OK;
    static final int FAILED = RunResult.FAILED;
    static final int USAGE = RunResult.USAGE;
    static final int INVALID = RunResult.INVALID;
    static final int REFUSED = RunResult.REFUSED;
    static final int HANDLER_FAILED = RunResult.HANDLER_FAILED;
    static final int INTERRUPTED = RunResult.INTERRUPTED;
    /** A lock (--lock, or a lock statement) is held by someone else and was not acquired. */
    static final int LOCKED = RunResult.LOCKED;
    /** A bug in gwrun itself (sysexits EX_SOFTWARE). */
    static final int INTERNAL = 70;

    private ExitCodes() {}
}
