package dev.gwrun.engine;

import dev.gwrun.runtime.Cancellation;
import dev.gwrun.runtime.GwrunError;

/**
 * Interrupts a run from outside (Ctrl-C). The first interrupt cancels the steps; the run's
 * {@code always} block still runs, and a second interrupt cancels that too.
 */
public final class RunControl {
    final Cancellation root = new Cancellation();
    private volatile Cancellation cleanup;
    private volatile int interrupts;

    /** Returns how many times the run has now been interrupted. */
    public synchronized int interrupt() {
        interrupts++;
        if (interrupts == 1) {
            root.cancel(new GwrunError("interrupted", "interrupted"));
        } else if (cleanup != null) {
            cleanup.cancel(new GwrunError("interrupted", "interrupted again during cleanup"));
        }
        return interrupts;
    }

    public boolean interrupted() { return interrupts > 0; }

    synchronized Cancellation cleanupToken() {
        cleanup = new Cancellation();
        if (interrupts > 1) cleanup.cancel(new GwrunError("interrupted", "interrupted again during cleanup"));
        return cleanup;
    }
}
