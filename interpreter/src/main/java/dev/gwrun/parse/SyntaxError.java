package dev.gwrun.parse;

import dev.gwrun.source.Diagnostic;

/** Thrown inside the parser at the first syntax error; carries the worded diagnostic out. */
final class SyntaxError extends RuntimeException {
    final Diagnostic diagnostic;

    SyntaxError(Diagnostic diagnostic) {
        super(diagnostic.message(), null, false, false);
        this.diagnostic = diagnostic;
    }
}
