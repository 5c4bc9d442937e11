package dev.gwrun.engine;

/** Control flow that unwinds the Java stack: return from a fn, recover in a handler. No stack traces. */
final class Signals {
    private Signals() {}

    static final class Return extends RuntimeException {
        final Object value;

        Return(Object value) {
            super(null, null, false, false);
            this.value = value;
        }
    }

    static final class Recover extends RuntimeException {
        Recover() {
            super(null, null, false, false);
        }
    }
}
