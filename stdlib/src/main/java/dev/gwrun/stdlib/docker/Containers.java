package dev.gwrun.stdlib.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.exception.NotModifiedException;
import dev.gwrun.host.Args;
import dev.gwrun.host.CallContext;
import dev.gwrun.runtime.GwrunError;
import dev.gwrun.runtime.Values;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Container lifecycle: run, start, stop, restart, rm, inspect, exists, ps, rename. */
final class Containers {
    private Containers() {}

    static Object run(Args a, CallContext ctx, Engine engine) {
        RunSpec spec = RunSpec.from(a, ctx.directory());
        String pull = a.string("pull", "missing");
        if (!List.of("missing", "always", "never").contains(pull)) {
            throw new GwrunError("type", "docker.run: pull must be \"missing\", \"always\" or \"never\", got '" + pull + "'");
        }
        String what = "container '" + spec.name + "'";
        return Calls.run(ctx, e -> DockerErrors.translate(e, engine, what, "create"), attach -> {
            DockerClient d = engine.client();
            if (pull.equals("always")) Images.pullImage(ctx, engine, spec.image, attach);
            String created;
            try {
                created = spec.create(engine);
            } catch (NotFoundException missing) {
                if (!DockerErrors.daemonMessage(missing).toLowerCase().contains("no such image")) throw missing;
                if (pull.equals("never")) {
                    throw new GwrunError("docker", "cannot run " + what + ": image '" + spec.image + "' is not on the engine (pull: \"never\")");
                }
                try {
                    Images.pullImage(ctx, engine, spec.image, attach);
                } catch (RuntimeException pullFailed) {
                    ctx.cancellation().check();
                    throw new GwrunError("docker", "cannot run " + what + ": image '" + spec.image
                            + "' is not on the engine and could not be pulled: " + DockerErrors.daemonMessage(pullFailed), null, pullFailed);
                }
                created = spec.create(engine);
            }
            try {
                d.startContainerCmd(created).exec();
            } catch (RuntimeException failed) {
                // A container that never started is removed, so fixing the cause and rerunning reuses the name.
                try {
                    d.removeContainerCmd(created).withForce(true).exec();
                } catch (RuntimeException ignored) {
                    // the start error is the one to report
                }
                throw DockerErrors.translate(failed, engine, what, "start");
            }
            DockerObject c = ContainerView.of(Inspected.of(engine, created));
            Watches.watch(ctx, engine, created);
            ctx.log(engine.label() + ": started " + spec.name + " (" + spec.image + ")" + spec.portsText());
            return c;
        });
    }

    static Object start(Args a, CallContext ctx, Engine engine) {
        String name = a.string("name");
        return Calls.run(ctx, e -> DockerErrors.translate(e, engine, "container '" + name + "'", "start"), attach -> {
            DockerClient d = engine.client();
            try {
                d.startContainerCmd(name).exec();
                ctx.log(engine.label() + ": started " + name);
            } catch (NotModifiedException alreadyRunning) {
                // nothing to do: docker start on a running container is not an error either
            }
            Inspected started = Inspected.of(engine, name);
            Watches.watch(ctx, engine, started.id());
            return ContainerView.of(started);
        });
    }

    static Object stop(Args a, CallContext ctx, Engine engine) {
        String name = a.string("name");
        int seconds = seconds(a);
        return Calls.run(ctx, e -> DockerErrors.translate(e, engine, "container '" + name + "'", "stop"), attach -> {
            DockerClient d = engine.client();
            Watches.unwatch(ctx, engine, name);
            long start = System.nanoTime();
            try {
                var cmd = d.stopContainerCmd(name);
                if (seconds >= 0) cmd.withTimeout(seconds);
                cmd.exec();
                ctx.log(engine.label() + ": stopped " + name + " (" + Duration.ofNanos(System.nanoTime() - start).toMillis() + "ms)");
            } catch (NotModifiedException alreadyStopped) {
                // already stopped
            }
            return ContainerView.of(Inspected.of(engine, name));
        });
    }

