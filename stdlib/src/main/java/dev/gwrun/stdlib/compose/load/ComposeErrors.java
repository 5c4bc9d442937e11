package dev.gwrun.stdlib.compose.load;

import dev.gwrun.source.Diagnostic;
import dev.gwrun.source.DiagnosticRenderer;

/**
 * Compose errors as the text of one runbook error (compose.project, dotenv()): each diagnostic with its
 * file:line:col, source line and caret, as gwrun renders diagnostics everywhere.
 */
public final class ComposeErrors {
    private ComposeErrors() {}

    /** Every diagnostic of the exception, rendered without colour, without a trailing newline. */
    public static String text(ComposeException e) {
        DiagnosticRenderer renderer = new DiagnosticRenderer(false);
        StringBuilder b = new StringBuilder();
        for (Diagnostic d : e.diagnostics()) b.append(renderer.render(d));
        String s = b.toString();
        return s.endsWith("\n") ? s.substring(0, s.length() - 1) : s;
    }
}
