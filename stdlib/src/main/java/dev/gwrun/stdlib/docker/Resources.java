package dev.gwrun.stdlib.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectVolumeResponse;
import com.github.dockerjava.api.command.ListNetworksCmd;
import com.github.dockerjava.api.command.ListVolumesCmd;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.InternalServerErrorException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.ContainerNetwork;
import com.github.dockerjava.api.model.Network;
import dev.gwrun.host.Args;
import dev.gwrun.host.CallContext;
import dev.gwrun.host.Type;
import dev.gwrun.runtime.GwrunError;
import dev.gwrun.runtime.Values;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Networks and volumes. Creating one that exists is not an error (it returns the existing one), so
 * a runbook can say "this network must exist" and be rerun safely.
 */
final class Resources {
    static final Type NETWORK_TYPE = Type.object("docker network", Map.of("id", Type.STRING, "name", Type.STRING, "driver", Type.STRING, "labels", Type.MAP));
    static final Type VOLUME_TYPE = Type.object("docker volume", Map.of("name", Type.STRING, "driver", Type.STRING, "mountpoint", Type.STRING, "labels", Type.MAP));

    private Resources() {}

    // ---- networks ----

    static Object networkCreate(Args a, CallContext ctx, Engine engine) {
        String name = a.string("name");
        return Calls.run(ctx, e -> DockerErrors.translate(e, engine, "network '" + name + "'", "create"), attach -> {
            DockerClient d = engine.client();
            Network existing = findNetwork(d, name);
            if (existing != null) return network(existing);
            d.createNetworkCmd().withName(name).withDriver(a.string("driver", "bridge")).withCheckDuplicate(true)
                    .withLabels(strings(a.map("labels"))).exec();
            ctx.log(engine.label() + ": created network " + name);
            return network(d.inspectNetworkCmd().withNetworkId(name).exec());
        });
    }

    static Object networkRm(Args a, CallContext ctx, Engine engine) {
        String name = a.string("name");
        return remove(ctx, engine, "network", name, () -> engine.client().removeNetworkCmd(name).exec(), true, DockerErrors::daemonMessage);
    }

    /**
     * Removes a {@code kind} (image, network, volume) named {@code name}: true when it was there, false when the
     * engine answers 404. When it is in use (409, or 500 too with {@code serverErrorInUse}, as networks answer),
     * the call fails with {@code inUse}'s account of the engine's answer.
     */
    static boolean remove(CallContext ctx, Engine engine, String kind, String name, Runnable remove, boolean serverErrorInUse,
                          Function<DockerException, String> inUse) {
        return Calls.run(ctx, e -> DockerErrors.translate(e, engine, kind + " '" + name + "'", "remove"), attach -> {
            try {
                remove.run();
            } catch (NotFoundException gone) {
                return false;
            } catch (ConflictException | InternalServerErrorException e) {
                if (e instanceof InternalServerErrorException && !serverErrorInUse) throw e;
                throw new GwrunError("docker", "cannot remove " + kind + " '" + name + "': " + inUse.apply(e), null, e);
            }
            ctx.log(engine.label() + ": removed " + kind + " " + name);
            return true;
        });
    }

    static Object networkExists(Args a, CallContext ctx, Engine engine) {
        String name = a.string("name");
        return Calls.run(ctx, e -> DockerErrors.translate(e, engine, "network '" + name + "'", "inspect"),
                attach -> findNetwork(engine.client(), name) != null);
    }

    static Object networks(Args a, CallContext ctx, Engine engine) {
        List<String> labels = Containers.labelFilter(a);
        return Calls.run(ctx, e -> DockerErrors.translate(e, engine, "networks", "list"), attach -> {
            ListNetworksCmd cmd = engine.client().listNetworksCmd();
            if (!labels.isEmpty()) cmd.withFilter("label", labels);
            List<Object> out = new ArrayList<>();
            for (Network n : cmd.exec()) out.add(network(n));
            return out;
        });
    }

    static Object connect(Args a, CallContext ctx, Engine engine) {
        String network = a.string("network");
        String container = a.string("container");
        List<String> aliases = a.list("aliases").stream().map(Values::str).toList();
        return Calls.run(ctx, e -> DockerErrors.translate(e, engine, "container '" + container + "' or network '" + network + "'", "connect"), attach -> {
            var cmd = engine.client().connectToNetworkCmd().withNetworkId(network).withContainerId(container);
            if (!aliases.isEmpty()) cmd.withContainerNetwork(new ContainerNetwork().withAliases(aliases));
            cmd.exec();
            ctx.log(engine.label() + ": connected " + container + " to " + network + (aliases.isEmpty() ? "" : " as " + String.join(", ", aliases)));
            return null;
        });
    }

