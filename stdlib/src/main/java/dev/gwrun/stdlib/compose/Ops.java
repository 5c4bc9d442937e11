package dev.gwrun.stdlib.compose;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.exception.NotModifiedException;
import com.github.dockerjava.api.model.ContainerNetwork;
import dev.gwrun.host.CallContext;
import dev.gwrun.runtime.GwrunError;
import dev.gwrun.stdlib.compose.model.Service;
import dev.gwrun.stdlib.compose.model.ServiceNetwork;
import dev.gwrun.stdlib.docker.DockerErrors;
import dev.gwrun.stdlib.docker.Engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** The container operations up, down and rollout are made of, each failing in one line that names the container. */
final class Ops {
    private final CallContext ctx;
    private final Engine engine;
    final DockerClient d;

    Ops(CallContext ctx, Engine engine) {
        this.ctx = ctx;
        this.engine = engine;
        this.d = engine.client();
    }

    /** "compose" for the default engine, "compose[tcp://h:2376]" for others: how log lines start. */
    String label() {
        return engine.label().replaceFirst("^docker", "compose");
    }

    /** The engine the project runs on. */
    Engine engine() { return engine; }

    void log(String what) {
        ctx.log(label() + ": " + what);
    }

    <T> T on(String what, String doing, Supplier<T> call) {
        try {
            return call.get();
        } catch (GwrunError e) {
            throw e;
        } catch (RuntimeException e) {
            ctx.cancellation().check();
            throw DockerErrors.translate(e, engine, what, doing);
        }
    }

    /**
     * Creates a container of the spec under {@code createAs} (the final name, or a temporary one while
     * the old container still holds the name), joins its other networks; returns its id. Not started.
     */
    String create(ContainerSpec spec, String createAs, String finalName, Map<String, String> labels) {
        String mode = spec.service.networkMode();
        String modeContainer = mode != null && mode.startsWith("service:") ? serviceContainer(spec, mode.substring("service:".length())) : null;
        String what = "container '" + finalName + "'";
        String id = on(what, "create", () -> spec.create(d, createAs, labels, modeContainer).exec().getId());
        return joinNetworks(spec, id, finalName);
    }

    private String serviceContainer(ContainerSpec spec, String service) {
        for (Observed.Box b : Observed.containers(engine, spec.project.name())) {
            if (b.service().equals(service) && !b.oneoff() && b.running()) return b.id();
        }
        throw new GwrunError("compose", "service '" + spec.service.name() + "' shares the network of service '" + service + "', which has no running container");
    }

    private String joinNetworks(ContainerSpec spec, String id, String finalName) {
        for (Map.Entry<String, ServiceNetwork> e : spec.moreNetworks.entrySet()) {
            ContainerNetwork cn = new ContainerNetwork().withAliases(spec.aliases(finalName, e.getValue()));
            if (e.getValue() != null && e.getValue().ipv4Address() != null) {
                cn.withIpamConfig(new ContainerNetwork.Ipam().withIpv4Address(e.getValue().ipv4Address()));
            }
            on("network '" + e.getKey() + "'", "connect " + finalName + " to", () -> {
                d.connectToNetworkCmd().withNetworkId(e.getKey()).withContainerId(id).withContainerNetwork(cn).exec();
                return null;
            });
        }
        return id;
    }

    /**
     * Starts a container of a service; one that cannot start (port in use, say) is removed, so a rerun can
     * reuse its name. The run then watches it: any wait gives up when it exits non-zero or turns unhealthy.
     */
    void start(String id, String name, boolean removeOnFailure) {
        start(id, name, removeOnFailure, true);
    }

