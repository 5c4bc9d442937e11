package dev.gwrun.stdlib.compose;

import dev.gwrun.stdlib.docker.Inspected;
import com.github.dockerjava.api.exception.NotFoundException;
import dev.gwrun.host.CallContext;
import dev.gwrun.host.Type;
import dev.gwrun.stdlib.compose.model.Project;
import dev.gwrun.stdlib.compose.model.Service;
import dev.gwrun.stdlib.docker.Calls;
import dev.gwrun.stdlib.docker.DockerErrors;
import dev.gwrun.stdlib.docker.DockerObject;
import dev.gwrun.stdlib.docker.Engine;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** down, ps, start, stop and restart of a project's containers. */
final class Lifecycle {
    /** A container of a compose project, as compose.ps lists it. */
    static final Type CONTAINER = Type.object("compose container", Map.of(
            "name", Type.STRING, "service", Type.STRING, "number", Type.INT, "state", Type.STRING, "health", Type.STRING,
            "exit_code", Type.INT, "image", Type.STRING, "ports", Type.MAP, "ip", Type.STRING));

    private Lifecycle() {}

    static Object down(ComposeProject project, boolean volumes, boolean removeOrphans, Integer timeout, CallContext ctx, Engine engine) {
        Project p = project.project();
        Ops ops = new Ops(ctx, engine);
        return Calls.run(ctx, e -> DockerErrors.translate(e, engine, "project '" + p.name() + "'", "take down"), attach -> {
            List<Observed.Box> all = Observed.containers(ops.engine(), p.name());
            // Dependents first: the reverse of the start order.
            List<String> order = new ArrayList<>(Graph.ordered(allServices(p), "compose.down").keySet());
            Collections.reverse(order);
            List<Object> removed = new ArrayList<>();
            List<Observed.Box> todo = new ArrayList<>();
            for (String s : order) for (Observed.Box b : all) if (b.service().equals(s)) todo.add(b);
            for (Observed.Box b : all) {
                if (!todo.contains(b) && (removeOrphans || b.oneoff())) todo.add(b);
            }
            for (Observed.Box b : todo) {
                ops.stopAndRemove(b.id(), b.name(), Ops.grace(project.service(b.service()), timeout), volumes);
                ops.log("removed " + b.name());
                removed.add(b.name());
            }
            ProjectResources.removeNetworks(ops, p);
            if (volumes) ProjectResources.removeVolumes(ops, p);
            return removed;
        });
    }

    /** What down would remove, reading only. */
    static String previewDown(ComposeProject project, boolean volumes, boolean removeOrphans, Ops ops) {
        Project p = project.project();
        Map<String, Service> all = allServices(p);
        List<String> parts = new ArrayList<>();
        for (Observed.Box b : Observed.containers(ops.engine(), p.name())) {
            if (all.containsKey(b.service()) || b.oneoff() || removeOrphans) parts.add(b.name());
        }
        for (var n : p.networks().values()) {
            if (!n.external() && ProjectResources.networkExists(ops, n.name())) parts.add("network " + n.name());
        }
        if (volumes) {
            for (var v : p.volumes().values()) {
                if (!v.external() && ProjectResources.volumeExists(ops, v.name())) parts.add("volume " + v.name());
            }
        }
        return parts.isEmpty() ? "would remove nothing" : "would remove " + String.join(", ", parts);
    }

    static Map<String, Service> allServices(Project p) {
        Map<String, Service> all = new LinkedHashMap<>(p.services());
        p.disabledServices().forEach(all::putIfAbsent);
        return all;
    }

