package dev.gwrun.stdlib.swarm;

import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.LocalNodeState;
import com.github.dockerjava.api.model.Swarm;
import com.github.dockerjava.api.model.SwarmInfo;
import com.github.dockerjava.api.model.SwarmNode;
import com.github.dockerjava.api.model.SwarmNodeAvailability;
import com.github.dockerjava.api.model.SwarmNodeSpec;
import com.github.dockerjava.api.model.SwarmSpec;
import com.github.dockerjava.api.model.Task;
import com.github.dockerjava.api.model.TaskState;
import com.github.dockerjava.transport.DockerHttpClient;
import dev.gwrun.host.Type;
import dev.gwrun.runtime.GwrunError;
import dev.gwrun.runtime.Values;
import dev.gwrun.stdlib.docker.DockerObject;
import dev.gwrun.stdlib.docker.Engine;
import dev.gwrun.stdlib.docker.Wakeups;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The cluster functions: init, join, leave, nodes, drain, activate. */
final class Cluster {
    static final Type SWARM_TYPE = Type.object("swarm", Map.of(
            "node_id", Type.STRING, "created", Type.BOOL, "manager", Type.BOOL, "worker_token", Type.STRING, "manager_token", Type.STRING));
    static final Type NODE_TYPE = Type.object("swarm node", Map.of(
            "id", Type.STRING, "hostname", Type.STRING, "role", Type.STRING, "availability", Type.STRING, "state", Type.STRING,
            "addr", Type.STRING, "leader", Type.BOOL, "labels", Type.MAP));

    private Cluster() {}

    static SwarmInfo info(SwarmOps ops) {
        return ops.d.infoCmd().exec().getSwarm();
    }

    static boolean active(SwarmInfo s) {
        return s != null && s.getLocalNodeState() == LocalNodeState.ACTIVE;
    }

    /**
     * Makes the engine a swarm manager ({@code docker swarm init}); nothing to do when it is part of a swarm. The
     * join tokens come back (masked in every log) when the engine is a manager.
     */
    static Object init(SwarmOps ops, String advertise, String listen) {
        SwarmInfo info = info(ops);
        boolean created = false;
        if (!active(info)) {
            if (info != null && info.getLocalNodeState() != LocalNodeState.INACTIVE) {
                throw new GwrunError("swarm", "the engine's swarm state is " + info.getLocalNodeState().getValue()
                        + (info.getError() == null || info.getError().isBlank() ? "" : " (" + info.getError() + ")"));
            }
            var cmd = ops.d.initializeSwarmCmd(new SwarmSpec());
            if (advertise != null) cmd.withAdvertiseAddr(advertise);
            if (listen != null) cmd.withListenAddr(listen);
            cmd.exec();
            created = true;
            info = info(ops);
        }
        return view(ops, info, created);
    }

    private static DockerObject view(SwarmOps ops, SwarmInfo info, boolean created) {
        boolean manager = Boolean.TRUE.equals(info.getControlAvailable());
        String worker = "";
        String managerToken = "";
        if (manager) {
            Swarm sw = ops.d.inspectSwarmCmd().exec();
            if (sw.getJoinTokens() != null) {
                worker = sw.getJoinTokens().getWorker();
                managerToken = sw.getJoinTokens().getManager();
                ops.ctx.registerSecret(worker);
                ops.ctx.registerSecret(managerToken);
            }
        }
        if (created) ops.log("initialised a swarm; this engine is its manager (node " + info.getNodeID() + ", " + info.getNodeAddr() + ")");
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("node_id", info.getNodeID());
        f.put("created", created);
        f.put("manager", manager);
        f.put("worker_token", worker);
        f.put("manager_token", managerToken);
        return new DockerObject(SWARM_TYPE, f, "swarm node " + info.getNodeID() + (manager ? " (manager)" : " (worker)"));
    }

    /** {@code docker swarm join}: nothing to do when the engine is already part of a swarm. */
    static Object join(SwarmOps ops, String remote, String token, String advertise, String listen) {
        SwarmInfo info = info(ops);
        ops.ctx.registerSecret(token);
        if (active(info)) {
            // Nothing to do only if it is this swarm: joined to another one, it would stay there while the runbook went on.
            List<String> managers = new ArrayList<>();
            if (info.getRemoteManagers() != null) info.getRemoteManagers().forEach(m -> managers.add(m.getAddr()));
            if (managers.contains(remote) || managers.contains(remote + ":2377")) return view(ops, info, false);
            throw new GwrunError("swarm", "the engine is part of another swarm already (its managers: " + String.join(", ", managers)
                    + "), not of " + remote + "'s: leave it first (swarm.leave)");
        }
        var cmd = ops.d.joinSwarmCmd().withRemoteAddrs(List.of(remote)).withJoinToken(token);
        if (advertise != null) cmd.withAdvertiseAddr(advertise);
        if (listen != null) cmd.withListenAddr(listen);
        cmd.exec();
        ops.log("joined the swarm of " + remote);
        return view(ops, info(ops), false);
    }

    /** {@code docker swarm leave}; true if the engine was part of a swarm. */
    static Object leave(SwarmOps ops, boolean force) {
        if (!active(info(ops))) return false;
        ops.d.leaveSwarmCmd().withForceEnabled(force).exec();
        ops.log("left the swarm");
        return true;
    }

    static Object nodes(SwarmOps ops) {
        List<Object> out = new ArrayList<>();
        for (SwarmNode n : ops.d.listSwarmNodesCmd().exec()) out.add(nodeView(n));
        return out;
    }

