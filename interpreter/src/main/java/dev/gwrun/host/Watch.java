package dev.gwrun.host;

import dev.gwrun.runtime.GwrunError;

/**
 * Something a host call started that the rest of the run relies on staying up: a container
 * {@code docker.run} started, say. While the run has it (see {@link CallContext#watch}), every
 * {@code wait until} asks it after each attempt that did not succeed, and stops at once with its
 * error instead of polling a dead thing until the timeout: a wait on
 * {@code http.get("http://127.0.0.1:8001/health")} ends when the container behind that port exits.
 */
@FunctionalInterface
public interface Watch {
    /**
     * Null while it is fine (or gone on purpose); else the error saying what happened to it, with what an
     * on-call engineer needs (state, exit code, last output). Must answer quickly and must not throw.
     */
    GwrunError problem();
}
