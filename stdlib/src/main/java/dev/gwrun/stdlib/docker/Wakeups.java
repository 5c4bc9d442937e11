package dev.gwrun.stdlib.docker;

import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.EventsCmd;
import com.github.dockerjava.api.model.Event;
import dev.gwrun.runtime.Cancellation;
import dev.gwrun.runtime.GwrunError;

import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Wakes a wait as soon as an engine reports something that may have moved what it waits on, instead of at its
 * next poll: a cancellable sleep on a counter of the engine's events. The compose module's readiness waits
 * subscribe to their containers' events; the swarm module's convergence waits to the manager's service and node
 * events and its tasks' container events. The poll stays the fallback, for events missed before a stream
 * connected or an engine that streams none.
 *
 * <p>A wait may also ask for quick looks after an event ({@link #quickAfterEvents}): an event often comes a
 * moment before the state it announces can be read (Swarm records a task running just after its container's
 * {@code health_status: healthy}), so for a while after one it looks again soon rather than sleeping a full poll.
 */
public final class Wakeups implements Closeable {
    /** How often a sleeping wait looks at its cancellation (a step timeout, Ctrl-C). */
    private static final long SLICE_MS = 50;

    private final Object lock = new Object();
    private long events;
    private long seen;
    private long lastEventNanos;
    private Duration quick = Duration.ZERO;
    private Duration quickFor = Duration.ZERO;
    private final List<Closeable> streams = new ArrayList<>();

    /** A wait with no subscription yet: it sleeps its whole poll until one is added. */
    public Wakeups() {}

    /**
     * After an event, sleep at most {@code quick} for {@code quickFor}: the state the event announces may reach
     * the engine's answers a little after it.
     */
    public Wakeups quickAfterEvents(Duration quick, Duration quickFor) {
        this.quick = quick;
        this.quickFor = quickFor;
        return this;
    }

    /**
     * Streams the engine's events that {@code cmd} selects; each one wakes the wait. A subscription that cannot
     * be made leaves polling.
     */
    public Wakeups subscribe(EventsCmd cmd) {
        return subscribe(cmd, e -> { });
    }

    /**
     * Like {@link #subscribe(EventsCmd)}, handing each event to {@code seen} (on the stream's thread) before the
     * wait wakes, so that the waiter can read what the event says without asking the engine again.
     */
    public Wakeups subscribe(EventsCmd cmd, Consumer<Event> seen) {
        try {
            streams.add(cmd.exec(new ResultCallback.Adapter<Event>() {
                @Override
                public void onNext(Event e) {
                    seen.accept(e);
                    synchronized (lock) {
                        events++;
                        lastEventNanos = System.nanoTime();
                        lock.notifyAll();
                    }
                }
            }));
        } catch (RuntimeException unavailable) {
            // polling only
        }
        return this;
    }

    /**
     * Sleeps until an event arrives or {@code most} has passed (only the quick interval while an event is recent);
     * a cancellation ends it at once. Returns at once when an event came since the last call.
     */
    public void await(Cancellation cancellation, Duration most) {
        long now = System.nanoTime();
        synchronized (lock) {
            boolean recent = events > 0 && !quick.isZero() && now - lastEventNanos < quickFor.toNanos();
            long deadline = now + (recent ? Math.min(quick.toNanos(), most.toNanos()) : most.toNanos());
            waitOn(lock, deadline, cancellation, () -> events != seen);
            seen = events;
        }
        cancellation.check();
    }

    /**
     * The one cancellable wait on a monitor that event threads notify: waits on {@code lock}, which the caller
     * holds, until {@code done} says so (asked first, then after each wake-up) or {@code deadlineNanos} (of
     * {@link System#nanoTime}) passes, in slices short enough that a cancellation ends it at once. Returns whether
     * {@code done} said so.
     */
    public static boolean waitOn(Object lock, long deadlineNanos, Cancellation cancellation, BooleanSupplier done) {
        while (!done.getAsBoolean()) {
            cancellation.check();
            long left = (deadlineNanos - System.nanoTime()) / 1_000_000;
            if (left <= 0) return false;
            try {
                lock.wait(Math.min(left, SLICE_MS));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                cancellation.check();
                throw new GwrunError("interrupted", "interrupted");
            }
        }
        return true;
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
