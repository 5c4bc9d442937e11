package dev.gwrun.check;

import dev.gwrun.ast.Expr;
import dev.gwrun.ast.Stmt;
import dev.gwrun.host.Effect;
import dev.gwrun.host.ParamSpec;
import dev.gwrun.host.Signature;
import dev.gwrun.host.Type;
import dev.gwrun.runtime.GwrunError;
import dev.gwrun.runtime.Operators;
import dev.gwrun.source.Diagnostic;
import dev.gwrun.source.Span;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Static types of literals and operators. An operator on two known types is checked by applying
 * the runtime's own operator to sample values of those types, so the checker and the evaluator
 * can never disagree about what '+' accepts.
 */
public final class StaticTypes {
    private StaticTypes() {}

    /** The type of a plain value (null, bool, int, float, string, duration, time, list or map); any for anything else. */
    public static Type ofValue(Object v) {
        if (v == null) return Type.NULL;
        if (v instanceof Boolean) return Type.BOOL;
        if (v instanceof Long) return Type.INT;
        if (v instanceof Double) return Type.FLOAT;
        if (v instanceof CharSequence) return Type.STRING;
        if (v instanceof Duration) return Type.DURATION;
        if (v instanceof Instant) return Type.TIME;
        if (v instanceof List<?>) return Type.LIST;
        if (v instanceof Map<?, ?>) return Type.MAP;
        return Type.ANY;
    }

    private static Object sample(Type t) {
        return switch (t.name()) {
            case "bool" -> Boolean.TRUE;
            case "int" -> 1L;
            case "float" -> 1.0;
            case "string" -> "s";
            case "duration" -> Duration.ofSeconds(1);
            case "time" -> Instant.EPOCH;
            case "list" -> new ArrayList<>();
            case "map" -> new LinkedHashMap<>();
            case "null" -> null;
            default -> Sentinel.NONE;
        };
    }

    private enum Sentinel { NONE }

    static Type binary(Expr.BinaryOp op, Type l, Type r, Span at, List<Diagnostic> out) {
        switch (op) {
            case EQ, NE -> { return Type.BOOL; }
            default -> { }
        }
        Object a = sample(l), b = sample(r);
        if (!l.known() || !r.known() || a == Sentinel.NONE || b == Sentinel.NONE) {
            return switch (op) {
                case LT, LE, GT, GE, IN, NOT_IN -> Type.BOOL;
                default -> Type.ANY;
            };
        }
        try {
            return ofValue(Operators.binary(op, a, b));
        } catch (GwrunError e) {
            out.add(Diagnostic.error(at, e.getMessage()));
            return Type.ANY;
        }
    }

    static Type negate(Type t, Span at, List<Diagnostic> out) {
        Object v = sample(t);
        if (!t.known() || v == Sentinel.NONE) return Type.ANY;
        try {
            return ofValue(Operators.negate(v));
        } catch (GwrunError e) {
            out.add(Diagnostic.error(at, e.getMessage()));
            return Type.ANY;
        }
    }

    static Signature userFunction(Stmt.Fn fn) {
        List<ParamSpec> params = new ArrayList<>();
        for (String p : fn.params()) params.add(ParamSpec.required(p, Type.ANY, null));
        return new Signature(fn.name(), params, Type.ANY, Effect.PURE, null);
    }
}
