package dev.gwrun.ast;

import dev.gwrun.source.Span;

import java.util.List;

/** A braced list of statements; a new scope. */
public record Block(List<Stmt> statements, Span span) implements Node {

    /** Whether this block, as an on failure handler, marks its step recovered: it says {@code recover} at its top level. */
    public boolean recovers() {
        return statements.stream().anyMatch(s -> s instanceof Stmt.Recover);
    }
}
