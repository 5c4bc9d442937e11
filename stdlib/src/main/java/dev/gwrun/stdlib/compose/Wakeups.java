package dev.gwrun.stdlib.compose;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Event;
import com.github.dockerjava.api.model.EventType;
import dev.gwrun.runtime.Cancellation;
import dev.gwrun.runtime.GwrunError;

import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;
import java.util.List;

/**
 * Wakes a readiness wait as soon as the engine reports anything about the containers it waits on
 * (health_status, die, start, …), so a service turning healthy is seen within milliseconds instead of
 * at the next poll; the poll stays as the fallback for events missed before the stream connected or
 * an engine that does not stream them.
 */
final class Wakeups implements Closeable {
    /** How often a sleeping wait looks at its cancellation (a step timeout, Ctrl-C). */
    private static final long SLICE_MS = 50;

    private final Object lock = new Object();
    private long events;
    private long seen;
    private Closeable stream;

    private Wakeups() {}

    /** Subscribes to the containers' events; a subscription that cannot be made leaves plain polling. */
    static Wakeups open(DockerClient d, List<String> containers) {
        Wakeups w = new Wakeups();
        if (containers.isEmpty()) return w;
        try {
            w.stream = d.eventsCmd().withEventTypeFilter(EventType.CONTAINER)
                    .withContainerFilter(containers.toArray(new String[0]))
                    .exec(new ResultCallback.Adapter<Event>() {
                        @Override
                        public void onNext(Event e) {
                            synchronized (w.lock) {
                                w.events++;
                                w.lock.notifyAll();
                            }
                        }
                    });
        } catch (RuntimeException unavailable) {
            w.stream = null;
        }
        return w;
    }

    /** Sleeps until an event arrives or {@code most} has passed; a cancellation ends it at once. */
    void await(Cancellation cancellation, Duration most) {
        long deadline = System.nanoTime() + most.toNanos();
        synchronized (lock) {
            while (events == seen) {
                cancellation.check();
                long left = (deadline - System.nanoTime()) / 1_000_000;
                if (left <= 0) break;
                try {
                    lock.wait(Math.min(left, SLICE_MS));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    cancellation.check();
                    throw new GwrunError("interrupted", "interrupted");
                }
            }
            seen = events;
        }
        cancellation.check();
    }

    @Override
    public void close() {
        Closeable s = stream;
        stream = null;
        if (s == null) return;
        boolean interrupted = Thread.interrupted();
        try {
            s.close();
        } catch (IOException | RuntimeException ignored) {
            // the stream is abandoned either way
        } finally {
            if (interrupted) Thread.currentThread().interrupt();
        }
    }
}
