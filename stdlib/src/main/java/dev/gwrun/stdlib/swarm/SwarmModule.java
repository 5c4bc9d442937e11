package dev.gwrun.stdlib.swarm;

import dev.gwrun.host.Args;
import dev.gwrun.host.CallContext;
import dev.gwrun.host.Effect;
import dev.gwrun.host.HostFunction;
import dev.gwrun.host.HostModule;
import dev.gwrun.host.ParamSpec;
import dev.gwrun.host.PlanPreview;
import dev.gwrun.host.Signature;
import dev.gwrun.host.Type;
import dev.gwrun.runtime.GwrunError;
import dev.gwrun.runtime.Values;
import dev.gwrun.stdlib.compose.ComposeProject;
import dev.gwrun.stdlib.docker.Calls;
import dev.gwrun.stdlib.docker.Engine;
import dev.gwrun.stdlib.docker.Engines;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.gwrun.host.ParamSpec.optional;
import static dev.gwrun.host.ParamSpec.required;

/**
 * The {@code swarm} module: the Compose projects of the compose module deployed as Docker Swarm stacks, the way
 * {@code docker stack deploy} maps them, through docker-java's swarm commands. Unlike {@code docker stack deploy}
 * it waits for convergence (every task of the new spec running and healthy, the update completed) and fails fast
 * with the reason: a task error (no such image, starting container failed, unhealthy), a task no node fits, an
 * update paused or rolled back.
 *
 * <pre>
 * let app = compose.project("compose.yml")
 * swarm.deploy(app, stack: "shop")                              // converged, or why not
 * swarm.update("shop_api", image: "ghostworks/api:${sha}")      // a rolling update; a rollback is a failure
 * swarm.run(app, "api", ["alembic", "upgrade", "head"], stack: "shop")
 * </pre>
 *
 * Every function takes {@code engine:} as the docker module does (a manager of the swarm). Reads are
 * {@link Effect#READ}; changes are {@link Effect#CHANGE} and log one line per change
 * ({@code swarm: created service shop_api (image …, 3 replicas)}).
 */
public final class SwarmModule implements HostModule {
    private static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(5);

    @Override public String name() { return "swarm"; }

    @Override public String doc() { return "Compose projects as Docker Swarm stacks: deploy and wait for convergence, rolling updates, rollbacks, one-off tasks."; }

