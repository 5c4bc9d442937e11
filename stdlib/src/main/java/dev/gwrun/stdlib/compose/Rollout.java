package dev.gwrun.stdlib.compose;

import com.github.dockerjava.api.model.ContainerNetwork;
import dev.gwrun.host.CallContext;
import dev.gwrun.host.Type;
import dev.gwrun.runtime.Callable;
import dev.gwrun.runtime.GwrunError;
import dev.gwrun.runtime.Values;
import dev.gwrun.stdlib.compose.model.Port;
import dev.gwrun.stdlib.compose.model.Project;
import dev.gwrun.stdlib.compose.model.Service;
import dev.gwrun.stdlib.compose.model.ServiceNetwork;
import dev.gwrun.stdlib.docker.Calls;
import dev.gwrun.stdlib.docker.Inspected;
import dev.gwrun.stdlib.docker.ContainerIO;
import dev.gwrun.stdlib.docker.DockerErrors;
import dev.gwrun.stdlib.docker.DockerObject;
import dev.gwrun.stdlib.docker.Engine;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code compose.rollout}: a start-first, zero-downtime update of one service, which Compose itself
 * cannot do (docker/compose#1786).
 *
 * <ol>
 * <li>New containers (the next free numbers) are started beside the old ones, on the service's networks
 *     under their container names only, so nothing sends them traffic before they are ready.</li>
 * <li>Each must become healthy (fail fast, as up's wait) and pass the probe, if one is given.</li>
 * <li>They are then given the service's network aliases (disconnected and reconnected: they carry no
 *     traffic yet), so the service name resolves to old and new alike.</li>
 * <li>The old containers leave the service name the same way: each rejoins its networks under its own
 *     name only. The engine hands back the address it just released, so the connections open on it
 *     carry on after a moment's pause, and a proxy that cached the name's addresses still reaches it.</li>
 * <li>After {@code drain} (for those connections and caches), each old container is stopped with the
 *     service's grace period, still on its networks, so its shutdown finishes what it holds and reaches
 *     its database; then it is removed.</li>
 * </ol>
 * The new containers keep their new numbers (no rename: a rename would change the names clients and logs
 * already see). If the new ones fail, they are removed and the old ones, never touched, keep serving.
 */
final class Rollout {
    static final Type RESULT = Type.object("compose rollout", Map.of("service", Type.STRING, "old", Type.LIST, "new", Type.LIST));

    private Rollout() {}

    static Object run(ComposeProject project, String service, Duration timeout, Object probe, Duration drain, boolean force,
                      CallContext ctx, Engine engine) {
        Project p = project.project();
        Service s = Graph.service(project, service, "compose.rollout");
        refuseSingletons(s);
        if (probe != null && !(probe instanceof Callable) && !(probe instanceof CharSequence)) {
            throw new GwrunError("type", "compose.rollout: probe must be a function fn(c) returning true when container c serves, "
                    + "or a command string run in each new container (exit 0 passes), got " + Values.typeName(probe));
        }
        Ops ops = new Ops(ctx, engine);
        long deadline = System.nanoTime() + timeout.toNanos();
        List<Observed.Box> old = new ArrayList<>();
        String imageId = Calls.run(ctx, e -> DockerErrors.translate(e, engine, "service '" + service + "'", "roll out"), attach -> {
            for (Observed.Box b : Observed.containers(ops.engine(), p.name())) if (!b.oneoff() && b.service().equals(service)) old.add(b);
            ProjectResources.ensure(ops, p, List.of(s));
            return ServiceImages.ensure(ctx, ops, p, s, "missing", false, attach);
        });
        if (old.isEmpty()) {
            ops.log("rollout " + service + ": no running containers; starting it with up");
            DockerObject up = (DockerObject) Up.run(project, new Up.Options(List.of(service), true, timeout, false, "missing", false, true, false), ctx, engine);
            return result(service, List.of(), listOf(up.field("created")));
        }
        int count = Math.max(1, s.replicas());
        String hash = ConfigHash.of(s, imageId);
        if (!force && old.size() == count && old.stream().allMatch(b -> b.hash().equals(hash) && b.state().equals("running"))) {
            ops.log("rollout " + service + ": " + String.join(", ", names(old)) + " already run" + (old.size() == 1 ? "s" : "")
                    + " this config and image; nothing to roll out (force: true replaces them anyway)");
            return result(service, List.of(), List.of());
        }
        int next = old.stream().mapToInt(Observed.Box::number).max().orElse(0) + 1;
        List<String> fresh = new ArrayList<>();
        List<String> freshIds = new ArrayList<>();
        try {
            Calls.run(ctx, e -> DockerErrors.translate(e, engine, "service '" + service + "'", "roll out"), attach -> {
                for (int i = 0; i < count; i++) {
                    int number = next + i;
                    String name = Names.container(p, s, number);
                    ContainerSpec spec = new ContainerSpec(p, s, number, name, imageId);
                    // Reachable by its own name only until it is ready: the service alias comes later.
                    String id = ops.create(hidden(spec), name, name, spec.labels(false, null));
                    fresh.add(name);
                    freshIds.add(id);
                    ops.start(id, name, true);
                    ops.log("rollout " + service + ": started " + name + " beside " + names(old));
                }
                for (String name : fresh) {
                    try {
                        Readiness.await(ctx, ops.engine(), s, List.of(name), Readiness.Want.UP, deadline, Up.text(timeout), attach);
                    } catch (GwrunError notUp) {
                        if (notUp.isCancellation()) throw notUp;
                        throw new GwrunError("compose", notUp.getMessage());
                    }
                }
                return null;
            });
            if (probe != null) for (String name : fresh) probe(ctx, ops, p, s, name, probe, deadline, timeout);
            Calls.run(ctx, e -> DockerErrors.translate(e, engine, "service '" + service + "'", "roll out"), attach -> {
                for (int i = 0; i < fresh.size(); i++) expose(ops, p, s, fresh.get(i), freshIds.get(i));
                return null;
            });
        } catch (GwrunError failed) {
            for (int i = fresh.size() - 1; i >= 0; i--) {
                String id = freshIds.get(i), name = fresh.get(i);
                try {
                    ops.d.removeContainerCmd(id).withForce(true).withRemoveVolumes(true).exec();
                    ops.log("rollout " + service + ": removed " + name + " (the rollout failed)");
                } catch (RuntimeException ignored) {
                    // best effort: the failure is what to report
                }
            }
            if (failed.isCancellation()) throw failed;
            throw new GwrunError("compose", "compose.rollout: service '" + service + "' was not rolled out; " + names(old)
                    + " keep" + (old.size() == 1 ? "s" : "") + " serving. " + failed.getMessage().replaceFirst("^compose\\.up: ", ""));
        }
        ops.log("rollout " + service + ": " + String.join(", ", fresh) + " ready and serving");
        Calls.run(ctx, e -> DockerErrors.translate(e, engine, "service '" + service + "'", "retire the old containers of"), attach -> {
            for (Observed.Box b : old) hide(ops, b);
            ops.log("rollout " + service + ": " + String.join(", ", names(old)) + " out of the service name"
                    + (drain != null && !drain.isZero() ? "; they stop in " + Up.text(drain) : ""));
            if (drain != null && !drain.isZero()) ctx.cancellation().sleep(drain);
            for (Observed.Box b : old) {
                // Stopped on its networks: its shutdown finishes the requests it holds and still reaches its database.
                ops.stopAndRemove(b.id(), b.name(), Ops.grace(s, null), false);
                ops.log("rollout " + service + ": retired " + b.name());
            }
            return null;
        });
        List<Object> oldNames = new ArrayList<>(names(old));
        return result(service, oldNames, new ArrayList<>(fresh));
    }

    /** What a rollout would do, reading only. */
    static String preview(ComposeProject project, String service, boolean force, Ops ops) {
        Project p = project.project();
        Service s = Graph.service(project, service, "compose.rollout");
        try {
            refuseSingletons(s);
        } catch (GwrunError refused) {
            return "would refuse: " + refused.getMessage().replaceFirst("^compose\\.rollout: ", "");
        }
        List<Observed.Box> old = new ArrayList<>();
        for (Observed.Box b : Observed.containers(ops.engine(), p.name())) if (!b.oneoff() && b.service().equals(service)) old.add(b);
        String imageId = ServiceImages.localId(ops, p, s);
        int count = Math.max(1, s.replicas());
        if (old.isEmpty()) return "would start " + service + " with up (it has no containers)";
        if (imageId != null && !force && old.size() == count
                && old.stream().allMatch(b -> b.hash().equals(ConfigHash.of(s, imageId)) && b.state().equals("running"))) {
            return "would do nothing: " + String.join(", ", names(old)) + " already run this config and image";
        }
        int next = old.stream().mapToInt(Observed.Box::number).max().orElse(0) + 1;
        List<String> fresh = new ArrayList<>();
        for (int i = 0; i < count; i++) fresh.add(Names.container(p, s, next + i));
        return "would " + (imageId == null ? "pull or build " + Names.image(p, s) + ", " : "") + "start " + String.join(", ", fresh)
                + " beside " + String.join(", ", names(old)) + ", then retire " + String.join(", ", names(old));
    }

    /**
     * Two containers of a service cannot hold one published host port, one container_name or the host's
     * network: such a service needs stop-first (compose.up) or a proxy in front.
     */
    static void refuseSingletons(Service s) {
        String why = null;
        if (s.containerName() != null && !s.containerName().isBlank()) why = "it has a fixed container_name '" + s.containerName() + "'";
        for (Port port : s.ports()) {
            if (why == null && port.published() != null && !port.published().isBlank()) why = "it publishes host port " + port.published();
        }
        if (why == null && "host".equals(s.networkMode())) why = "it uses the host's network (network_mode: host)";
        for (Map.Entry<String, ServiceNetwork> n : s.networks().entrySet()) {
            ServiceNetwork sn = n.getValue();
            if (why != null || sn == null) continue;
            String fixed = sn.ipv4Address() != null && !sn.ipv4Address().isBlank() ? sn.ipv4Address() : sn.ipv6Address();
            if (fixed != null && !fixed.isBlank()) why = "it has a fixed address " + fixed + " on network '" + n.getKey() + "'";
        }
        if (why != null) {
            throw new GwrunError("compose", "compose.rollout: service '" + s.name() + "' cannot run old and new containers side by side: " + why
                    + ". Put it behind a proxy service that publishes the port and reaches it by service name, and drop the fixed "
                    + "name, port or address from it; or update it stop-first with compose.up");
        }
    }

    /** The spec with the service's aliases held back: the container joins its networks under its own name. */
    private static ContainerSpec hidden(ContainerSpec spec) {
        spec.ownNameOnly = true;
        return spec;
    }

    /** Gives a ready container the service's aliases on each of its networks. */
    private static void expose(Ops ops, Project p, Service s, String name, String id) {
        ContainerSpec spec = new ContainerSpec(p, s, 0, name, null);
        for (Map.Entry<String, ServiceNetwork> e : s.networks().entrySet()) {
            String net = spec.networkName(e.getKey());
            leave(ops, name, id, net, "expose on " + net);
            join(ops, name, id, net, spec.aliases(name, e.getValue()), "expose on " + net);
        }
    }

    /** Half of changing a container's names on a network, which Docker does only by reconnecting it: off the network. */
    private static void leave(Ops ops, String name, String id, String net, String doing) {
        ops.on("container '" + name + "'", doing, () -> {
            ops.d.disconnectFromNetworkCmd().withNetworkId(net).withContainerId(id).withForce(true).exec();
            return null;
        });
    }

    /** The other half: back on the network under these names. */
    private static void join(Ops ops, String name, String id, String net, List<String> aliases, String doing) {
        ops.on("container '" + name + "'", doing, () -> {
            ops.d.connectToNetworkCmd().withNetworkId(net).withContainerId(id).withContainerNetwork(new ContainerNetwork().withAliases(aliases)).exec();
            return null;
        });
    }

    /**
     * Takes an old container out of the service name: rejoins each of its networks under its own name only. The
     * engine gives it back the address it just released (the lowest free one), so connections open on it carry
     * on after a moment's pause, and its shutdown keeps a network. Should a network refuse it back, it is
     * stopped all the same: that is only what retiring it does next.
     */
    private static void hide(Ops ops, Observed.Box b) {
        // A stopped one answers to no name: it is only removed.
        if (!"running".equals(b.state())) return;
        for (String net : Inspected.of(ops.engine(), b.id()).networks().keySet()) {
            // The default bridge has no names to take (nor aliases to give), and "none" no network to keep.
            if (net.equals("bridge") || net.equals("none")) continue;
            leave(ops, b.name(), b.id(), net, "take out of the service name on " + net);
            try {
                join(ops, b.name(), b.id(), net, List.of(b.name()), "rejoin " + net);
            } catch (GwrunError e) {
                if (e.isCancellation()) throw e;
                ops.log("rollout: " + b.name() + " stops without " + net + ": " + e.getMessage());
            }
        }
    }

    private static void probe(CallContext ctx, Ops ops, Project p, Service s, String name, Object probe, long deadline, Duration timeout) {
        String last = "it never answered";
        while (true) {
            try {
                if (probe instanceof Callable fn) {
                    Observed.Box box = null;
                    for (Observed.Box b : ops.on("project '" + p.name() + "'", "list", () -> Observed.containers(ops.engine(), p.name()))) {
                        if (b.name().equals(name)) box = b;
                    }
                    if (box == null) throw new GwrunError("compose", "container '" + name + "' is gone");
                    Observed.Box found = box;
                    Object c = Lifecycle.view(ops.on("container '" + name + "'", "inspect", () -> Inspected.of(ops.engine(), found.id())), found);
                    Object ok = ctx.call(fn, List.of(c));
                    if (Boolean.TRUE.equals(ok)) return;
                    last = "the probe returned " + Values.repr(ok);
                } else {
                    var r = (DockerObject) ContainerIO.exec(ctx, ops.engine(), name, ContainerIO.command(probe, "compose.rollout"), null, Map.of(), null, false);
                    if (Boolean.TRUE.equals(r.field("ok"))) return;
                    String err = Values.str(r.field("stderr")).strip();
                    last = "the probe exited " + r.field("exit") + (err.isEmpty() ? "" : ": " + err.lines().reduce((a, b) -> b).orElse(""));
                }
            } catch (GwrunError e) {
                if (e.isCancellation() || e.kind().equals("type") || e.kind().equals("name")) throw e;
                last = "the probe failed: " + e.getMessage();
            }
            if (System.nanoTime() > deadline) {
                throw new GwrunError("compose", "the new container " + name + " did not pass the probe within " + Up.text(timeout) + ": " + last);
            }
            ctx.cancellation().sleep(Duration.ofMillis(250));
        }
    }

    private static List<String> names(List<Observed.Box> boxes) {
        return boxes.stream().map(Observed.Box::name).toList();
    }

    @SuppressWarnings("unchecked")
    private static List<Object> listOf(Object v) {
        return v instanceof List<?> l ? new ArrayList<>((List<Object>) l) : new ArrayList<>();
    }

    private static Object result(String service, List<Object> old, List<Object> fresh) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("service", service);
        f.put("old", old);
        f.put("new", fresh);
        return new DockerObject(RESULT, f, "rollout " + service + ": " + old + " → " + fresh);
    }
}
