package dev.gwrun.stdlib.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.dockerjava.api.command.LogContainerCmd;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.model.Frame;
import dev.gwrun.host.Args;
import dev.gwrun.host.CallContext;
import dev.gwrun.runtime.GwrunError;
import dev.gwrun.runtime.Values;
import dev.gwrun.stdlib.OutputCapture;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What goes in and out of a container's processes: logs and exec. */
public final class ContainerIO {
    private ContainerIO() {}

    static Object logs(Args a, CallContext ctx, Engine engine) {
        String name = a.string("name");
        Integer tail = a.has("tail") ? (int) Math.max(0, a.integer("tail")) : null;
        Duration since = a.duration("since", null);
        return Calls.run(ctx, e -> DockerErrors.translate(e, engine, "container '" + name + "'", "read the logs of"),
                attach -> read(engine.client(), name, tail, since, attach));
    }

    /** The container's output, both streams interleaved as they were written, without the last newline. */
    public static String read(DockerClient d, String name, Integer tail, Duration since, Calls.Attach attach) throws InterruptedException {
        LogContainerCmd cmd = d.logContainerCmd(name).withStdOut(true).withStdErr(true).withFollowStream(false);
        if (tail != null) cmd.withTail(tail);
        else cmd.withTailAll();
        if (since != null) cmd.withSince((int) Instant.now().minus(since).getEpochSecond());
        // Bounded: a container's whole log can be gigabytes (its beginning and end are kept).
        OutputCapture out = new OutputCapture();
        ResultCallback.Adapter<Frame> cb = new ResultCallback.Adapter<>() {
            @Override
            public void onNext(Frame f) {
                out.appendUtf8(f.getPayload());
            }
        };
        attach.closeOnCancel(cmd.exec(cb)).awaitCompletion();
        return stripNewline(out.text());
    }

    static Object exec(Args a, CallContext ctx, Engine engine) {
        Map<String, String> env = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : a.map("env").entrySet()) env.put(e.getKey(), Values.str(e.getValue()));
        return exec(ctx, engine, a.string("name"), command(a), a.string("user", null), env, null, a.bool("check", true));
    }

    /**
     * Runs a command in a running container and returns the exec result {exit, stdout, stderr, ok}; for other
     * modules (compose.exec). A non-zero exit fails when check is true.
     *
     * @param user    null for the container's user
     * @param workdir null for the container's working directory
     */
    public static Object exec(CallContext ctx, Engine engine, String name, List<String> cmd, String user, Map<String, String> env,
                              String workdir, boolean check) {
        String what = "container '" + name + "'";
        return Calls.run(ctx, e -> {
            if (e instanceof ConflictException && DockerErrors.daemonMessage(e).contains("not running")) {
                return new GwrunError("docker", "cannot exec in " + what + ": it is not running", null, e);
            }
            return DockerErrors.translate(e, engine, what, "exec in");
        }, attach -> {
            DockerClient d = engine.client();
            long start = System.nanoTime();
            // As JSON trees, like docker.run's create (see RunSpec.create): no bean codecs to build on a first exec.
            ObjectNode create = Engine.json().createObjectNode();
            create.put("AttachStdout", true).put("AttachStderr", true);
            cmd.forEach(create.putArray("Cmd")::add);
            if (user != null) create.put("User", user);
            if (workdir != null) create.put("WorkingDir", workdir);
            if (env != null && !env.isEmpty()) {
                ArrayNode list = create.putArray("Env");
                for (Map.Entry<String, String> e : env.entrySet()) list.add(e.getKey() + "=" + e.getValue());
            }
            String execId = engine.post("/containers/" + Engine.enc(name) + "/exec", create).path("Id").asText();
            StreamCapture capture = attach.closeOnCancel(d.execStartCmd(execId).exec(new StreamCapture()));
            capture.awaitCompletion();
            long exit = exitCode(engine, execId, ctx);
            String out = capture.stdout();
            String err = capture.stderr();
            String shown = String.join(" ", cmd);
            ctx.log(engine.label() + ": exec in " + name + ": " + shown + " → exit " + exit + " (" + Duration.ofNanos(System.nanoTime() - start).toMillis() + "ms)");
            capture.show(ctx);
            if (check && exit != 0) {
                String detail = err.isBlank() ? out : err;
                throw new GwrunError("docker", "exec in " + what + " exited with " + exit + ": " + shown
                        + (detail.isBlank() ? "" : " (" + lastLine(detail) + ")"));
            }
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("exit", exit);
            f.put("stdout", out);
            f.put("stderr", err);
            f.put("ok", exit == 0);
            return new DockerObject(DockerModule.EXEC_TYPE, f, "exit " + exit + (out.isEmpty() ? "" : " " + lastLine(out)));
        });
    }

    /** The exit code; the engine may record it a moment after the output stream closes. */
    private static long exitCode(Engine engine, String execId, CallContext ctx) {
        for (int i = 0; ; i++) {
            JsonNode r = engine.get("/exec/" + Engine.enc(execId) + "/json");
            if (!r.path("Running").asBoolean(false) && r.path("ExitCode").isNumber()) return r.path("ExitCode").asLong();
            if (i >= 100) throw new GwrunError("docker", "exec did not report an exit code after its output ended");
            ctx.cancellation().sleep(Duration.ofMillis(10));
        }
    }

    private static List<String> command(Args a) {
        return command(a.value("cmd"), "docker.exec");
    }

    /** A command given as a list of arguments, or as a string run with sh -c. */
    public static List<String> command(Object v, String fn) {
        if (v instanceof CharSequence s) return List.of("sh", "-c", s.toString());
        if (v instanceof List<?> l && !l.isEmpty()) return l.stream().map(Values::str).toList();
        throw new GwrunError("type", fn + ": cmd must be a non-empty list of arguments or a string for sh -c, got " + Values.typeName(v));
    }

    public static String stripNewline(String s) {
        return s.endsWith("\n") ? s.substring(0, s.length() - 1) : s;
    }

    private static String lastLine(String s) {
        String t = s.strip();
        int nl = t.lastIndexOf('\n');
        return nl < 0 ? t : t.substring(nl + 1);
    }
}
