package dev.gwrun.source;

/**
 * Renders diagnostics the one way gwrun shows them everywhere:
 * <pre>
 * deploy.gwrun:12:16: error: unknown function 'http.gett' — did you mean 'http.get'?
 *     wait until http.gett(health).status == 200
 *                ^~~~~~~~~
 * </pre>
 */
public final class DiagnosticRenderer {
    private final boolean color;

    public DiagnosticRenderer(boolean color) {
        this.color = color;
    }

    public String render(Diagnostic d) {
        StringBuilder out = new StringBuilder();
        String label = d.severity().label();
        if (color) {
            String c = d.severity() == Severity.ERROR ? "\u001b[1;31m" : d.severity() == Severity.WARNING ? "\u001b[1;33m" : "\u001b[1;36m";
            String where = d.span() == null ? "" : "\u001b[1m" + d.span().location() + ":\u001b[0m ";
            out.append(where).append(c).append(label).append(":\u001b[0m \u001b[1m").append(d.message())
               .append(d.rule() == null ? "" : " [" + d.rule() + "]").append("\u001b[0m\n");
        } else {
            out.append(d.headline()).append('\n');
        }
        if (d.span() != null) {
            out.append(excerpt(d.span(), color));
        }
        if (d.hint() != null) {
            out.append(color ? "\u001b[1;36mhint:\u001b[0m " : "hint: ").append(d.hint()).append('\n');
        }
        return out.toString();
    }

    /** The source line of a span and a caret line under it (^ at the start, ~ along the rest of the span on that line). */
    public static String excerpt(Span span, boolean color) {
        SourceFile file = span.file();
        int line = span.line();
        String text = file.line(line);
        int col = span.column();
        StringBuilder caret = new StringBuilder();
        for (int i = 0; i < col - 1 && i < text.length(); i++) {
            caret.append(text.charAt(i) == '\t' ? '\t' : ' ');
        }
        for (int i = text.length(); i < col - 1; i++) caret.append(' ');
        int lineEndOffset = span.start() - (col - 1) + text.length();
        int width = Math.max(1, Math.min(span.end(), lineEndOffset) - span.start());
        caret.append('^');
        for (int i = 1; i < width; i++) caret.append('~');
        String caretLine = color ? "\u001b[1;32m" + caret + "\u001b[0m" : caret.toString();
        return text + "\n" + caretLine + "\n";
    }
}
