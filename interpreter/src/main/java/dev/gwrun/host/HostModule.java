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
}
