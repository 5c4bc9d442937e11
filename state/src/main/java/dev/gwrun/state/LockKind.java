package dev.gwrun.state;

/** The error kind the engine maps to exit code 6 (a lock held by someone else). */
final class LockKind {
    static final String KIND = "lock";

    private LockKind() {}
}
