package dev.gwrun.stdlib.compose.load;

import dev.gwrun.source.Diagnostic;
import dev.gwrun.source.Span;

import java.util.List;

/**
 * Compose files that cannot be loaded: one or more errors, each with the {@code file:line:col} of the
 * YAML it is about where there is one (a missing file has none). Rendered by
 * {@link dev.gwrun.source.DiagnosticRenderer} like every other gwrun error; never a stack trace.
 */
public final class ComposeException extends RuntimeException {
    private final List<Diagnostic> diagnostics;

    public ComposeException(List<Diagnostic> diagnostics) {
        super(diagnostics.isEmpty() ? "invalid compose project" : diagnostics.get(0).headline());
        this.diagnostics = List.copyOf(diagnostics);
    }

    public ComposeException(Span span, String message) {
        this(List.of(Diagnostic.error(span, message)));
    }

    /** An error with no source line: a file that is missing or unreadable, say. */
    public ComposeException(String message) {
        this(List.of(Diagnostic.error(null, message)));
    }

    public List<Diagnostic> diagnostics() { return diagnostics; }
}
