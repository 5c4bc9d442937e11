package dev.gwrun.ast;

import dev.gwrun.source.Span;

import java.util.List;

/** A braced list of statements; a new scope. */
public record Block(List<Stmt> statements, Span span) implements Node {}