    static Object disconnect(Args a, CallContext ctx, Engine engine) {
        String network = a.string("network");
        String container = a.string("container");
        return Calls.run(ctx, e -> DockerErrors.translate(e, engine, "container '" + container + "' or network '" + network + "'", "disconnect"), attach -> {
            engine.client().disconnectFromNetworkCmd().withNetworkId(network).withContainerId(container).withForce(a.bool("force", false)).exec();
            ctx.log(engine.label() + ": disconnected " + container + " from " + network);
            return null;
        });
    }

    /** By exact name: the engine's name filter matches substrings, and an id prefix would match too. */
    private static Network findNetwork(DockerClient d, String name) {
        for (Network n : d.listNetworksCmd().withNameFilter(name).exec()) if (name.equals(n.getName()) || name.equals(n.getId())) return n;
        return null;
    }

    private static DockerObject network(Network n) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("id", n.getId());
        f.put("name", n.getName());
        f.put("driver", n.getDriver() == null ? "" : n.getDriver());
        f.put("labels", labels(n.getLabels()));
        return new DockerObject(NETWORK_TYPE, f, "network " + n.getName() + " (" + n.getDriver() + ")");
    }

    // ---- volumes ----

    static Object volumeCreate(Args a, CallContext ctx, Engine engine) {
        String name = a.string("name");
        return Calls.run(ctx, e -> DockerErrors.translate(e, engine, "volume '" + name + "'", "create"), attach -> {
            DockerClient d = engine.client();
            try {
                return volume(d.inspectVolumeCmd(name).exec());
            } catch (NotFoundException absent) {
                // create it below
            }
            d.createVolumeCmd().withName(name).withDriver(a.string("driver", "local")).withLabels(strings(a.map("labels"))).exec();
            ctx.log(engine.label() + ": created volume " + name);
            return volume(d.inspectVolumeCmd(name).exec());
        });
    }

    static Object volumeRm(Args a, CallContext ctx, Engine engine) {
        String name = a.string("name");
        return remove(ctx, engine, "volume", name, () -> engine.client().removeVolumeCmd(name).exec(), false,
                inUse -> "it is in use (" + DockerErrors.daemonMessage(inUse) + ")");
    }

    static Object volumeExists(Args a, CallContext ctx, Engine engine) {
        String name = a.string("name");
        return exists(ctx, engine, "volume", name, () -> engine.client().inspectVolumeCmd(name).exec());
    }

    /** Whether the engine has the {@code kind} named {@code name}: {@code inspect} succeeds, rather than answering 404. */
    static boolean exists(CallContext ctx, Engine engine, String kind, String name, Runnable inspect) {
        return Calls.run(ctx, e -> DockerErrors.translate(e, engine, kind + " '" + name + "'", "inspect"), attach -> Calls.found(inspect));
    }

    static Object volumes(Args a, CallContext ctx, Engine engine) {
        List<String> labels = Containers.labelFilter(a);
        return Calls.run(ctx, e -> DockerErrors.translate(e, engine, "volumes", "list"), attach -> {
            ListVolumesCmd cmd = engine.client().listVolumesCmd();
            if (!labels.isEmpty()) cmd.withFilter("label", labels);
            List<Object> out = new ArrayList<>();
            var r = cmd.exec();
            if (r.getVolumes() != null) for (InspectVolumeResponse v : r.getVolumes()) out.add(volume(v));
            return out;
        });
    }

    private static DockerObject volume(InspectVolumeResponse v) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("name", v.getName());
        f.put("driver", v.getDriver() == null ? "" : v.getDriver());
        f.put("mountpoint", v.getMountpoint() == null ? "" : v.getMountpoint());
        f.put("labels", labels(v.getLabels()));
        return new DockerObject(VOLUME_TYPE, f, "volume " + v.getName());
    }

    private static Map<String, Object> labels(Map<String, String> labels) {
        return labels == null ? new LinkedHashMap<>() : new LinkedHashMap<>(new TreeMap<>(labels));
    }

    private static Map<String, String> strings(Map<String, Object> m) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : m.entrySet()) out.put(e.getKey(), Values.str(e.getValue()));
        return out;
    }
}
