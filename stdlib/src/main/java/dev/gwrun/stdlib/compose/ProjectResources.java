package dev.gwrun.stdlib.compose;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Network.Ipam;
import dev.gwrun.runtime.GwrunError;
import dev.gwrun.stdlib.compose.model.Mount;
import dev.gwrun.stdlib.compose.model.Network;
import dev.gwrun.stdlib.compose.model.Project;
import dev.gwrun.stdlib.compose.model.Service;
import dev.gwrun.stdlib.compose.model.Volume;
import dev.gwrun.stdlib.docker.Calls;
import dev.gwrun.stdlib.docker.Engine;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * A project's networks and named volumes: created (labelled as Compose labels them) when the services
 * being started need them and they do not exist yet; external ones must exist and are never created or
 * removed.
 */
final class ProjectResources {
    private ProjectResources() {}

    /** The top-level network keys the services join. */
    static Set<String> networks(Collection<Service> services) {
        Set<String> keys = new LinkedHashSet<>();
        for (Service s : services) if (s.networkMode() == null) keys.addAll(s.networks().keySet());
        return keys;
    }

    /** The top-level volume keys the services mount. */
    static Set<String> volumes(Project p, Collection<Service> services) {
        Set<String> keys = new LinkedHashSet<>();
        for (Service s : services) {
            for (Mount m : s.volumes()) {
                if ("volume".equals(m.type()) && m.source() != null && p.volumes().containsKey(m.source())) keys.add(m.source());
            }
        }
        return keys;
    }

    /** Creates what is missing; returns what was created, as "network x" / "volume y". */
    static List<String> ensure(Ops ops, Project p, Collection<Service> services) {
        List<String> created = new ArrayList<>();
        for (String key : networks(services)) {
            Network n = p.networks().get(key);
            if (n == null) throw new GwrunError("compose", "a service joins network '" + key + "', which the project does not define");
            if (!missing("network", n.name(), networkExists(ops, n.name()), n.external())) continue;
            Map<String, String> labels = labels(p, n.labels(), Names.NETWORK, key);
            ops.on("network '" + n.name() + "'", "create", () -> {
                // A JSON tree, like docker.run's create: docker-java's CreateNetworkCmd codec costs a cold JVM some 10 ms.
                ObjectNode body = Engine.json().createObjectNode();
                body.put("Name", n.name()).put("Driver", n.driver() == null ? "bridge" : n.driver()).put("CheckDuplicate", true)
                        .put("Internal", n.internal()).put("Attachable", n.attachable());
                labels.forEach(body.putObject("Labels")::put);
                if (!n.driverOpts().isEmpty()) n.driverOpts().forEach(body.putObject("Options")::put);
                if (n.enableIpv6() != null) body.put("EnableIPv6", n.enableIpv6());
                Ipam ipam = ipam(n.ipam());
                if (ipam != null) body.set("IPAM", Engine.json().valueToTree(ipam));
                return ops.engine().post("/networks/create", body);
            });
            created.add(created(ops, "network", n.name()));
        }
        for (String key : volumes(p, services)) {
            Volume v = p.volumes().get(key);
            if (!missing("volume", v.name(), volumeExists(ops, v.name()), v.external())) continue;
            Map<String, String> labels = labels(p, v.labels(), Names.VOLUME, key);
            ops.on("volume '" + v.name() + "'", "create", () -> {
                var cmd = ops.d.createVolumeCmd().withName(v.name()).withLabels(labels);
                if (v.driver() != null) cmd.withDriver(v.driver());
                if (!v.driverOpts().isEmpty()) cmd.withDriverOpts(v.driverOpts());
                return cmd.exec();
            });
            created.add(created(ops, "volume", v.name()));
        }
        return created;
    }

    /** Whether a network or volume is to be created: not when it exists; an error when the file says it is external. */
    private static boolean missing(String kind, String name, boolean exists, boolean external) {
        if (exists) return false;
        if (external) {
            throw new GwrunError("compose", kind + " '" + name + "' is declared external but does not exist (create it first, e.g. docker."
                    + kind + "_create(\"" + name + "\"))");
        }
        return true;
    }

