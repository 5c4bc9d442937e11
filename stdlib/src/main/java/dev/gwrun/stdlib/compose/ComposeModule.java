package dev.gwrun.stdlib.compose;

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
import dev.gwrun.stdlib.compose.model.Service;
import dev.gwrun.stdlib.docker.Calls;
import dev.gwrun.stdlib.docker.DockerErrors;
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
 * The {@code compose} module: a Compose project run on the Docker Engine through docker-java, with no
 * {@code docker compose} binary. Containers, networks and volumes are named and labelled as Compose v2
 * does, so {@code docker compose ps} and gwrun see the same project.
 *
 * <pre>
 * let app = compose.project("compose.yml")
 * compose.up(app)                          // up and healthy, or a failure naming the service, its exit code and logs
 * compose.rollout(app, "api", probe: api_answers)   // start-first, zero downtime
 * </pre>
 *
 * Reads ({@code project}, {@code config}, {@code services}, {@code ps}, {@code logs}) are
 * {@link Effect#READ}; everything that changes the engine is {@link Effect#CHANGE} and logs one line
 * per change ({@code compose: created app-api-1 (image …)}). Every function takes {@code engine:} as the
 * docker module does; without it, the engine the project was loaded with, else the default one.
 */
public final class ComposeModule implements HostModule {
    static final Type EXEC_TYPE = Type.object("exec result", Map.of(
            "exit", Type.INT, "stdout", Type.STRING, "stderr", Type.STRING, "ok", Type.BOOL));

    @Override public String name() { return "compose"; }

    @Override public String doc() { return "Compose projects on the Docker Engine: up, down, ps, exec, run, logs, zero-downtime rollout."; }

    /** Service names of the projects loaded most recently in this process (the repl's session), for service arguments. */
    @Override
    public List<String> candidates(String function, String param, String prefix) {
        if (param.equals("service") || param.equals("services")) return ComposeProject.recentServiceNames(prefix);
        return List.of();
    }

    /**
     * The docker module's warm-up (the default engine's client and the JSON codecs of the first calls,
     * nothing connects): a runbook that calls only compose.* would otherwise pay for them on its first
     * engine call, some 150 ms of CPU (a third of the process's) before its first container is created.
     */
    @Override
    public void prewarm() {
        new dev.gwrun.stdlib.docker.DockerModule().prewarm();
        dev.gwrun.stdlib.docker.DockerJson.prewarmCreate();
    }

    @Override
    public List<HostFunction> functions() {
        ParamSpec project = required("project", ComposeProject.TYPE, "the project, from compose.project(…)");
        ParamSpec services = optional("services", Type.LIST, "only these services (default: every enabled one)");
        ParamSpec service = required("service", Type.STRING, "the service's name");
        ParamSpec timeout = optional("timeout", Type.DURATION, "how long a container gets to stop after SIGTERM before SIGKILL (default: its stop_grace_period, else 10s)");
        return List.of(
                new ProjectFunction(sig("project", Effect.READ, ComposeProject.TYPE,
                        "Loads a Compose project (files relative to the runbook; the environment with --env-file values interpolates them). "
                                + "Touches no engine. gwrun check loads files named by literals and reports their errors at their YAML lines.",
                        optional("files", Type.ANY, "a file or a list of files (default: compose.yaml, compose.yml, docker-compose.yaml, docker-compose.yml in project_directory)"),
                        optional("env_files", Type.LIST, "--env-file files (default: the project directory's .env)"),
                        optional("project_name", Type.STRING, "-p: the project name (default: COMPOSE_PROJECT_NAME, name:, the directory's name)"),
                        optional("profiles", Type.LIST, "profiles to enable"),
                        optional("project_directory", Type.STRING, "relative paths in the files resolve against it (default: the first file's directory)"),
                        optional("environment", Type.MAP, "variables for interpolation, over the process environment and every env file "
                                + "(as VAR=value before docker compose): {\"VERSION\": version}"))),
                fn("config", Effect.READ, Type.MAP, "The project as docker compose config prints it (canonical form).",
                        (a, c, e) -> ((ComposeProject) a.value("project")).project().canonical(), project),
                fn("services", Effect.READ, Type.LIST, "The names of the project's enabled services.",
                        (a, c, e) -> new ArrayList<Object>(((ComposeProject) a.value("project")).project().services().keySet()), project),
                previewed("up", Effect.CHANGE, Up.RESULT,
                        "Creates, recreates (only what changed) and starts the services in dependency order, independent ones together. "
                                + "wait defaults to true on purpose: up means up and healthy, and a service that exits, turns unhealthy or "
                                + "whose dependency fails ends it at once, naming the service with its exit code, last health check and last "
                                + "log lines; a one-shot that exits 0 is a success. Returns {created, recreated, started, unchanged, removed}.",
                        (a, c, e) -> Up.run(proj(a), upOptions(a), c, e),
                        (a, c, e, ops) -> Up.preview(proj(a), upOptions(a), ops),
                        project, services,
                        optional("wait", Type.BOOL, "wait until every container runs and is healthy, or a one-shot exited 0 (default true)"),
                        optional("timeout", Type.DURATION, "how long the waits may take in all (default 5m)"),
                        optional("build", Type.BOOL, "build images of services with a build section even if they exist"),
                        optional("pull", Type.STRING, "missing (default), always, never or build"),
                        optional("force_recreate", Type.BOOL, "recreate containers even if nothing changed"),
                        optional("no_deps", Type.BOOL, "do not start the named services' dependencies"),
                        optional("remove_orphans", Type.BOOL, "remove containers of services no longer in the project")),
                previewed("down", Effect.CHANGE, Type.LIST, "Stops and removes the project's containers (dependents first) and its networks; returns the containers' names.",
                        (a, c, e) -> Lifecycle.down(proj(a), a.bool("volumes", false), a.bool("remove_orphans", false), seconds(a), c, e),
                        (a, c, e, ops) -> Lifecycle.previewDown(proj(a), a.bool("volumes", false), a.bool("remove_orphans", false), ops),
                        project, optional("volumes", Type.BOOL, "also remove the project's named volumes and containers' anonymous ones"),
                        optional("remove_orphans", Type.BOOL, "also remove containers of services no longer in the project"), timeout),
                fn("ps", Effect.READ, Type.LIST, "The project's containers: {name, service, number, state, health, exit_code, image, ports, ip}; running ones unless all: true.",
                        (a, c, e) -> Lifecycle.ps(proj(a), strings(a, "services"), a.bool("all", false), c, e),
                        project, services, optional("all", Type.BOOL, "include stopped containers")),
                fn("exec", Effect.CHANGE, EXEC_TYPE, "Runs a command in a running container of a service; a non-zero exit fails unless check: false.",
                        (a, c, e) -> Processes.exec(proj(a), a.string("service"), a.value("cmd"), a.integer("index", 1), a.string("user", null),
                                env(a), a.string("workdir", null), a.bool("check", true), c, e),
                        project, service, required("cmd", Type.ANY, "a list of arguments, or a string run with sh -c"),
                        optional("index", Type.INT, "which container of the service (default 1)"),
                        optional("user", Type.STRING, "run as this user"), optional("env", Type.MAP, "environment variables for the command"),
                        optional("workdir", Type.STRING, "the directory to run it in"),
                        optional("check", Type.BOOL, "fail on a non-zero exit (default true)")),
                fn("run", Effect.CHANGE, EXEC_TYPE, "Runs a one-off container of a service (its dependencies started first) and returns its exit code and output.",
                        (a, c, e) -> Processes.run(proj(a), a.string("service"), a.value("cmd"), a.bool("rm", true), env(a), a.string("user", null),
                                a.bool("no_deps", false), a.bool("check", true), a.duration("timeout", null), c, e),
                        project, service, optional("cmd", Type.ANY, "the command: a list of arguments, or a string run with sh -c (default: the service's)"),
                        optional("rm", Type.BOOL, "remove the container after (default true)"),
                        optional("env", Type.MAP, "environment variables over the service's"), optional("user", Type.STRING, "run as this user"),
                        optional("no_deps", Type.BOOL, "do not start its dependencies"),
                        optional("check", Type.BOOL, "fail on a non-zero exit (default true)"),
                        optional("timeout", Type.DURATION, "kill it and fail after this long")),
                fn("logs", Effect.READ, Type.STRING, "What the services' containers printed, each line prefixed with its container's name.",
                        (a, c, e) -> Processes.logs(proj(a), strings(a, "services"), a.has("tail") ? (int) Math.max(0, a.integer("tail")) : null,
                                a.duration("since", null), c, e),
                        project, services, optional("tail", Type.INT, "only the last N lines of each container"),
                        optional("since", Type.DURATION, "only lines from the last duration, e.g. 5m")),
                fn("pull", Effect.CHANGE, Type.LIST, "Pulls the services' images; returns the references pulled.", ComposeModule::pull, project, services),
                fn("build", Effect.CHANGE, Type.LIST, "Builds the images of services with a build section; returns the references built.", ComposeModule::build,
                        project, services, optional("no_cache", Type.BOOL, "build without the cache")),
                fn("start", Effect.CHANGE, Type.LIST, "Starts the services' stopped containers in dependency order; returns their names.",
                        (a, c, e) -> Lifecycle.change("start", proj(a), strings(a, "services"), null, c, e), project, services),
                fn("stop", Effect.CHANGE, Type.LIST, "Stops the services' running containers, dependents first; returns their names.",
                        (a, c, e) -> Lifecycle.change("stop", proj(a), strings(a, "services"), seconds(a), c, e), project, services, timeout),
                fn("rm", Effect.CHANGE, Type.LIST, "Stops (if running) and removes the services' containers, as docker compose rm -sf; "
                                + "networks, volumes and other services stay. Without services: every service's; an empty list removes nothing. "
                                + "Returns their names.",
                        // A computed list that comes out empty must not mean "all": that would take the shared proxy too.
                        (a, c, e) -> a.has("services") && strings(a, "services").isEmpty() ? new ArrayList<Object>()
                                : Lifecycle.change("rm", proj(a), strings(a, "services"), seconds(a), a.bool("volumes", false), c, e),
                        project, services, timeout, optional("volumes", Type.BOOL, "remove their anonymous volumes too")),
                fn("restart", Effect.CHANGE, Type.LIST, "Restarts the services' containers; returns their names.",
                        (a, c, e) -> Lifecycle.change("restart", proj(a), strings(a, "services"), seconds(a), c, e), project, services, timeout),
                previewed("rollout", Effect.CHANGE, Rollout.RESULT,
                        "Updates a service with zero downtime, start-first: new containers beside the old, wait until healthy and the probe passes, "
                                + "give them the service name, then retire each old one (out of the service name but still on its networks at its address, "
                                + "drain, stop with its grace period, remove). On failure the new ones are "
                                + "removed and the old keep serving. A service with a published host port, a container_name or a fixed address cannot run twice: "
                                + "put it behind a proxy. Nothing happens when the containers already run this config and image (force: true replaces them). "
                                + "Returns {service, old, new}.",
                        (a, c, e) -> Rollout.run(proj(a), a.string("service"), a.duration("timeout", Duration.ofMinutes(5)), a.value("probe"),
                                a.duration("drain", null), a.bool("force", false), c, e),
                        (a, c, e, ops) -> Rollout.preview(proj(a), a.string("service"), a.bool("force", false), ops),
                        project, service, optional("timeout", Type.DURATION, "how long the new containers get to become ready (default 5m)"),
                        optional("probe", Type.ANY, "fn(c) returning true once container c (a compose container: c.name, c.ip) serves, "
                                + "or a command string run in each new container (exit 0 passes); retried until the timeout"),
                        optional("drain", Type.DURATION, "how long the old containers stay up, out of the service name, before they are stopped: "
                                + "for the connections open on them and proxies that cached their addresses (default none)"),
                        optional("force", Type.BOOL, "replace the containers even when they already run this config and image "
                                + "(default: then there is nothing to do, and old and new are empty)")));
    }

    // ---- plumbing ----

    @FunctionalInterface
    interface EngineImpl {
        Object call(Args args, CallContext ctx, Engine engine) throws Exception;
    }

    private static Signature sig(String name, Effect effect, Type returns, String doc, ParamSpec... params) {
        List<ParamSpec> all = new ArrayList<>(List.of(params));
        all.add(optional("engine", Engine.TYPE, "the engine to use, from docker.engine(…) (default: the project's, else DOCKER_HOST or the local socket)"));
        return new Signature("compose." + name, all, returns, effect, doc);
    }

    private static HostFunction previewed(String name, Effect effect, Type returns, String doc, EngineImpl impl, Preview preview, ParamSpec... params) {
        return new Previewed(sig(name, effect, returns, doc, params), impl, preview);
    }

    private static HostFunction fn(String name, Effect effect, Type returns, String doc, EngineImpl impl, ParamSpec... params) {
        Signature sig = sig(name, effect, returns, doc, params);
        return HostFunction.of(sig, (args, ctx) -> impl.call(args, ctx, engine(args, ctx)));
    }

    /** What a changing function would do, worked out by reading only, for plan --probe. */
    @FunctionalInterface
    interface Preview {
        String preview(Args args, CallContext ctx, Engine engine, Ops ops);
    }

    /** A changing function that can also say what it would do. */
    private record Previewed(Signature signature, EngineImpl impl, Preview preview) implements HostFunction, PlanPreview {
        @Override
        public Object call(Args a, CallContext ctx) throws Exception {
            return impl.call(a, ctx, engine(a, ctx));
        }

        @Override
        public String preview(Args a, CallContext ctx) {
            Engine engine = engine(a, ctx);
            return Calls.run(ctx, e -> DockerErrors.translate(e, engine, "project '" + proj(a).project().name() + "'", "inspect"),
                    attach -> preview.preview(a, ctx, engine, new Ops(ctx, engine)));
        }
    }

    static Up.Options upOptions(Args a) {
        String pull = a.string("pull", "missing");
        if (!List.of("missing", "always", "never", "build").contains(pull)) {
            throw new GwrunError("type", "compose.up: pull must be \"missing\", \"always\", \"never\" or \"build\", got '" + pull + "'");
        }
        return new Up.Options(strings(a, "services"), a.bool("wait", true), a.duration("timeout", Duration.ofMinutes(5)), a.bool("build", false),
                pull, a.bool("force_recreate", false), a.bool("no_deps", false), a.bool("remove_orphans", false));
    }

    static ComposeProject proj(Args a) {
        Object v = a.value("project");
        if (v instanceof ComposeProject p) return p;
        throw new GwrunError("type", a.signature().name() + ": project must be a compose project from compose.project(…), got "
                + Values.typeName(v) + " " + Values.repr(v));
    }

    /** The engine: engine:, else the one the project was loaded with, else the environment's default. */
    static Engine engine(Args a, CallContext ctx) {
        if (a.has("engine")) return Engines.of(a, ctx);
        if (a.value("project") instanceof ComposeProject p && p.engine() != null) return p.engine();
        return Engine.fromEnvironment(ctx);
    }

    static List<String> strings(Args a, String name) {
        Object v = a.value(name);
        if (v == null) return List.of();
        if (v instanceof CharSequence s) return List.of(s.toString());
        List<String> out = new ArrayList<>();
        for (Object o : a.list(name)) out.add(Values.str(o));
        return out;
    }

    private static Map<String, String> env(Args a) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : a.map("env").entrySet()) out.put(e.getKey(), e.getValue() == null ? "" : Values.str(e.getValue()));
        return out;
    }

    private static Integer seconds(Args a) {
        if (!a.has("timeout")) return null;
        Duration d = a.duration("timeout", null);
        if (d.isNegative()) throw new GwrunError("type", a.signature().name() + ": timeout must not be negative");
        return ContainerSpec.seconds(d);
    }

    /** compose.project, whose literal files gwrun check loads. */
    private static final class ProjectFunction implements HostFunction, dev.gwrun.host.StaticAdvice {
        private final Signature signature;

        ProjectFunction(Signature signature) { this.signature = signature; }

        @Override public Signature signature() { return signature; }

        @Override
        public Object call(Args a, CallContext ctx) {
            return ProjectLoading.load(a, ctx, a.has("engine") ? engine(a, ctx) : null);
        }

        @Override
        public List<dev.gwrun.source.Diagnostic> diagnose(Map<String, Object> literalArgs, java.util.Set<String> computedArgs,
                                                          java.nio.file.Path directory, dev.gwrun.source.Span callSite) {
            // An argument known only at run time (a file name, the env files, the profiles) decides what loads: say nothing.
            if (!computedArgs.isEmpty() && !computedArgs.equals(java.util.Set.of("engine"))) return List.of();
            return ProjectLoading.diagnose(literalArgs, directory, callSite);
        }
    }

    private static Object pull(Args a, CallContext ctx, Engine engine) {
        return eachService(a, ctx, engine, "pull", (p, s, ops, attach) -> {
            if (s.image() == null) return null;
            ServiceImages.ensure(ctx, ops, p.project(), s, "always", false, attach);
            return s.image();
        });
    }

    private static Object build(Args a, CallContext ctx, Engine engine) {
        boolean noCache = a.bool("no_cache", false);
        return eachService(a, ctx, engine, "build", (p, s, ops, attach) -> {
            if (s.build() == null) return null;
            ServiceImages.build(ctx, ops, p.project(), s, attach, noCache);
            return Names.image(p.project(), s);
        });
    }

    /** What compose.pull and compose.build do to one service: the image it made ready, or null when it does not apply. */
    private interface PerService {
        String apply(ComposeProject p, Service s, Ops ops, Calls.Attach attach) throws Exception;
    }

    /** compose.{@code verb}: {@code each} on the selected services (not their dependencies), in order; the images it named. */
    private static Object eachService(Args a, CallContext ctx, Engine engine, String verb, PerService each) {
        ComposeProject p = proj(a);
        var selected = Graph.select(p, strings(a, "services"), true, "compose." + verb);
        Ops ops = new Ops(ctx, engine);
        return Calls.run(ctx, e -> DockerErrors.translate(e, engine, "project '" + p.project().name() + "'", verb), attach -> {
            List<Object> out = new ArrayList<>();
            for (var s : selected.values()) {
                String image = each.apply(p, s, ops, attach);
                if (image != null) out.add(image);
            }
            return out;
        });
    }
}
