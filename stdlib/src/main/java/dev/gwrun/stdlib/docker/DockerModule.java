package dev.gwrun.stdlib.docker;

import dev.gwrun.host.Args;
import dev.gwrun.host.CallContext;
import dev.gwrun.host.Effect;
import dev.gwrun.host.HostFunction;
import dev.gwrun.host.HostModule;
import dev.gwrun.host.ParamSpec;
import dev.gwrun.host.Signature;
import dev.gwrun.host.Type;

import java.util.ArrayList;
import java.util.List;

import static dev.gwrun.host.ParamSpec.optional;
import static dev.gwrun.host.ParamSpec.required;

/**
 * The {@code docker} module: containers, health, images, networks and volumes on a Docker Engine,
 * through docker-java over one connection pool per engine.
 *
 * <h2>Several engines</h2>
 * Every function takes an optional {@code engine:} argument: a handle made by
 * {@code docker.engine("tcp://10.0.0.5:2376", tls: "/etc/gwrun/certs")}. Without it the call goes
 * to the default engine ({@code DOCKER_HOST}, else {@code /var/run/docker.sock}). An argument was
 * chosen over a handle whose fields are functions ({@code prod.run(…)}) because the checker
 * checks calls against the registry's signatures: {@code docker.run(engine: prod, nmae: "x")} is
 * caught before anything runs, while calls through a field could only be checked at run time.
 * It also keeps one documented signature per function, the same for every engine.
 *
 * <h2>Effects</h2>
 * Reads ({@code inspect}, {@code ps}, {@code logs}, {@code healthy}, …) are {@link Effect#READ};
 * everything that changes the engine is {@link Effect#CHANGE} and logs one line saying what it
 * did ({@code docker: started api-green (ghostworks/api:abc1234) on :8001}).
 */
public final class DockerModule implements HostModule {
    /** The result of {@code docker.exec}. */
    static final Type EXEC_TYPE = Type.object("exec result", java.util.Map.of(
            "exit", Type.INT, "stdout", Type.STRING, "stderr", Type.STRING, "ok", Type.BOOL));

    @Override public String name() { return "docker"; }

    @Override public String doc() { return "Containers, health, images, networks and volumes on a Docker Engine."; }

    /** Container, image, network and volume names from the default engine, for the repl's Tab. */
    @Override
    public List<String> candidates(String function, String param, String prefix) {
        return Completions.of(function, param, prefix);
    }

    /** The default engine's client and the JSON codecs of the first calls, built ahead (nothing connects). */
    @Override
    public void prewarm() {
        DockerJson.prewarm();
    }