    static Object ps(ComposeProject project, List<String> services, boolean all, CallContext ctx, Engine engine) {
        Project p = project.project();
        for (String s : services) Graph.service(project, s, "compose.ps");
        return Calls.run(ctx, e -> DockerErrors.translate(e, engine, "project '" + p.name() + "'", "list"), attach -> {
            Ops ops = new Ops(ctx, engine);
            List<Object> out = new ArrayList<>();
            List<String> order = new ArrayList<>(allServices(p).keySet());
            List<Observed.Box> boxes = new ArrayList<>(Observed.containers(ops.engine(), p.name()));
            boxes.removeIf(b -> b.oneoff() || !services.isEmpty() && !services.contains(b.service()) || !all && !b.running());
            boxes.sort((a, b) -> {
                int ia = order.indexOf(a.service()), ib = order.indexOf(b.service());
                return ia != ib ? Integer.compare(ia < 0 ? 1 << 20 : ia, ib < 0 ? 1 << 20 : ib) : Integer.compare(a.number(), b.number());
            });
            for (Observed.Box b : boxes) {
                try {
                    out.add(view(Inspected.of(ops.engine(), b.id()), b));
                } catch (NotFoundException gone) {
                    // removed since the listing
                }
            }
            return out;
        });
    }

    static DockerObject view(Inspected c, Observed.Box b) {
        String state = c.status() == null ? "unknown" : c.status();
        String health = c.health() == null || c.health().status() == null ? "none" : c.health().status();
        long exit = c.exitCode() == null ? 0 : c.exitCode();
        String image = c.image() == null ? "" : c.image();
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("name", b.name());
        f.put("service", b.service());
        f.put("number", (long) b.number());
        f.put("state", state);
        f.put("health", health);
        f.put("exit_code", exit);
        f.put("image", image);
        f.put("ports", new LinkedHashMap<>(c.ports()));
        f.put("ip", c.ip());
        return new DockerObject(CONTAINER, f, b.name() + " " + state + (health.equals("none") ? "" : " (" + health + ")")
                + (state.equals("exited") ? " exit code " + exit : "") + " " + image);
    }

    /** start, stop or restart the services' containers; returns their names. Start goes in dependency order, stop in reverse. */
    static Object change(String verb, ComposeProject project, List<String> services, Integer timeout, CallContext ctx, Engine engine) {
        return change(verb, project, services, timeout, false, ctx, engine);
    }

    /**
     * start, stop, restart or rm ({@code docker compose rm -sf}: stop if running, then remove) the services'
     * containers, one-offs left alone; returns their names. Start goes in dependency order, stop and rm in reverse.
     */
    static Object change(String verb, ComposeProject project, List<String> services, Integer timeout, boolean volumes,
                         CallContext ctx, Engine engine) {
        Project p = project.project();
        Map<String, Service> selected = services.isEmpty() ? Graph.ordered(allServices(p), "compose." + verb)
                : Graph.select(project, services, true, "compose." + verb);
        List<String> order = new ArrayList<>(selected.keySet());
        if (verb.equals("stop") || verb.equals("rm")) Collections.reverse(order);
        return Calls.run(ctx, e -> DockerErrors.translate(e, engine, "project '" + p.name() + "'", verb), attach -> {
            Ops ops = new Ops(ctx, engine);
            List<Observed.Box> all = Observed.containers(ops.engine(), p.name());
            List<Object> out = new ArrayList<>();
            for (String s : order) {
                for (Observed.Box b : all) {
                    if (b.oneoff() || !b.service().equals(s)) continue;
                    Integer grace = Ops.grace(selected.get(s), timeout);
                    switch (verb) {
                        case "start" -> {
                            if (b.state().equals("running")) continue;
                            ops.start(b.id(), b.name(), false);
                            ops.log("started " + b.name());
                        }
                        case "stop" -> {
                            if (!b.running() && !b.state().equals("paused")) continue;
                            ops.stop(b.id(), b.name(), grace);
                            ops.log("stopped " + b.name());
                        }
                        case "rm" -> {
                            ops.stopAndRemove(b.id(), b.name(), grace, volumes);
                            ops.log("removed " + b.name());
                        }
                        default -> {
                            ops.on("container '" + b.name() + "'", "restart", () -> {
                                var cmd = ops.d.restartContainerCmd(b.id());
                                if (grace != null) cmd.withTimeout(grace);
                                cmd.exec();
                                return null;
                            });
                            ops.log("restarted " + b.name());
                        }
                    }
                    out.add(b.name());
                }
            }
            return out;
        });
    }
}
