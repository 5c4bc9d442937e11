package dev.gwrun.engine;

import dev.gwrun.params.Masker;
import dev.gwrun.host.Registry;
import dev.gwrun.runtime.Cancellation;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Events reach the sink in emission order with times that never go backwards, as parallel steps would otherwise make them. */
class SessionEmitTest {
    @Test
    void anEventStampedBeforeTheOneEmittedAheadOfItTakesThatOnesTime() {
        List<Event> seen = new ArrayList<>();
        Session session = new Session(new Registry(List.of()), new Masker(), seen::add, Map.of(), null, false,
                new Cancellation(), Clock.systemUTC());
        Instant t0 = Instant.parse("2026-11-22T12:00:00Z");
        Instant later = t0.plusMillis(5);
        session.emit(new Event.Log(later, "a", Event.Stream.LOG, "from the step that emitted first", 3));
        session.emit(new Event.StepFinished(t0, "b", "b", 1, Event.Outcome.SUCCEEDED, Duration.ofMillis(7), null, null, 9, "x.gwrun", null));
        session.emit(new Event.Log(later.plusMillis(1), "a", Event.Stream.LOG, "in order", 4));

        assertThat(seen).extracting(Event::at).containsExactly(later, later, later.plusMillis(1));
        Event.StepFinished restamped = (Event.StepFinished) seen.get(1);
        assertThat(restamped).isEqualTo(new Event.StepFinished(later, "b", "b", 1, Event.Outcome.SUCCEEDED, Duration.ofMillis(7), null, null, 9, "x.gwrun", null));
    }
}