    @Override
    public List<HostFunction> functions() {
        ParamSpec name = required("name", Type.STRING, "the container's name (or id)");
        ParamSpec image = required("ref", Type.STRING, "image reference or id");
        ParamSpec network = required("name", Type.STRING, "the network's name");
        ParamSpec volume = required("name", Type.STRING, "the volume's name");
        ParamSpec labels = optional("labels", Type.MAP, "labels to set");
        return List.of(
                fn("engine", Effect.PURE, Engine.TYPE, "A handle to another engine, for engine: arguments; nothing connects until a call uses it.",
                        (a, c, e) -> Engines.named(a, c), false,
                        required("host", Type.STRING, "unix:///path/docker.sock or tcp://host:port"),
                        optional("tls", Type.ANY, "true (certificates from DOCKER_CERT_PATH or ~/.docker), or the directory holding ca.pem, cert.pem, key.pem")),

                // ---- containers ----
                fn("run", Effect.CHANGE, ContainerView.TYPE, "Creates and starts a container (pulling its image if it is missing) and returns it.",
                        Containers::run, true,
                        name,
                        required("image", Type.STRING, "the image reference, e.g. ghostworks/api:abc1234"),
                        optional("ports", Type.ANY, "host port to container port: {\"8001\": \"8000\"}, or a list of \"8001:8000\" strings"),
                        optional("env", Type.MAP, "environment variables"),
                        optional("volumes", Type.MAP, "volume name or host path to container path ({\"pgdata\": \"/var/lib/postgresql/data\"}; add :ro to the container path for read-only)"),
                        optional("network", Type.STRING, "the network to join (default: the engine's bridge)"),
                        optional("command", Type.LIST, "the command and its arguments, as a list"),
                        labels,
                        optional("restart", Type.STRING, "restart policy: no, always, unless-stopped, on-failure or on-failure:N"),
                        optional("healthcheck", Type.ANY, "a shell command, or {test:, interval:, timeout:, retries:, start_period:} (test a string or an exec list); "
                                + "give slow starters a start_period: failed checks before it ends do not count towards unhealthy"),
                        optional("init", Type.BOOL, "run an init process as PID 1 that reaps zombies and forwards signals"),
                        optional("pull", Type.STRING, "missing (default), always or never")),
                fn("start", Effect.CHANGE, ContainerView.TYPE, "Starts a stopped container (nothing to do if it runs).", Containers::start, true, name),
                fn("stop", Effect.CHANGE, ContainerView.TYPE, "Stops a container: SIGTERM, then SIGKILL after timeout: (default 10s).", Containers::stop, true,
                        name, optional("timeout", Type.DURATION, "how long to wait after SIGTERM before SIGKILL")),
                fn("restart", Effect.CHANGE, ContainerView.TYPE, "Restarts a container.", Containers::restart, true,
                        name, optional("timeout", Type.DURATION, "how long to wait after SIGTERM before SIGKILL")),
                fn("rm", Effect.CHANGE, Type.BOOL, "Removes a container; true if there was one to remove. A running one needs force: true.", Containers::rm, true,
                        name, optional("force", Type.BOOL, "kill it first if it is running"),
                        optional("volumes", Type.BOOL, "remove its anonymous volumes too")),
                fn("inspect", Effect.READ, ContainerView.TYPE, "The container's current state.", Containers::inspect, true, name),
                fn("exists", Effect.READ, Type.BOOL, "Whether a container of that name exists (in any state).", Containers::exists, true, name),
                fn("ps", Effect.READ, Type.LIST, "Containers, running ones only unless all: true.", Containers::ps, true,
                        optional("all", Type.BOOL, "include stopped containers"),
                        optional("label", Type.ANY, "only containers with this label: \"app\", \"app=api\", or a map {app: \"api\"}")),
                fn("rename", Effect.CHANGE, ContainerView.TYPE, "Renames a container.", Containers::rename, true,
                        required("old", Type.STRING, "its current name"), required("new", Type.STRING, "the new name")),
                fn("logs", Effect.READ, Type.STRING, "What the container printed (stdout and stderr interleaved).", ContainerIO::logs, true,
                        name, optional("tail", Type.INT, "only the last N lines"),
                        optional("since", Type.DURATION, "only lines from the last duration, e.g. 5m")),
                fn("exec", Effect.CHANGE, EXEC_TYPE, "Runs a command in a running container; a non-zero exit fails unless check: false.", ContainerIO::exec, true,
                        name, required("cmd", Type.ANY, "a list of arguments, or a string run with sh -c"),
                        optional("check", Type.BOOL, "fail on a non-zero exit (default true)"),
                        optional("env", Type.MAP, "environment variables for the command"),
                        optional("user", Type.STRING, "run as this user")),
                fn("healthy", Effect.READ, Type.BOOL, "True when the HEALTHCHECK says healthy (or, without one, the container runs); "
                                + "fails conclusively, ending a wait at once, when it has exited or reports unhealthy.", Health::healthy, true, name),

                // ---- images ----
                fn("pull", Effect.CHANGE, Type.STRING, "Pulls an image; returns its id.", Images::pull, true,
                        required("ref", Type.STRING, "e.g. ghostworks/api:abc1234 (tag latest if none)")),
                fn("push", Effect.CHANGE, Type.NULL, "Pushes an image to its registry.", Images::push, true,
                        required("ref", Type.STRING, "e.g. registry.example.com/ghostworks/api:abc1234")),
                fn("tag", Effect.CHANGE, Type.NULL, "Gives an image another name, e.g. the moving :prod pointer.", Images::tag, true,
                        required("source", Type.STRING, "an existing image reference or id"),
                        required("target", Type.STRING, "the new reference, repository:tag")),
                fn("rmi", Effect.CHANGE, Type.BOOL, "Removes an image reference; true if it existed.", Images::rmi, true,
                        image,
                        optional("force", Type.BOOL, "remove even if containers use it")),
                fn("image_exists", Effect.READ, Type.BOOL, "Whether the engine has this image locally.", Images::exists, true,
                        image),
                fn("images", Effect.READ, Type.LIST, "Local images, optionally those matching reference: (globs allowed: ghostworks/api:*).", Images::list, true,
                        optional("reference", Type.STRING, "e.g. ghostworks/api or ghostworks/api:*")),
                fn("build", Effect.CHANGE, Type.STRING, "Builds an image through the Engine API; returns its id.", Images::build, true,
                        required("context", Type.STRING, "the build context directory (relative to the runbook)"),
                        optional("dockerfile", Type.STRING, "the Dockerfile, relative to the context (default Dockerfile)"),
                        optional("tag", Type.ANY, "a reference or a list of them, e.g. [\"api:${sha}\", \"api:dev\"]"),
                        optional("build_args", Type.MAP, "ARG values")),

                // ---- networks and volumes ----
                fn("network_create", Effect.CHANGE, Resources.NETWORK_TYPE, "Creates a network (nothing to do if it exists).", Resources::networkCreate, true,
                        network,
                        optional("driver", Type.STRING, "bridge (default), overlay, …"),
                        labels),
                fn("network_rm", Effect.CHANGE, Type.BOOL, "Removes a network; true if it existed.", Resources::networkRm, true,
                        network),
                fn("network_exists", Effect.READ, Type.BOOL, "Whether a network of that name exists.", Resources::networkExists, true,
                        network),
                fn("networks", Effect.READ, Type.LIST, "The engine's networks.", Resources::networks, true,
                        optional("label", Type.ANY, "only networks with this label: \"k\", \"k=v\" or a map")),
                fn("connect", Effect.CHANGE, Type.NULL, "Attaches a container to a network.", Resources::connect, true,
                        required("network", Type.STRING, "the network"), required("container", Type.STRING, "the container"),
                        optional("aliases", Type.LIST, "extra DNS names for the container on this network")),
                fn("disconnect", Effect.CHANGE, Type.NULL, "Detaches a container from a network.", Resources::disconnect, true,
                        required("network", Type.STRING, "the network"), required("container", Type.STRING, "the container"),
                        optional("force", Type.BOOL, "even if the container is not running")),
                fn("volume_create", Effect.CHANGE, Resources.VOLUME_TYPE, "Creates a named volume (nothing to do if it exists).", Resources::volumeCreate, true,
                        volume,
                        optional("driver", Type.STRING, "local (default), …"),
                        labels),
                fn("volume_rm", Effect.CHANGE, Type.BOOL, "Removes a volume; true if it existed.", Resources::volumeRm, true,
                        volume,
                        optional("force", Type.BOOL, "ignored when it does not exist")),
                fn("volume_exists", Effect.READ, Type.BOOL, "Whether a volume of that name exists.", Resources::volumeExists, true,
                        volume),
                fn("volumes", Effect.READ, Type.LIST, "The engine's volumes.", Resources::volumes, true,
                        optional("label", Type.ANY, "only volumes with this label: \"k\", \"k=v\" or a map")));
    }

    /** A function of one engine: its implementation gets the engine the call chose. */
    @FunctionalInterface
    interface Impl {
        Object call(Args args, CallContext ctx, Engine engine) throws Exception;
    }

    private static HostFunction fn(String name, Effect effect, Type returns, String doc, Impl impl, boolean onEngine, ParamSpec... params) {
        List<ParamSpec> all = new ArrayList<>(List.of(params));
        if (onEngine) all.add(optional("engine", Engine.TYPE, "the engine to use, from docker.engine(…) (default: DOCKER_HOST or the local socket)"));
        Signature sig = new Signature("docker." + name, all, returns, effect, doc);
        return HostFunction.of(sig, (args, ctx) -> impl.call(args, ctx, onEngine ? Engines.of(args, ctx) : null));
    }
}
