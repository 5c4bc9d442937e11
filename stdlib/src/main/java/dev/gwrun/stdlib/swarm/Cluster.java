package dev.gwrun.stdlib.swarm;

import com.github.dockerjava.api.model.LocalNodeState;
import com.github.dockerjava.api.model.Swarm;
import com.github.dockerjava.api.model.SwarmInfo;
import com.github.dockerjava.api.model.SwarmNode;
import com.github.dockerjava.api.model.SwarmSpec;
import dev.gwrun.host.Type;
import dev.gwrun.runtime.GwrunError;
import dev.gwrun.stdlib.docker.DockerObject;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The cluster functions: init, join, leave, nodes. */
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
        if (active(info)) return view(ops, info, false);
        ops.ctx.registerSecret(token);
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
        for (SwarmNode n : ops.d.listSwarmNodesCmd().exec()) {
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("id", n.getId());
            f.put("hostname", n.getDescription() == null ? "" : n.getDescription().getHostname());
            f.put("role", n.getSpec() == null || n.getSpec().getRole() == null ? "" : n.getSpec().getRole().name().toLowerCase());
            f.put("availability", n.getSpec() == null || n.getSpec().getAvailability() == null ? "" : n.getSpec().getAvailability().name().toLowerCase());
            f.put("state", n.getStatus() == null || n.getStatus().getState() == null ? "" : n.getStatus().getState().name().toLowerCase());
            f.put("addr", n.getStatus() == null || n.getStatus().getAddress() == null ? "" : n.getStatus().getAddress());
            f.put("leader", n.getManagerStatus() != null && Boolean.TRUE.equals(n.getManagerStatus().isLeader()));
            f.put("labels", new LinkedHashMap<String, Object>(n.getSpec() == null || n.getSpec().getLabels() == null ? Map.of() : n.getSpec().getLabels()));
            out.add(new DockerObject(NODE_TYPE, f, "node " + f.get("hostname") + " (" + f.get("role") + ", " + f.get("state") + ")"));
        }
        return out;
    }
}
