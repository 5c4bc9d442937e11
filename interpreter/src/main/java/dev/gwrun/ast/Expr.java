package dev.gwrun.ast;

import dev.gwrun.source.Span;

import java.util.List;

/** Expressions. Plain data: analyses and evaluation live in their own passes. */
public sealed interface Expr extends Node {

    /** A literal: null, Boolean, Long, Double, String or java.time.Duration. */
    record Literal(Object value, Span span) implements Expr {}

    /**
     * An interpolated string: parts are literal {@code String}s and {@code Expr}s from {@code ${…}}.
     * Kept apart so sh() can quote the interpolated values and only those.
     */
    record Template(List<Object> parts, Span span) implements Expr {}

    /** A reference to a variable, param, function or module. */
    record Name(String name, Span span) implements Expr {}

    record ListLit(List<Expr> items, Span span) implements Expr {}

    record MapLit(List<Entry> entries, Span span) implements Expr {
        /** One {@code key: value}; keys are names or plain strings. */
        public record Entry(String key, Span keySpan, Expr value) {}
    }

    /** {@code target.name}: a field of a value, or a function of a module. */
    record Member(Expr target, String name, Span nameSpan, Span span) implements Expr {}

    /** {@code callee(args)}; the callee is a Name, a module Member, or a method Member. */
    record Call(Expr callee, List<Arg> args, Span span) implements Expr {}

    /** One call argument; {@code name} is null for a positional one. */
    record Arg(String name, Span nameSpan, Expr value, Span span) {}

    record Index(Expr target, Expr index, Span span) implements Expr {}

    record Unary(UnaryOp op, Expr operand, Span span) implements Expr {}

    record Binary(BinaryOp op, Expr left, Expr right, Span opSpan, Span span) implements Expr {}

    enum UnaryOp { NEGATE, NOT }

    enum BinaryOp {
        ADD("+"), SUB("-"), MUL("*"), DIV("/"), MOD("%"),
        EQ("=="), NE("!="), LT("<"), LE("<="), GT(">"), GE(">="),
        AND("and"), OR("or"), IN("in"), NOT_IN("not in");

        public final String symbol;

        BinaryOp(String symbol) { this.symbol = symbol; }
    }
}