    @Override
    public List<HostFunction> functions() {
        ParamSpec service = required("service", Type.STRING, "the service: <stack>_<service> as Swarm names it, or its id");
        ParamSpec timeout = optional("timeout", Type.DURATION, "how long convergence may take (default 5m)");
        List<ParamSpec> updateKeys = List.of(
                optional("parallelism", Type.INT, "tasks updated at once (0: all)"),
                optional("delay", Type.DURATION, "wait between updating groups of tasks"),
                optional("order", Type.STRING, "stop-first or start-first"),
                optional("failure_action", Type.STRING, "pause, continue or rollback"),
                optional("monitor", Type.DURATION, "how long after each task update to watch for a failure"),
                optional("max_failure_ratio", Type.FLOAT, "failure rate tolerated during the update (0 to 1)"));
        List<ParamSpec> update = new ArrayList<>(List.of(service,
                optional("image", Type.STRING, "the new image"),
                optional("env", Type.MAP, "environment variables to set (a null value removes one)"),
                optional("force", Type.BOOL, "replace the tasks even if nothing changed")));
        update.addAll(updateKeys);
        update.add(timeout);
        return List.of(
                fn("init", Effect.CHANGE, Cluster.SWARM_TYPE, "Makes the engine a swarm manager (docker swarm init); nothing to do if it is in a swarm. "
                                + "Returns {node_id, created, manager, worker_token, manager_token}; the tokens are masked in logs.",
                        (a, o) -> Cluster.init(o, a.string("advertise_addr", null), a.string("listen_addr", null)),
                        optional("advertise_addr", Type.STRING, "the address other nodes reach this one at, e.g. 10.0.0.5"),
                        optional("listen_addr", Type.STRING, "where the manager listens (default 0.0.0.0:2377)")),
                fn("join", Effect.CHANGE, Cluster.SWARM_TYPE, "Joins the engine to a swarm (docker swarm join); nothing to do if it is in one.",
                        (a, o) -> Cluster.join(o, a.string("remote"), a.string("token"), a.string("advertise_addr", null), a.string("listen_addr", null)),
                        required("remote", Type.STRING, "a manager's address, host:2377"),
                        required("token", Type.STRING, "the worker or manager join token from swarm.init"),
                        optional("advertise_addr", Type.STRING, "the address other nodes reach this one at"),
                        optional("listen_addr", Type.STRING, "where this node listens")),
                fn("leave", Effect.CHANGE, Type.BOOL, "Leaves the swarm (docker swarm leave); true if the engine was in one. A manager needs force: true.",
                        (a, o) -> Cluster.leave(o, a.bool("force", false)), optional("force", Type.BOOL, "leave even as the last manager")),
                fn("nodes", Effect.READ, Type.LIST, "The swarm's nodes: {id, hostname, role, availability, state, addr, leader, labels}.",
                        (a, o) -> Cluster.nodes(o)),
                fn("drain", Effect.CHANGE, Cluster.NODE_TYPE, "Drains a node (docker node update --availability drain) and waits until its tasks "
                                + "run on other nodes; fails fast when no other node fits one. Returns the node.",
                        (a, o) -> Cluster.drain(o, a.string("node"), a.duration("timeout", DEFAULT_TIMEOUT)),
                        required("node", Type.STRING, "the node: its id or hostname"),
                        optional("timeout", Type.DURATION, "how long moving its tasks may take (default 5m)")),
                fn("activate", Effect.CHANGE, Cluster.NODE_TYPE, "Makes a drained or paused node take tasks again (docker node update --availability active); "
                                + "Swarm moves no running task back by itself. Returns the node.",
                        (a, o) -> Cluster.activate(o, a.string("node")), required("node", Type.STRING, "the node: its id or hostname")),
                previewed(fn("distribute_image", Effect.CHANGE, Type.LIST, "Copies a local image from this engine to other nodes' engines with no registry "
                                + "(docker save | docker load), to each one that lacks it; returns {engine, image, id, loaded} per engine.",
                        (a, o) -> Distribute.image(o, a.string("image"), a.list("to")),
                        required("image", Type.STRING, "the image, e.g. ghostworks/api:3f2c1d0"),
                        required("to", Type.LIST, "the other nodes' engines, from docker.engine(…)")),
                        (a, o) -> Distribute.preview(o, a.string("image"), a.list("to"))),
                previewed(fn("deploy", Effect.CHANGE, Stacks.DEPLOY_TYPE,
                        "Deploys a Compose project as a stack (docker stack deploy's mapping) and waits until every service converged; fails fast "
                                + "naming the task and the reason (no such image, starting container failed, unhealthy, no node fits, update paused, rolled back). "
                                + "Returns {stack, services, created, updated, unchanged, removed}.",
                        (a, o) -> Stacks.deploy(o, project(a), stack(a), a.bool("prune", false), a.duration("timeout", DEFAULT_TIMEOUT)),
                        required("project", ComposeProject.TYPE, "the project, from compose.project(…)"),
                        optional("stack", Type.STRING, "the stack's name (default: the project's name)"),
                        optional("prune", Type.BOOL, "remove the stack's services that are no longer in the project, as docker stack deploy --prune "
                                + "(default false: they are left running)"), timeout),
                        (a, o) -> Stacks.preview(o, project(a), stack(a), a.bool("prune", false))),
                fn("rm", Effect.CHANGE, Type.LIST, "Removes a stack: its services, then its networks, secrets and configs; returns what it removed.",
                        (a, o) -> Stacks.rm(o, a.string("stack"), a.duration("timeout", Duration.ofMinutes(1))),
                        required("stack", Type.STRING, "the stack's name"),
                        optional("timeout", Type.DURATION, "how long its networks may stay in use by stopping tasks (default 1m)")),
                fn("services", Effect.READ, Type.LIST, "Services, of one stack or all: {name, id, stack, image, mode, replicas, running, update_state}.",
                        (a, o) -> Stacks.services(o, a.string("stack", null)), optional("stack", Type.STRING, "only this stack's services")),
                fn("tasks", Effect.READ, Type.LIST, "A service's tasks (those meant to run unless all: true): {name, id, service, slot, node, image, state, "
                                + "desired_state, error, exit_code, container}.",
                        (a, o) -> Stacks.tasks(o, a.string("service"), a.bool("all", false)), service,
                        optional("all", Type.BOOL, "include tasks shut down, failed or rejected")),
                fn("update", Effect.CHANGE, Stacks.SERVICE_TYPE, "A rolling update of a service (image, env, update_config keys), waited for: "
                                + "an update that pauses or rolls back fails, naming the failed task with its error, health output and logs.",
                        (a, o) -> Stacks.update(o, a.string("service"), a.string("image", null), a.map("env"), updateKeys(a), a.bool("force", false),
                                a.duration("timeout", DEFAULT_TIMEOUT)),
                        update.toArray(ParamSpec[]::new)),
                fn("rollback", Effect.CHANGE, Stacks.SERVICE_TYPE, "Rolls a service back to its previous spec (docker service rollback) and waits for it.",
                        (a, o) -> Stacks.rollback(o, a.string("service"), a.duration("timeout", DEFAULT_TIMEOUT)), service, timeout),
                fn("scale", Effect.CHANGE, Stacks.SERVICE_TYPE, "Sets a replicated service's replicas and waits for them.",
                        (a, o) -> Stacks.scale(o, a.string("service"), a.integer("replicas"), a.duration("timeout", DEFAULT_TIMEOUT)), service,
                        required("replicas", Type.INT, "how many tasks"), timeout),
                fn("logs", Effect.READ, Type.STRING, "What a service's tasks printed (docker service logs).",
                        (a, o) -> Stacks.logs(o, a.string("service"), a.has("tail") ? (int) Math.max(0, a.integer("tail")) : null), service,
                        optional("tail", Type.INT, "only the last N lines of each task")),
                fn("run", Effect.CHANGE, Stacks.RUN_TYPE, "Runs a one-off task of a project's service on the cluster (its config, the stack's networks), "
                                + "once, to completion; returns {exit, stdout, stderr, ok} and removes it. A non-zero exit fails unless check: false.",
                        (a, o) -> Stacks.run(o, project(a), stack(a), a.string("service"), a.string("image", null), command(a), a.map("env"), a.map("secrets"), a.bool("check", true),
                                a.duration("timeout", DEFAULT_TIMEOUT)),
                        required("project", ComposeProject.TYPE, "the project, from compose.project(…)"),
                        required("service", Type.STRING, "the project's service whose config the task takes"),
                        optional("image", Type.STRING, "the image to run instead of the service's, e.g. a migration image (it keeps the "
                                + "service's placement and networks)"),
                        optional("cmd", Type.ANY, "the command: a list of arguments, or a string run with sh -c (default: the service's)"),
                        optional("stack", Type.STRING, "the stack whose networks it joins (default: the project's name)"),
                        optional("env", Type.MAP, "environment variables over the service's"),
                        optional("secrets", Type.MAP, "values the task reads as files /run/secrets/<key>: Swarm secrets of this task alone, "
                                + "removed with it, never in its spec or environment (e.g. {\"DATABASE_URL\": secret(\"DATABASE_URL\")})"),
                        optional("check", Type.BOOL, "fail on a non-zero exit (default true)"),
                        optional("timeout", Type.DURATION, "remove it and fail after this long (default 5m)")));
    }

