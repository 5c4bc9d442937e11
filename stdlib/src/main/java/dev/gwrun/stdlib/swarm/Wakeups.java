package dev.gwrun.stdlib.swarm;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Event;
import com.github.dockerjava.api.model.EventType;
import dev.gwrun.runtime.Cancellation;
import dev.gwrun.runtime.GwrunError;

import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Wakes a convergence wait as soon as the manager reports something that may have moved it: a service event
 * (its update state changed: updating, completed, rollback_started, …), a node event, or an event of a task's
 * container on this node (start, health_status, die). Swarm streams no task events, so a wake-up is followed by a
 * look at the tasks, and a few quick looks after it, since the agent reports a task running a moment after its
 * container turned healthy. Polling stays the fallback: for tasks on other nodes (whose containers this engine
 * does not see) and for events missed before the streams connected.
 */
final class Wakeups implements Closeable {
    /** How often a sleeping wait looks at its cancellation (a step timeout, Ctrl-C). */
    private static final long SLICE_MS = 50;
    /** After an event, look again this often for a while: the task's state on the manager follows its container's. */
    static final Duration QUICK = Duration.ofMillis(40);
    static final Duration QUICK_FOR = Duration.ofMillis(1500);

    private final Object lock = new Object();
    private long events;
    private long seen;
    private long lastEventNanos;
    private final List<Closeable> streams = new ArrayList<>();

    private Wakeups() {}

    /** Subscribes to the manager's service and node events and its swarm tasks' container events; what cannot be had leaves polling. */
    static Wakeups open(DockerClient d) {
        Wakeups w = new Wakeups();
        w.subscribe(() -> d.eventsCmd().withEventTypeFilter(EventType.SERVICE, EventType.NODE).exec(w.callback()));
        w.subscribe(() -> d.eventsCmd().withEventTypeFilter(EventType.CONTAINER).withLabelFilter("com.docker.swarm.service.id").exec(w.callback()));
        return w;
    }

    private void subscribe(java.util.function.Supplier<Closeable> open) {
        try {
            streams.add(open.get());
        } catch (RuntimeException unavailable) {
            // polling only
        }
    }

    private ResultCallback.Adapter<Event> callback() {
        return new ResultCallback.Adapter<>() {
            @Override
            public void onNext(Event e) {
                synchronized (lock) {
                    events++;
                    lastEventNanos = System.nanoTime();
                    lock.notifyAll();
                }
            }
        };
    }

    /**
     * Sleeps until an event arrives or {@code most} has passed, or only {@link #QUICK} while an event is recent;
     * a cancellation ends it at once.
     */
    void await(Cancellation cancellation, Duration most) {
        long now = System.nanoTime();
        long deadline;
        synchronized (lock) {
            boolean recent = events > 0 && now - lastEventNanos < QUICK_FOR.toNanos();
            deadline = now + (recent ? Math.min(QUICK.toNanos(), most.toNanos()) : most.toNanos());
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
        boolean interrupted = Thread.interrupted();
        try {
            for (Closeable s : streams) {
                try {
                    s.close();
                } catch (IOException | RuntimeException ignored) {
                    // the stream is abandoned either way
                }
            }
            streams.clear();
        } finally {
            if (interrupted) Thread.currentThread().interrupt();
        }
    }
}