    static Object restart(Args a, CallContext ctx, Engine engine) {
        String name = a.string("name");
        int seconds = seconds(a);
        return Calls.run(ctx, e -> DockerErrors.translate(e, engine, "container '" + name + "'", "restart"), attach -> {
            DockerClient d = engine.client();
            var cmd = d.restartContainerCmd(name);
            if (seconds >= 0) cmd.withTimeout(seconds);
            cmd.exec();
            ctx.log(engine.label() + ": restarted " + name);
            return ContainerView.of(Inspected.of(engine, name));
        });
    }

    static Object rm(Args a, CallContext ctx, Engine engine) {
        String name = a.string("name");
        boolean force = a.bool("force", false);
        String what = "container '" + name + "'";
        return Calls.run(ctx, e -> DockerErrors.translate(e, engine, what, "remove"), attach -> {
            if (force) Watches.unwatch(ctx, engine, name);
            try {
                engine.client().removeContainerCmd(name).withForce(force).withRemoveVolumes(a.bool("volumes", false)).exec();
            } catch (NotFoundException gone) {
                return false;
            } catch (ConflictException running) {
                String m = DockerErrors.daemonMessage(running);
                if (m.contains("running")) throw new GwrunError("docker", "cannot remove " + what + ": it is running (stop it first, or pass force: true)");
                // "removal already in progress" means it is going away: what rm was asked for
                if (m.contains("already in progress")) return true;
                throw running;
            }
            ctx.log(engine.label() + ": removed " + name + (force ? " (forced)" : ""));
            return true;
        });
    }

    static Object inspect(Args a, CallContext ctx, Engine engine) {
        String name = a.string("name");
        return Calls.run(ctx, e -> DockerErrors.translate(e, engine, "container '" + name + "'", "inspect"),
                attach -> ContainerView.of(Inspected.of(engine, name)));
    }

    static Object exists(Args a, CallContext ctx, Engine engine) {
        String name = a.string("name");
        return Calls.run(ctx, e -> DockerErrors.translate(e, engine, "container '" + name + "'", "inspect"),
                attach -> Calls.found(() -> Inspected.of(engine, name)));
    }

    static Object ps(Args a, CallContext ctx, Engine engine) {
        List<String> labels = labelFilter(a);
        return Calls.run(ctx, e -> DockerErrors.translate(e, engine, "containers", "list"), attach -> {
            List<Object> out = new ArrayList<>();
            for (Listed c : Listed.list(engine, a.bool("all", false), labels)) out.add(ContainerView.of(c));
            return out;
        });
    }

    static Object rename(Args a, CallContext ctx, Engine engine) {
        String old = a.string("old");
        String renamed = a.string("new");
        return Calls.run(ctx, e -> {
            if (e instanceof ConflictException) return new GwrunError("docker", "cannot rename container '" + old + "': a container named '" + renamed + "' already exists", null, e);
            return DockerErrors.translate(e, engine, "container '" + old + "'", "rename");
        }, attach -> {
            DockerClient d = engine.client();
            d.renameContainerCmd(old).withName(renamed).exec();
            ctx.log(engine.label() + ": renamed " + old + " to " + renamed);
            return ContainerView.of(Inspected.of(engine, renamed));
        });
    }

    /** {@code label: "app"}, {@code "app=api"} or {@code {app: "api"}} as the engine's filter (as the engine's "label" filter). */
    static List<String> labelFilter(Args a) {
        List<String> out = new ArrayList<>();
        Object v = a.value("label");
        if (v == null) return out;
        if (v instanceof CharSequence s) {
            out.add(s.toString());
        } else if (v instanceof Map<?, ?> m) {
            for (Map.Entry<?, ?> e : m.entrySet()) out.add(e.getKey() + (e.getValue() == null ? "" : "=" + Values.str(e.getValue())));
        } else {
            throw new GwrunError("type", a.signature().name() + ": label must be \"key\", \"key=value\" or a map, got " + Values.typeName(v));
        }
        return out;
    }

    private static int seconds(Args a) {
        if (!a.has("timeout")) return -1;
        Duration d = a.duration("timeout", null);
        if (d.isNegative()) throw new GwrunError("type", a.signature().name() + ": timeout must not be negative");
        return (int) Math.min(Integer.MAX_VALUE, (d.toMillis() + 999) / 1000);
    }
}
