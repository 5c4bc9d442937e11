package dev.gwrun.stdlib.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Event;
import com.github.dockerjava.api.model.EventType;
import dev.gwrun.runtime.Cancellation;
import dev.gwrun.runtime.GwrunError;
import dev.gwrun.stdlib.DockerTestSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The wait the compose and swarm modules share, on the real engine's event stream: an event ends a sleep long
 * before its poll, the waiter is handed the event first, a wait with nothing new sleeps its poll, and a
 * cancellation ends it at once.
 */
@Timeout(120)
class WakeupsTest {
    private static final Duration POLL = Duration.ofSeconds(60);

    @AfterAll
    static void cleanUp() {
        DockerTestSupport.cleanUp();
    }

    @Test
    void anEngineEventEndsTheWaitLongBeforeItsPollAndIsHandedToTheWaiterFirst() {
        DockerClient d = DockerTestSupport.requireEngine();
        String image = DockerTestSupport.testImage();
        String label = DockerTestSupport.name("wakeups");
        List<Event> seen = new CopyOnWriteArrayList<>();
        try (Wakeups w = new Wakeups().subscribe(d.eventsCmd().withEventTypeFilter(EventType.CONTAINER).withLabelFilter(Map.of(label, "1"))
                .withEventFilter("start"), seen::add)) {
            sleep(300); // the stream connects
            String id = d.createContainerCmd(image).withName(label).withLabels(Map.of(label, "1")).withCmd("sh", "-c", "sleep 30").exec().getId();
            long t0 = System.nanoTime();
            d.startContainerCmd(id).exec();
            w.await(new Cancellation(), POLL);
            long ms = (System.nanoTime() - t0) / 1_000_000;
            // Generous for a loaded machine, and still far below the 60 s poll the wait would otherwise sleep.
            assertThat(ms).as("woken by the start event after %d ms", ms).isLessThan(15_000);
            assertThat(seen).extracting(Event::getAction).containsExactly("start");
            assertThat(seen.get(0).getId()).isEqualTo(id);
        }
    }

    @Test
    void withNothingNewItSleepsItsPollAndACancellationEndsItAtOnce() {
        try (Wakeups w = new Wakeups()) {
            long t0 = System.nanoTime();
            w.await(new Cancellation(), Duration.ofMillis(300));
            assertThat((System.nanoTime() - t0) / 1_000_000).isGreaterThanOrEqualTo(290);

            Cancellation c = new Cancellation();
            Thread canceller = new Thread(() -> {
                sleep(200);
                c.cancel(new GwrunError("timeout", "step timed out"));
            });
            canceller.start();
            t0 = System.nanoTime();
            GwrunError e = catchThrowableOfType(() -> w.await(c, POLL), GwrunError.class);
            assertThat(e).hasMessageContaining("step timed out");
            assertThat((System.nanoTime() - t0) / 1_000_000).as("ended by the cancellation, not the 60 s poll").isLessThan(15_000);
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
