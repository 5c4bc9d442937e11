package dev.gwrun.stdlib.compose;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Event;
import com.github.dockerjava.api.model.EventType;
import dev.gwrun.runtime.Cancellation;
import dev.gwrun.stdlib.docker.Wakeups;

import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The events of one project's containers that can change what a readiness wait sees (a health status,
 * a start, an exit, a removal), on one engine stream that {@code up} opens before it creates anything,
 * so none is missed. Unlike a plain wake-up, it says <em>which</em> containers have news: a wait on
 * twenty containers inspects the one that turned healthy, not all twenty, and the health checks' own
 * exec events, several a second per container, never reach it (the stream is filtered by event).
 * A stream that cannot be opened leaves the waits to their poll.
 */
final class ProjectEvents implements Closeable {
    /** The actions that matter: health_status matches every "health_status: …" (the engine's prefix rule for it). */
    private static final String[] ACTIONS = {"health_status", "start", "die", "destroy", "oom", "restart"};

    private final Object lock = new Object();
    /** Events seen per container name. */
    private final Map<String, Long> counts = new HashMap<>();
    /** The last action reported per container name ("start", "health_status: healthy", "die", …). */
    private final Map<String, String> last = new HashMap<>();
    private volatile Closeable stream;

    private ProjectEvents() {}

    /** Subscribes to the project's container events; a subscription that cannot be made leaves plain polling. */
    static ProjectEvents open(DockerClient d, String project) {
        ProjectEvents p = new ProjectEvents();
        try {
            p.stream = d.eventsCmd().withEventTypeFilter(EventType.CONTAINER)
                    .withLabelFilter(Map.of(Names.PROJECT, project))
                    .withEventFilter(ACTIONS)
                    .exec(new ResultCallback.Adapter<Event>() {
                        @Override
                        public void onNext(Event e) {
                            String name = e.getActor() == null || e.getActor().getAttributes() == null ? null : e.getActor().getAttributes().get("name");
                            if (name == null) return;
                            synchronized (p.lock) {
                                p.counts.merge(name, 1L, Long::sum);
                                if (e.getAction() != null) p.last.put(name, e.getAction());
                                p.lock.notifyAll();
                            }
                        }
                    });
        } catch (RuntimeException unavailable) {
            p.stream = null;
        }
        return p;
    }

    /** A waiter's own position in the stream: which events about its containers it has taken into account. */
    final class Cursor {
        private final Map<String, Long> seen = new HashMap<>();

        /**
         * Sleeps until there is news about one of {@code names} since this cursor last returned it, or
         * {@code most} has passed; returns the names with news (empty when the time ran out). A
         * cancellation ends it at once.
         */
        Set<String> await(Cancellation cancellation, Collection<String> names, Duration most) {
            long deadline = System.nanoTime() + most.toNanos();
            Set<String> news = new LinkedHashSet<>();
            synchronized (lock) {
                Wakeups.waitOn(lock, deadline, cancellation, () -> {
                    for (String n : names) {
                        long c = counts.getOrDefault(n, 0L);
                        if (c != seen.getOrDefault(n, 0L)) {
                            seen.put(n, c);
                            news.add(n);
                        }
                    }
                    return !news.isEmpty();
                });
            }
            cancellation.check();
            return news;
        }
    }

    Cursor cursor() { return new Cursor(); }

    /**
     * Whether the last event the engine reported about the container says it is running and healthy.
     * The events of one stream come in the order they happened, so until another arrives, it still is.
     */
    boolean reportedHealthy(String name) {
        synchronized (lock) {
            return "health_status: healthy".equals(last.get(name));
        }
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
