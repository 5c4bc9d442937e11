package dev.gwrun.stdlib.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import dev.gwrun.host.CallContext;

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
        ctx.watch(watchKey(engine, id), () -> Health.problem(engine, id));
    }

    /** The run stops or removes a container on purpose: waits no longer care how it ends. */
    public static void unwatch(CallContext ctx, Engine engine, DockerClient d, String nameOrId) {
        try {
            ctx.unwatch(watchKey(engine, d.inspectContainerCmd(nameOrId).exec().getId()));
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
