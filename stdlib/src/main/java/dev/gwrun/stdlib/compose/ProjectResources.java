package dev.gwrun.stdlib.compose;

import com.github.dockerjava.api.command.CreateNetworkCmd;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Network.Ipam;
import dev.gwrun.runtime.GwrunError;
import dev.gwrun.stdlib.compose.model.Mount;
import dev.gwrun.stdlib.compose.model.Network;
import dev.gwrun.stdlib.compose.model.Project;
import dev.gwrun.stdlib.compose.model.Service;
import dev.gwrun.stdlib.compose.model.Volume;
import dev.gwrun.stdlib.docker.Calls;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

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
            if (networkExists(ops, n.name())) continue;
            if (n.external()) {
                throw new GwrunError("compose", "network '" + n.name() + "' is declared external but does not exist (create it first, e.g. docker.network_create(\"" + n.name() + "\"))");
            }
            Map<String, String> labels = new LinkedHashMap<>(n.labels());
            labels.put(Names.PROJECT, p.name());
            labels.put(Names.NETWORK, key);
            labels.put(Names.VERSION, Names.COMPOSE_VERSION);
            ops.on("network '" + n.name() + "'", "create", () -> {
                CreateNetworkCmd cmd = ops.d.createNetworkCmd().withName(n.name()).withDriver(n.driver() == null ? "bridge" : n.driver())
                        .withCheckDuplicate(true).withLabels(labels).withInternal(n.internal()).withAttachable(n.attachable());
                if (!n.driverOpts().isEmpty()) cmd.withOptions(n.driverOpts());
                if (n.enableIpv6() != null) cmd.withEnableIpv6(n.enableIpv6());
                Ipam ipam = ipam(n.ipam());
                if (ipam != null) cmd.withIpam(ipam);
                return cmd.exec();
            });
            ops.log("network " + n.name() + " created");
            created.add("network " + n.name());
        }
        for (String key : volumes(p, services)) {
            Volume v = p.volumes().get(key);
            if (volumeExists(ops, v.name())) continue;
            if (v.external()) {
                throw new GwrunError("compose", "volume '" + v.name() + "' is declared external but does not exist (create it first, e.g. docker.volume_create(\"" + v.name() + "\"))");
            }
            Map<String, String> labels = new LinkedHashMap<>(v.labels());
            labels.put(Names.PROJECT, p.name());
            labels.put(Names.VOLUME, key);
            labels.put(Names.VERSION, Names.COMPOSE_VERSION);
            ops.on("volume '" + v.name() + "'", "create", () -> {
                var cmd = ops.d.createVolumeCmd().withName(v.name()).withLabels(labels);
                if (v.driver() != null) cmd.withDriver(v.driver());
                if (!v.driverOpts().isEmpty()) cmd.withDriverOpts(v.driverOpts());
                return cmd.exec();
            });
            ops.log("volume " + v.name() + " created");
            created.add("volume " + v.name());
        }
        return created;
    }

    static boolean networkExists(Ops ops, String name) {
        return ops.on("network '" + name + "'", "inspect", () -> Calls.found(() -> ops.d.inspectNetworkCmd().withNetworkId(name).exec()));
    }

    static boolean volumeExists(Ops ops, String name) {
        return ops.on("volume '" + name + "'", "inspect", () -> Calls.found(() -> ops.d.inspectVolumeCmd(name).exec()));
    }

    /** Removes the project's own networks (not external ones); returns their names. */
    static List<String> removeNetworks(Ops ops, Project p) {
        List<String> removed = new ArrayList<>();
        for (Network n : p.networks().values()) {
            if (n.external()) continue;
            boolean gone = ops.on("network '" + n.name() + "'", "remove", () -> {
                try {
                    var info = ops.d.inspectNetworkCmd().withNetworkId(n.name()).exec();
                    // Only a network of this project: a same-named one made by hand is not ours to remove.
                    if (info.getLabels() == null || !p.name().equals(info.getLabels().get(Names.PROJECT))) return false;
                    if (info.getContainers() != null && !info.getContainers().isEmpty()) {
                        List<String> users = new ArrayList<>();
                        info.getContainers().values().forEach(c -> users.add(c.getName()));
                        ops.log("network " + n.name() + " kept: containers outside the project still use it (" + String.join(", ", users) + ")");
                        return false;
                    }
                    ops.d.removeNetworkCmd(n.name()).exec();
                    return true;
                } catch (NotFoundException e) {
                    return false;
                }
            });
            if (gone) {
                ops.log("network " + n.name() + " removed");
                removed.add(n.name());
            }
        }
        return removed;
    }

    /** Removes the project's own named volumes (not external ones); returns their names. */
    static List<String> removeVolumes(Ops ops, Project p) {
        List<String> removed = new ArrayList<>();
        for (Volume v : p.volumes().values()) {
            if (v.external()) continue;
            boolean gone = ops.on("volume '" + v.name() + "'", "remove", () -> {
                try {
                    var info = ops.d.inspectVolumeCmd(v.name()).exec();
                    if (info.getLabels() == null || !p.name().equals(info.getLabels().get(Names.PROJECT))) return false;
                    ops.d.removeVolumeCmd(v.name()).exec();
                    return true;
                } catch (NotFoundException e) {
                    return false;
                }
            });
            if (gone) {
                ops.log("volume " + v.name() + " removed");
                removed.add(v.name());
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
