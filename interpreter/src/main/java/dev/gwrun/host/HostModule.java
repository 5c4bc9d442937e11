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
}
