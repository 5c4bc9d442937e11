package dev.gwrun.runtime;

import dev.gwrun.ast.Expr.BinaryOp;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongBinaryOperator;

/** Arithmetic, comparison and membership on values, with errors that name both types. */
public final class Operators {
    private Operators() {}

    public static Object binary(BinaryOp op, Object a, Object b) {
        return switch (op) {
            case ADD -> add(a, b);
            case SUB -> sub(a, b);
            case MUL -> mul(a, b);
            case DIV -> div(a, b);
            case MOD -> mod(a, b);
            case EQ -> Values.equal(a, b);
            case NE -> !Values.equal(a, b);
            // NaN is neither more nor less than anything (IEEE 754), so an error ratio of 0/0 trips no threshold;
            // compare() keeps Double.compare's total order for sorting.
            case LT -> !unordered(a, b) && compare(a, b, op) < 0;
            case LE -> !unordered(a, b) && compare(a, b, op) <= 0;
            case GT -> !unordered(a, b) && compare(a, b, op) > 0;
            case GE -> !unordered(a, b) && compare(a, b, op) >= 0;
            case IN -> in(a, b);
            case NOT_IN -> !in(a, b);
            case AND, OR -> throw new IllegalStateException("and/or short-circuit in the evaluator");
        };
    }

    private static boolean unordered(Object a, Object b) {
        return a instanceof Double x && x.isNaN() && b instanceof Number || b instanceof Double y && y.isNaN() && a instanceof Number;
    }

    static Object add(Object a, Object b) {
        if (a instanceof Long x && b instanceof Long y) return exact(Math::addExact, "+", x, y);
        if (a instanceof Number x && b instanceof Number y) return x.doubleValue() + y.doubleValue();
        if (a instanceof CharSequence || b instanceof CharSequence) {
            if (a instanceof Template || b instanceof Template) return Template.concat(a, b);
            if (a instanceof CharSequence && b instanceof CharSequence) return a.toString() + b;
            throw mismatch("+", a, b, "to join text, interpolate: \"${a}${b}\"");
        }
        if (a instanceof List<?> x && b instanceof List<?> y) {
            List<Object> out = new ArrayList<>(x);
            out.addAll(y);
            return out;
        }
        if (a instanceof Map<?, ?> x && b instanceof Map<?, ?> y) {
            Map<Object, Object> out = new LinkedHashMap<>(x);
            out.putAll(y);
            return out;
        }
        if (a instanceof Duration x && b instanceof Duration y) return x.plus(y);
        if (a instanceof Instant x && b instanceof Duration y) return x.plus(y);
        if (a instanceof Duration x && b instanceof Instant y) return y.plus(x);
        throw mismatch("+", a, b, null);
    }

    /** An int operation that fails on overflow rather than wrapping around. */
    private static long exact(LongBinaryOperator op, String symbol, long x, long y) {
        try {
            return op.applyAsLong(x, y);
        } catch (ArithmeticException e) {
            throw new GwrunError("type", "int overflow in " + x + " " + symbol + " " + y);
        }
    }

    static Object sub(Object a, Object b) {
        if (a instanceof Long x && b instanceof Long y) return exact(Math::subtractExact, "-", x, y);
        if (a instanceof Number x && b instanceof Number y) return x.doubleValue() - y.doubleValue();
        if (a instanceof Duration x && b instanceof Duration y) return x.minus(y);
        if (a instanceof Instant x && b instanceof Duration y) return x.minus(y);
        if (a instanceof Instant x && b instanceof Instant y) return Duration.between(y, x);
        throw mismatch("-", a, b, null);
    }

    static Object mul(Object a, Object b) {
        if (a instanceof Long x && b instanceof Long y) return exact(Math::multiplyExact, "*", x, y);
        if (a instanceof Number x && b instanceof Number y) return x.doubleValue() * y.doubleValue();
        if (a instanceof Duration x && b instanceof Long y) return x.multipliedBy(y);
        if (a instanceof Long x && b instanceof Duration y) return y.multipliedBy(x);
        if (a instanceof Duration x && b instanceof Double y) return Duration.ofNanos(Math.round(x.toNanos() * y));
        throw mismatch("*", a, b, null);
    }

    static Object div(Object a, Object b) {
        if (a instanceof Number x && b instanceof Number y) {
            if (y.doubleValue() == 0) throw new GwrunError("type", "division by zero");
            return x.doubleValue() / y.doubleValue();
        }
        if (a instanceof Duration x && b instanceof Long y) {
            if (y == 0) throw new GwrunError("type", "division by zero");
            return x.dividedBy(y);
        }
        if (a instanceof Duration x && b instanceof Duration y) {
            if (y.isZero()) throw new GwrunError("type", "division by zero");
            return (double) x.toNanos() / y.toNanos();
        }
        throw mismatch("/", a, b, null);
    }

    static Object mod(Object a, Object b) {
        if (a instanceof Long x && b instanceof Long y) {
            if (y == 0) throw new GwrunError("type", "division by zero");
            return Math.floorMod(x, y);
        }
        if (a instanceof Number x && b instanceof Number y) {
            if (y.doubleValue() == 0) throw new GwrunError("type", "division by zero");
            return x.doubleValue() % y.doubleValue();
        }
        throw mismatch("%", a, b, null);
    }

    /** Orders numbers, strings, durations and times; anything else is an error. */
    public static int compare(Object a, Object b) {
        return compare(a, b, BinaryOp.LT);
    }

    static int compare(Object a, Object b, BinaryOp op) {
        if (a instanceof Long x && b instanceof Long y) return Long.compare(x, y);
        if (a instanceof Number x && b instanceof Number y) return Double.compare(x.doubleValue(), y.doubleValue());
        if (a instanceof CharSequence x && b instanceof CharSequence y) return x.toString().compareTo(y.toString());
        if (a instanceof Duration x && b instanceof Duration y) return x.compareTo(y);
        if (a instanceof Instant x && b instanceof Instant y) return x.compareTo(y);
        throw mismatch(op.symbol, a, b, null);
    }

    static boolean in(Object item, Object container) {
        if (container instanceof List<?> list) return Values.contains(list, item);
        if (container instanceof Map<?, ?> map) {
            if (!(item instanceof CharSequence)) return false;
            return map.containsKey(item.toString());
        }
        if (container instanceof CharSequence text) {
            if (!(item instanceof CharSequence part)) throw mismatch("in", item, container, null);
            return text.toString().contains(part.toString());
        }
        throw new GwrunError("type", "'in' needs a list, map or string on its right, got " + Values.typeName(container));
    }

    public static Object negate(Object v) {
        if (v instanceof Long x) return -x;
        if (v instanceof Double x) return -x;
        if (v instanceof Duration x) return x.negated();
        throw new GwrunError("type", "cannot negate " + Values.typeName(v));
    }

    private static GwrunError mismatch(String op, Object a, Object b, String hint) {
        return new GwrunError("type", "cannot apply '" + op + "' to " + Values.typeName(a) + " and " + Values.typeName(b)
                + (hint == null ? "" : " (" + hint + ")"));
    }
}