    /** Starts a container; {@code watch} false for a one-off, whose exit its own call reports. */
    void start(String id, String name, boolean removeOnFailure, boolean watch) {
        try {
            d.startContainerCmd(id).exec();
            if (watch) dev.gwrun.stdlib.docker.Watches.watch(ctx, engine, id);
        } catch (NotModifiedException alreadyRunning) {
            // nothing to do
        } catch (RuntimeException e) {
            ctx.cancellation().check();
            if (removeOnFailure) {
                try {
                    d.removeContainerCmd(id).withForce(true).exec();
                } catch (RuntimeException ignored) {
                    // the start error is the one to report
                }
            }
            throw DockerErrors.translate(e, engine, "container '" + name + "'", "start");
        }
    }

    /** Stops (SIGTERM, then SIGKILL after the service's grace period or the given seconds) and removes a container. */
    void stopAndRemove(String id, String name, Integer seconds, boolean volumes) {
        stop(id, name, seconds);
        try {
            d.removeContainerCmd(id).withForce(true).withRemoveVolumes(volumes).exec();
        } catch (NotFoundException gone) {
            // already gone
        } catch (RuntimeException e) {
            ctx.cancellation().check();
            if (!DockerErrors.daemonMessage(e).contains("already in progress")) throw DockerErrors.translate(e, engine, "container '" + name + "'", "remove");
        }
    }

    void stop(String id, String name, Integer seconds) {
        // Stopped on purpose: no wait should take its exit for a failure.
        dev.gwrun.stdlib.docker.Watches.unwatchId(ctx, engine, id);
        try {
            var cmd = d.stopContainerCmd(id);
            if (seconds != null) cmd.withTimeout(seconds);
            cmd.exec();
        } catch (NotModifiedException | NotFoundException alreadyStopped) {
            // nothing to do
        } catch (RuntimeException e) {
            ctx.cancellation().check();
            throw DockerErrors.translate(e, engine, "container '" + name + "'", "stop");
        }
    }

    /** Temporary names of containers a recreate made and has not renamed yet. */
    private final java.util.Set<String> provisional = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /** A recreate is about to create a container under this temporary name. */
    void provisional(String name) { provisional.add(name); }

    /** The container under this temporary name now has its final name (or is gone). */
    void settled(String name) { provisional.remove(name); }

    /**
     * Removes every container still under a temporary name: a recreate cancelled or failed half-way whose
     * own clean-up was cut short. Runs on a thread of its own, so an interrupt of this one cannot stop it.
     */
    void sweep() {
        if (provisional.isEmpty()) return;
        List<String> left = new ArrayList<>(provisional);
        provisional.clear();
        Thread t = new Thread(() -> {
            for (String name : left) {
                try {
                    d.removeContainerCmd(name).withForce(true).withRemoveVolumes(true).exec();
                } catch (RuntimeException ignored) {
                    // gone already, or the engine is: nothing more to do
                }
            }
        }, "compose-sweep");
        t.setDaemon(true);
        t.start();
        boolean interrupted = false;
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
        while (t.isAlive() && System.nanoTime() < deadline) {
            try {
                t.join(100);
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) Thread.currentThread().interrupt();
    }

    /** Removes a container, best effort, also on a thread a cancellation has just interrupted. */
    void removeQuietly(String id) {
        dev.gwrun.stdlib.docker.Watches.unwatchId(ctx, engine, id);
        boolean interrupted = Thread.interrupted();
        try {
            d.removeContainerCmd(id).withForce(true).withRemoveVolumes(true).exec();
        } catch (RuntimeException ignored) {
            // best effort: the failure being reported matters more
        } finally {
            if (interrupted) Thread.currentThread().interrupt();
        }
    }

    void rename(String id, String from, String to) {
        on("container '" + from + "'", "rename", () -> {
            d.renameContainerCmd(id).withName(to).exec();
            return null;
        });
    }

    /** The seconds a service's containers get to stop: stop_grace_period, else the given default (null: the engine's 10s). */
    static Integer grace(Service s, Integer fallback) {
        if (fallback != null) return fallback;
        return s == null || s.stopGracePeriod() == null ? null : ContainerSpec.seconds(s.stopGracePeriod());
    }
}