    /** The node by id, id prefix or hostname (as {@code docker node inspect} takes it), or a one-line error naming it. */
    static SwarmNode node(SwarmOps ops, String idOrName) {
        try {
            return Engine.json().readValue(ops.request(DockerHttpClient.Request.Method.GET, "/nodes/" + SwarmOps.enc(idOrName), null), SwarmNode.class);
        } catch (NotFoundException e) {
            throw new GwrunError("swarm", "no node '" + idOrName + "' in the swarm (swarm.nodes() lists them)");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * {@code docker node update --availability drain}, waited for: the node's tasks shut down and every service that
     * had one there runs all its tasks again on other nodes; fails fast, as a deploy does, when no other node fits one.
     */
    static Object drain(SwarmOps ops, String idOrName, Duration timeout) throws InterruptedException {
        SwarmNode n = node(ops, idOrName);
        String label = label(n);
        Map<String, Converge.Before> services = new LinkedHashMap<>();
        java.util.Set<String> moving = new java.util.HashSet<>();
        for (Task t : nodeTasks(ops, n.getId(), true)) {
            services.computeIfAbsent(t.getServiceId(), id -> Converge.Before.of(ops.d.inspectServiceCmd(id).exec()));
            moving.add(t.getId());
        }
        if (availability(ops, n, SwarmNodeAvailability.DRAIN)) {
            ops.log("draining node " + label + (services.isEmpty() ? " (no tasks on it)" : " (tasks of " + services.size()
                    + (services.size() == 1 ? " service" : " services") + " to move)"));
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Wakeups wakeups = ops.wakeups()) {
            while (true) {
                List<Task> left = new ArrayList<>();
                for (Task t : nodeTasks(ops, n.getId(), false)) {
                    TaskState st = t.getStatus() == null ? null : t.getStatus().getState();
                    if (st != null && st.ordinal() <= TaskState.RUNNING.ordinal()) left.add(t);
                }
                if (left.isEmpty()) break;
                if (System.nanoTime() > deadline) {
                    throw new GwrunError("swarm", "node " + label + " still has " + left.size() + " running task(s) after " + Values.repr(timeout));
                }
                ops.ctx.describeResult("node " + label + ": " + left.size() + " task(s) still running");
                wakeups.await(ops.ctx.cancellation(), Duration.ofMillis(500));
            }
        }
        for (Map.Entry<String, Converge.Before> e : services.entrySet()) {
            try {
                Converge.await(ops, e.getKey(), e.getValue(), Duration.ofNanos(Math.max(0, deadline - System.nanoTime())), true, moving);
            } catch (NotFoundException gone) {
                // removed meanwhile
            }
        }
        ops.log("drained node " + label);
        return nodeView(node(ops, n.getId()));
    }

    /** {@code docker node update --availability active}: the node takes new tasks again (Swarm moves none back by itself). */
    static Object activate(SwarmOps ops, String idOrName) {
        SwarmNode n = node(ops, idOrName);
        if (availability(ops, n, SwarmNodeAvailability.ACTIVE)) ops.log("activated node " + label(n));
        return nodeView(node(ops, n.getId()));
    }

    /** Sets the node's availability; false if it had it already. */
    private static boolean availability(SwarmOps ops, SwarmNode n, SwarmNodeAvailability a) {
        SwarmNodeSpec spec = n.getSpec();
        if (spec.getAvailability() == a) return false;
        ops.d.updateSwarmNodeCmd().withSwarmNodeId(n.getId()).withVersion(n.getVersion().getIndex()).withSwarmNodeSpec(spec.withAvailability(a)).exec();
        return true;
    }

    /** The node's tasks: those Swarm means to run, or all it still knows of (whose containers may still run). */
    private static List<Task> nodeTasks(SwarmOps ops, String nodeId, boolean meantToRun) {
        var cmd = ops.d.listTasksCmd().withNodeFilter(nodeId);
        if (meantToRun) cmd.withStateFilter(TaskState.RUNNING);
        return cmd.exec();
    }

    private static String label(SwarmNode n) {
        String host = n.getDescription() == null ? null : n.getDescription().getHostname();
        return host == null ? n.getId() : host + " (" + n.getId().substring(0, Math.min(12, n.getId().length())) + ")";
    }

    static DockerObject nodeView(SwarmNode n) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("id", n.getId());
        f.put("hostname", n.getDescription() == null ? "" : n.getDescription().getHostname());
        f.put("role", n.getSpec() == null || n.getSpec().getRole() == null ? "" : n.getSpec().getRole().name().toLowerCase());
        f.put("availability", n.getSpec() == null || n.getSpec().getAvailability() == null ? "" : n.getSpec().getAvailability().name().toLowerCase());
        f.put("state", n.getStatus() == null || n.getStatus().getState() == null ? "" : n.getStatus().getState().name().toLowerCase());
        f.put("addr", n.getStatus() == null || n.getStatus().getAddress() == null ? "" : n.getStatus().getAddress());
        f.put("leader", n.getManagerStatus() != null && Boolean.TRUE.equals(n.getManagerStatus().isLeader()));
        f.put("labels", new LinkedHashMap<String, Object>(n.getSpec() == null || n.getSpec().getLabels() == null ? Map.of() : n.getSpec().getLabels()));
        return new DockerObject(NODE_TYPE, f, "node " + f.get("hostname") + " (" + f.get("role") + ", " + f.get("availability") + ", " + f.get("state") + ")");
    }
}
