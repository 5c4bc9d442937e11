package dev.gwrun.runtime;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Durations too large for a clock: refused when written, capped when waited (found by fuzzing). */
class DurationsTest {
    @Test
    void aDurationPastWhatADurationHoldsIsRefusedWithTheLargest() {
        assertThatThrownBy(() -> Durations.parse("1001882102603448319d"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the duration '1001882102603448319d' is too large (the largest is 106751991167300d)");
        assertThatThrownBy(() -> Durations.parse("99999999999999999999ms"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is too large");
        assertThat(Durations.parse("106751991167300d")).isEqualTo(Duration.ofDays(106751991167300L));
    }

    @Test
    void waitingTimeIsCappedSoADeadlineCannotOverflow() {
        assertThat(Durations.nanos(Duration.ofMillis(250))).isEqualTo(250_000_000L);
        assertThat(Durations.nanos(Duration.ofDays(106751991167300L))).isEqualTo(Durations.MAX_NANOS);
        assertThat(Durations.nanos(Duration.ofSeconds(-5))).isZero();
        assertThat(System.nanoTime() + Durations.nanos(Duration.ofDays(106751991167300L))).isPositive();
    }
}
