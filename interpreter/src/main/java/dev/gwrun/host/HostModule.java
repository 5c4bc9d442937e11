package dev.gwrun.host;

import java.util.List;

/**
 * One module of the standard library (http, docker, …): one class each, registered in one table.
 * A module named "" holds global functions (env, secret, sh).
 */
public interface HostModule {
    /** The name runbooks call it by ({@code http}), or "" for global functions. */
    String name();

    /** A sentence for help output. */
    String doc();

    List<HostFunction> functions();

    /**
     * Live values the REPL may offer when completing an argument of one of this module's
     * functions: container names for {@code docker.logs(name: …)}, say. Called on a keystroke,
     * so it must answer fast (a local query, a short timeout) and return an empty list rather
     * than fail. The default offers nothing.
     *
     * @param function the qualified function name ({@code docker.logs})
     * @param param    the parameter being completed
     * @param prefix   what is typed of the value so far (without quotes)
     */
    default List<String> candidates(String function, String param, String prefix) {
        return List.of();
    }

    /**
     * Gets ready, on a background thread, for a run that is about to call this module: loads its
     * classes and builds its codecs and clients while the runbook is still being read and checked,
     * so the first real call does not pay for them. It must not reach outside the process (no
     * connection, no file written, nothing printed) and must not throw: a failure only means the
     * first call does the work itself. The default does nothing.
     */
    default void prewarm() {}
}