    // ---- plumbing ----

    @FunctionalInterface
    interface Impl {
        Object call(Args args, SwarmOps ops) throws Exception;
    }

    private static HostFunction fn(String name, Effect effect, Type returns, String doc, Impl impl, ParamSpec... params) {
        List<ParamSpec> all = new ArrayList<>(List.of(params));
        all.add(optional("engine", Engine.TYPE, "the engine to use (a swarm manager), from docker.engine(…) (default: the project's, else DOCKER_HOST or the local socket)"));
        Signature sig = new Signature("swarm." + name, all, returns, effect, doc);
        return HostFunction.of(sig, (args, ctx) -> {
            Engine engine = engine(args, ctx);
            return Calls.run(ctx, e -> {
                String what = args.has("service") && !args.has("project") ? "service '" + args.string("service") + "'"
                        : args.has("stack") ? "stack '" + args.string("stack") + "'" : "swarm";
                return new SwarmOps(ctx, engine, null).translate(e, what, name);
            }, attach -> impl.call(args, new SwarmOps(ctx, engine, attach)));
        });
    }

    /** What a changing function would do, worked out by reading only, for {@code gwrun plan --probe}. */
    @FunctionalInterface
    interface Preview {
        String preview(Args args, SwarmOps ops) throws Exception;
    }

    private static HostFunction previewed(HostFunction f, Preview preview) {
        return new Previewed(f, preview);
    }

    /** A changing function that can also say what it would do. */
    private static final class Previewed implements HostFunction, PlanPreview {
        private final HostFunction f;
        private final Preview preview;

        Previewed(HostFunction f, Preview preview) {
            this.f = f;
            this.preview = preview;
        }

        @Override public Signature signature() { return f.signature(); }

        @Override
        public Object call(Args a, CallContext ctx) throws Exception {
            return f.call(a, ctx);
        }

        @Override
        public String preview(Args a, CallContext ctx) {
            Engine engine = engine(a, ctx);
            return Calls.run(ctx, e -> new SwarmOps(ctx, engine, null).translate(e, "swarm", "inspect"),
                    attach -> preview.preview(a, new SwarmOps(ctx, engine, attach)));
        }
    }

    static Engine engine(Args a, CallContext ctx) {
        if (a.has("engine")) return Engines.of(a, ctx);
        if (a.value("project") instanceof ComposeProject p && p.engine() != null) return p.engine();
        return Engine.fromEnvironment(ctx);
    }

    static ComposeProject project(Args a) {
        Object v = a.value("project");
        if (v instanceof ComposeProject p) return p;
        throw new GwrunError("type", a.signature().name() + ": project must be a compose project from compose.project(…), got "
                + Values.typeName(v) + " " + Values.repr(v));
    }

    private static String stack(Args a) {
        return a.has("stack") ? a.string("stack") : project(a).project().name();
    }

    private static Map<String, Object> updateKeys(Args a) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (String k : List.of("parallelism", "delay", "order", "failure_action", "monitor", "max_failure_ratio")) {
            if (a.has(k)) out.put(k, a.value(k));
        }
        return out;
    }

    private static List<String> command(Args a) {
        Object v = a.value("cmd");
        if (v == null) return null;
        if (v instanceof CharSequence s) return List.of("sh", "-c", s.toString());
        List<String> out = new ArrayList<>();
        for (Object o : a.list("cmd")) out.add(Values.str(o));
        return out;
    }
}
