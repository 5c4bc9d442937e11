package dev.gwrun.ast;

import dev.gwrun.source.Span;

/** Every AST node carries the span of source it came from. */
public interface Node {
    Span span();
}
