package dev.gwrun.ast;

import dev.gwrun.source.Span;

/** {@code param name: type [= default]}; no default means the param is required. */
public record Param(String name, Span nameSpan, ParamType type, Span typeSpan, Expr defaultValue, Span span) implements Node {

    public boolean required() { return defaultValue == null; }
}