    /** The file's labels with those that mark a network or volume ({@code which}: its key's label) as the project's. */
    private static Map<String, String> labels(Project p, Map<String, String> own, String which, String key) {
        Map<String, String> labels = new LinkedHashMap<>(own);
        labels.put(Names.PROJECT, p.name());
        labels.put(which, key);
        labels.put(Names.VERSION, Names.COMPOSE_VERSION);
        return labels;
    }

    private static String created(Ops ops, String kind, String name) {
        ops.log(kind + " " + name + " created");
        return kind + " " + name;
    }

    static boolean networkExists(Ops ops, String name) {
        return ops.on("network '" + name + "'", "inspect", () -> Calls.found(() -> ops.engine().get("/networks/" + Engine.enc(name))));
    }

    static boolean volumeExists(Ops ops, String name) {
        return ops.on("volume '" + name + "'", "inspect", () -> Calls.found(() -> ops.d.inspectVolumeCmd(name).exec()));
    }

    /** Removes the project's own networks (not external ones); returns their names. */
    static List<String> removeNetworks(Ops ops, Project p) {
        List<String> own = p.networks().values().stream().filter(n -> !n.external()).map(Network::name).toList();
        return removeEach(ops, "network", own, name -> {
            var info = ops.d.inspectNetworkCmd().withNetworkId(name).exec();
            // Only a network of this project: a same-named one made by hand is not ours to remove.
            if (info.getLabels() == null || !p.name().equals(info.getLabels().get(Names.PROJECT))) return false;
            if (info.getContainers() != null && !info.getContainers().isEmpty()) {
                List<String> users = new ArrayList<>();
                info.getContainers().values().forEach(c -> users.add(c.getName()));
                ops.log("network " + name + " kept: containers outside the project still use it (" + String.join(", ", users) + ")");
                return false;
            }
            ops.d.removeNetworkCmd(name).exec();
            return true;
        });
    }

    /** Removes the project's own named volumes (not external ones); returns their names. */
    static List<String> removeVolumes(Ops ops, Project p) {
        List<String> own = p.volumes().values().stream().filter(v -> !v.external()).map(Volume::name).toList();
        return removeEach(ops, "volume", own, name -> {
            var info = ops.d.inspectVolumeCmd(name).exec();
            if (info.getLabels() == null || !p.name().equals(info.getLabels().get(Names.PROJECT))) return false;
            ops.d.removeVolumeCmd(name).exec();
            return true;
        });
    }

    /**
     * Runs {@code removal} on each name (true: removed; false: kept, not the project's; a 404: already gone)
     * and returns the names it removed, each logged.
     */
    private static List<String> removeEach(Ops ops, String kind, List<String> names, Predicate<String> removal) {
        List<String> removed = new ArrayList<>();
        for (String name : names) {
            boolean gone = ops.on(kind + " '" + name + "'", "remove", () -> {
                try {
                    return removal.test(name);
                } catch (NotFoundException e) {
                    return false;
                }
            });
            if (gone) {
                ops.log(kind + " " + name + " removed");
                removed.add(name);
            }
        }
        return removed;
    }

    @SuppressWarnings("unchecked")
    private static Ipam ipam(Map<String, Object> ipam) {
        if (ipam == null || ipam.isEmpty()) return null;
        Ipam out = new Ipam();
        if (ipam.get("driver") != null) out.withDriver(String.valueOf(ipam.get("driver")));
        List<Ipam.Config> configs = new ArrayList<>();
        if (ipam.get("config") instanceof List<?> list) {
            for (Object o : list) {
                if (!(o instanceof Map<?, ?> m)) continue;
                Ipam.Config c = new Ipam.Config();
                if (m.get("subnet") != null) c.withSubnet(String.valueOf(m.get("subnet")));
                if (m.get("gateway") != null) c.withGateway(String.valueOf(m.get("gateway")));
                if (m.get("ip_range") != null) c.withIpRange(String.valueOf(m.get("ip_range")));
                configs.add(c);
            }
        }
        if (!configs.isEmpty()) out.withConfig(configs);
        return out;
    }
}
