package dev.gwrun.stdlib.compose;

import dev.gwrun.stdlib.docker.Engine;
import dev.gwrun.stdlib.docker.Inspected;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.EventType;
import dev.gwrun.host.CallContext;
import dev.gwrun.runtime.GwrunError;
import dev.gwrun.stdlib.compose.model.Service;
import dev.gwrun.stdlib.docker.Calls;
import dev.gwrun.stdlib.docker.Health;
import dev.gwrun.stdlib.docker.Wakeups;

import java.time.Duration;
import java.util.List;

/**
 * Waiting for a service's containers to reach what {@code depends_on} or {@code wait: true} asks,
 * failing fast: a container that exited (unless it is a one-shot that exited 0, which is what it is
 * for: docker/compose#10596), keeps restarting or turns unhealthy will not get better, so the wait
 * ends at once with the docker module's report (state, exit code, last health check, last log lines).
 */
final class Readiness {
    /** What is waited for. */
    enum Want {
        /** service_healthy: running and healthy; a service without a healthcheck cannot be. */
        HEALTHY("healthy"),
        /** service_completed_successfully: exited with code 0. */
        COMPLETED("completed"),
        /** up's wait: running and healthy if it has a healthcheck, or a one-shot that exited 0. */
        UP("up");

        final String word;

        Want(String word) { this.word = word; }
    }

    static final Duration POLL = Duration.ofMillis(250);
    /** How long a container without a healthcheck must have run before up's wait counts it as up. */
    static final Duration SETTLE = Duration.ofSeconds(1);

    private Readiness() {}

    /**
     * Checks until every container is ready, one fails, or the deadline passes: again at each engine event
     * about one of them, and every {@link #POLL} in any case.
     *
     * @param deadline System.nanoTime() past which it gives up
     */
    static void await(CallContext ctx, Engine engine, Service service, List<String> containers, Want want, long deadline,
                      String timeoutText, Calls.Attach attach) {
        Wakeups opened = new Wakeups();
        if (!containers.isEmpty()) {
            opened.subscribe(engine.client().eventsCmd().withEventTypeFilter(EventType.CONTAINER).withContainerFilter(containers.toArray(new String[0])));
        }
        try (Wakeups wakeups = opened) {
            // The container's next event (health_status, die) wakes this at once; the poll is the fallback.
            await(ctx, engine, service, containers, want, deadline, timeoutText, attach, () -> wakeups.await(ctx.cancellation(), POLL), c -> false);
        }
    }

    /** Like the other, woken by the events of a project stream that is already open (compose.up's). */
    static void await(CallContext ctx, Engine engine, Service service, List<String> containers, Want want, long deadline,
                      String timeoutText, Calls.Attach attach, ProjectEvents events) {
        ProjectEvents.Cursor cursor = events.cursor();
        // A container the engine last reported healthy is what service_healthy (and up's wait) asks: no inspect needed.
        java.util.function.Predicate<String> known = want == Want.COMPLETED ? c -> false : events::reportedHealthy;
        await(ctx, engine, service, containers, want, deadline, timeoutText, attach, () -> cursor.await(ctx.cancellation(), containers, POLL), known);
    }

    private static void await(CallContext ctx, Engine engine, Service service, List<String> containers, Want want, long deadline,
                              String timeoutText, Calls.Attach attach, Runnable sleep, java.util.function.Predicate<String> ready) {
        while (true) {
            String notYet = null;
            for (String c : containers) {
                if (ready.test(c)) continue;
                String n = check(engine, service, c, want, attach);
                if (n != null) {
                    notYet = n;
                    break;
                }
            }
            if (notYet == null) return;
            if (System.nanoTime() > deadline) {
                throw new GwrunError("compose", "service '" + service.name() + "' is not " + want.word + " after " + timeoutText + ": " + notYet);
            }
            sleep.run();
        }
    }

    /** Null when the container is ready; what it is doing when not yet; throws when it failed. */
    static String check(Engine engine, Service service, String container, Want want, Calls.Attach attach) {
        Inspected c;
        try {
            c = Inspected.of(engine, container);
        } catch (NotFoundException gone) {
            throw new GwrunError("compose", "service '" + service.name() + "': its container '" + container + "' was removed while gwrun waited for it").conclusive();
        }
        String status = c.status() == null ? "unknown" : c.status();
        Long exit = c.exitCode();
        String health = c.health() == null ? null : c.health().status();
        boolean exited = status.equals("exited") || status.equals("dead");
        switch (want) {
            case COMPLETED -> {
                if (exited && exit != null && exit == 0) return null;
                if (exited || status.equals("restarting")) throw failed(engine, service, c, attach, "did not complete successfully");
                return Health.notYet(c);
            }
            case HEALTHY -> {
                if (exited || status.equals("restarting") || "unhealthy".equals(health)) throw failed(engine, service, c, attach, "is not healthy");
                if (status.equals("running") && health == null) {
                    throw new GwrunError("compose", "service '" + service.name() + "' has no healthcheck, so depends_on condition service_healthy can never be met"
                            + " (give it a healthcheck, or depend on it with condition service_started)").conclusive();
                }
                return status.equals("running") && "healthy".equals(health) ? null : Health.notYet(c);
            }
            default -> {
                if (exited && exit != null && exit == 0 && ContainerSpec.mayComplete(service)) return null;
                if (exited || status.equals("restarting") || "unhealthy".equals(health)) throw failed(engine, service, c, attach, "failed");
                if (status.equals("running") && health == null && c.startedAt() != null) {
                    // Without a healthcheck, running is all there is to see: give a crash on start-up a moment to show.
                    java.time.Instant since = java.time.Instant.parse(c.startedAt());
                    if (java.time.Instant.now().isBefore(since.plus(SETTLE))) return "'" + container + "' started less than " + SETTLE.toMillis() + "ms ago";
                    return null;
                }
                return status.equals("running") && "healthy".equals(health) ? null : Health.notYet(c);
            }
        }
    }

    private static GwrunError failed(Engine engine, Service service, Inspected c, Calls.Attach attach, String what) {
        GwrunError report = Health.failure(engine.client(), c, attach);
        return new GwrunError("compose", "service '" + service.name() + "' " + what + ": " + report.getMessage()).conclusive();
    }
}
