package dev.gwrun.host;

/** What a host function does to the world; `gwrun plan` and lint rules read this. */
public enum Effect {
    /** Computes a value from its arguments only. */
    PURE,
    /** Looks at the world (an HTTP GET, docker ps) without changing it. */
    READ,
    /** Changes the world (runs a command, starts a container, migrates a database). */
    CHANGE
}
