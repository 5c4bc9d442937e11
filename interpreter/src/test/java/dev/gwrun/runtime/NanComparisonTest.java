package dev.gwrun.runtime;

import dev.gwrun.ast.Expr.BinaryOp;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * NaN (a Prometheus ratio of 0/0, when there was no traffic) compares as IEEE 754 says: every ordering
 * is false, so {@code ratio > 0.1} does not trip a rollback on an idle service, and neither does
 * {@code ratio <= 0.1} claim it is healthy. Infinity orders as the largest number.
 */
class NanComparisonTest {
    private static final double NAN = Double.NaN;

    @Test
    void everyOrderingWithNanIsFalse() {
        for (BinaryOp op : List.of(BinaryOp.LT, BinaryOp.LE, BinaryOp.GT, BinaryOp.GE)) {
            assertThat(Operators.binary(op, NAN, 0.1)).as("NaN " + op + " 0.1").isEqualTo(false);
            assertThat(Operators.binary(op, 0.1, NAN)).as("0.1 " + op + " NaN").isEqualTo(false);
            assertThat(Operators.binary(op, NAN, 1L)).as("NaN " + op + " 1").isEqualTo(false);
            assertThat(Operators.binary(op, NAN, NAN)).as("NaN " + op + " NaN").isEqualTo(false);
        }
        assertThat(Operators.binary(BinaryOp.EQ, NAN, NAN)).isEqualTo(false);
        assertThat(Operators.binary(BinaryOp.NE, NAN, 0.5)).isEqualTo(true);
    }

    @Test
    void infinityIsLargerThanAnyThresholdAndNumbersStillOrder() {
        assertThat(Operators.binary(BinaryOp.GT, Double.POSITIVE_INFINITY, 2.0)).isEqualTo(true);
        assertThat(Operators.binary(BinaryOp.LT, Double.NEGATIVE_INFINITY, -1L)).isEqualTo(true);
        assertThat(Operators.binary(BinaryOp.GT, 0.2, 0.1)).isEqualTo(true);
        assertThat(Operators.binary(BinaryOp.LE, 2L, 2.0)).isEqualTo(true);
    }

    @Test
    void sortingKeepsATotalOrderWithNanLast() {
        List<Object> values = new ArrayList<>(Arrays.asList(NAN, 1.0, Double.POSITIVE_INFINITY, 0.5));
        values.sort(Operators::compare);
        assertThat(values).containsExactly(0.5, 1.0, Double.POSITIVE_INFINITY, NAN);
    }
}
