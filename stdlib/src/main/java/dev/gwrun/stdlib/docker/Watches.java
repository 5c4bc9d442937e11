package dev.gwrun.stdlib.docker;

import com.github.dockerjava.api.exception.NotFoundException;
import dev.gwrun.host.CallContext;
import dev.gwrun.host.Watch;
import dev.gwrun.runtime.GwrunError;

import java.time.Duration;

/**
 * The containers a run started and relies on, as {@link dev.gwrun.host.Watch}es: every {@code wait until}
 * gives up at once when one exits non-zero, keeps restarting or turns unhealthy ({@link Health#problem}).
 * Keyed by engine and container id, so a rename changes nothing. The docker and compose modules watch
 * what they start and stop watching what they stop or remove on purpose.
 */
public final class Watches {
    private Watches() {}

    /**
     * The run relies on a container it started or started again: every wait gives up at once when it
     * exits non-zero, keeps restarting or turns unhealthy (see {@link Health#problem}). Keyed by id, so a
     * rename changes nothing.
     */
    public static void watch(CallContext ctx, Engine engine, String id) {
        ctx.watch(watchKey(engine, id), new ContainerWatch(engine, id));
    }

    /**
     * How long the engine of a watched container may go without answering before waits stop: long
     * enough for a restart of dockerd to go unnoticed, short against the minutes a health wait allows.
     */
    static final Duration ENGINE_GONE_AFTER = Duration.ofSeconds(10);

    /**
     * One watched container. Its engine not answering is not its problem at first (a wait's own calls
     * fail the same way and count as "not yet"), but an engine that stays unreachable takes everything
     * the run started on it down with it: after {@link #ENGINE_GONE_AFTER} the wait stops, saying so,
     * instead of polling a dead socket until its timeout.
     */
    private static final class ContainerWatch implements Watch {
        private final Engine engine;
        private final String id;
        private volatile String name;
        private volatile long unreachableSince;
        private volatile boolean unreachable;

        ContainerWatch(Engine engine, String id) {
            this.engine = engine;
            this.id = id;
            this.name = id.length() > 12 ? id.substring(0, 12) : id;
        }

        @Override
        public GwrunError problem() {
            try {
                GwrunError e = Health.problem(engine, id, seen -> name = seen);
                unreachable = false;
                return e;
            } catch (RuntimeException e) {
                String why = DockerErrors.unreachable(e, engine);
                if (why == null) throw e;
                long now = System.nanoTime();
                if (!unreachable) {
                    unreachable = true;
                    unreachableSince = now;
                }
                Duration down = Duration.ofNanos(now - unreachableSince);
                if (down.compareTo(ENGINE_GONE_AFTER) < 0) return null;
                return new GwrunError("docker", "container '" + name + "', which the run started, has been out of reach for "
                        + down.toSeconds() + "s: " + why, null, e).conclusive();
            }
        }
    }

    /** The run stops or removes a container on purpose: waits no longer care how it ends. */
    public static void unwatch(CallContext ctx, Engine engine, String nameOrId) {
        try {
            ctx.unwatch(watchKey(engine, Inspected.of(engine, nameOrId).id()));
        } catch (NotFoundException gone) {
            // nothing to stop watching
        }
    }

    /** Like {@link #unwatch} for a container known by its id (no engine call). */
    public static void unwatchId(CallContext ctx, Engine engine, String id) {
        ctx.unwatch(watchKey(engine, id));
    }

    private static String watchKey(Engine engine, String id) {
        return "docker:" + engine.host() + ":" + id;
    }
}
