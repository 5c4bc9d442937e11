package dev.gwrun.source;

/**
 * A range of source text: character offsets [start, end) in a file, with the 1-based line and
 * column of its start. Every AST node carries one; every diagnostic and runtime error points at one.
 */
public record Span(SourceFile file, int start, int end) {

    public int line() { return file.lineOf(start); }

    public int column() { return file.columnOf(start); }

    public int endLine() { return file.lineOf(Math.max(start, end - 1)); }

    /** The source text this span covers. */
    public String text() {
        return file.text().substring(Math.min(start, file.text().length()), Math.min(end, file.text().length()));
    }

    /** The smallest span covering both. */
    public Span to(Span other) {
        return new Span(file, Math.min(start, other.start), Math.max(end, other.end));
    }

    /** An empty span just after this one: where a missing token should have been. */
    public Span after() {
        return new Span(file, end, end);
    }

    /** {@code file:line:col}, the form editors and CI annotations understand. */
    public String location() {
        return file.name() + ":" + line() + ":" + column();
    }

    @Override
    public String toString() {
        return location();
    }
}
