package dev.gwrun.ast;

import dev.gwrun.source.Span;

import java.util.List;

/** Expressions. Plain data: analyses and evaluation live in their own passes. */
public sealed interface Expr extends Node {

    /** Calls the visitor's method for this kind of expression. */
    <R> R accept(Visitor<R> v);

    /** One method per kind of expression; see {@link Stmt.Visitor}. */
    interface Visitor<R> {
        R visitLiteral(Literal e);

        R visitTemplate(Template e);

        R visitName(Name e);

        R visitListLit(ListLit e);

        R visitMapLit(MapLit e);

        R visitMember(Member e);

        R visitCall(Call e);

        R visitIndex(Index e);

        R visitUnary(Unary e);

        R visitBinary(Binary e);
    }

    /** A literal: null, Boolean, Long, Double, String or java.time.Duration. */
    record Literal(Object value, Span span) implements Expr {
        @Override public <R> R accept(Visitor<R> v) { return v.visitLiteral(this); }
    }

    /**
     * An interpolated string: parts are literal {@code String}s and {@code Expr}s from {@code ${…}}.
     * Kept apart so sh() can quote the interpolated values and only those.
     */
    record Template(List<Object> parts, Span span) implements Expr {
        @Override public <R> R accept(Visitor<R> v) { return v.visitTemplate(this); }
    }

    /** A reference to a variable, param, function or module. */
    record Name(String name, Span span) implements Expr {
        @Override public <R> R accept(Visitor<R> v) { return v.visitName(this); }
    }

    record ListLit(List<Expr> items, Span span) implements Expr {
        @Override public <R> R accept(Visitor<R> v) { return v.visitListLit(this); }
    }

    record MapLit(List<Entry> entries, Span span) implements Expr {
        @Override public <R> R accept(Visitor<R> v) { return v.visitMapLit(this); }

        /** One {@code key: value}; keys are names or plain strings. */
        public record Entry(String key, Span keySpan, Expr value) {}
    }

    /** {@code target.name}: a field of a value, or a function of a module. */
    record Member(Expr target, String name, Span nameSpan, Span span) implements Expr {
        @Override public <R> R accept(Visitor<R> v) { return v.visitMember(this); }
    }

    /** {@code callee(args)}; the callee is a Name, a module Member, or a method Member. */
    record Call(Expr callee, List<Arg> args, Span span) implements Expr {
        @Override public <R> R accept(Visitor<R> v) { return v.visitCall(this); }
    }

    /** One call argument; {@code name} is null for a positional one. */
    record Arg(String name, Span nameSpan, Expr value, Span span) {}

    record Index(Expr target, Expr index, Span span) implements Expr {
        @Override public <R> R accept(Visitor<R> v) { return v.visitIndex(this); }
    }

    record Unary(UnaryOp op, Expr operand, Span span) implements Expr {
        @Override public <R> R accept(Visitor<R> v) { return v.visitUnary(this); }
    }

    record Binary(BinaryOp op, Expr left, Expr right, Span opSpan, Span span) implements Expr {
        @Override public <R> R accept(Visitor<R> v) { return v.visitBinary(this); }
    }

    enum UnaryOp { NEGATE, NOT }

    enum BinaryOp {
        ADD("+"), SUB("-"), MUL("*"), DIV("/"), MOD("%"),
        EQ("=="), NE("!="), LT("<"), LE("<="), GT(">"), GE(">="),
        AND("and"), OR("or"), IN("in"), NOT_IN("not in");

        public final String symbol;

        BinaryOp(String symbol) { this.symbol = symbol; }
    }
}
