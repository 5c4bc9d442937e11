package dev.gwrun.stdlib.compose;

import com.github.dockerjava.api.command.WaitContainerResultCallback;
import dev.gwrun.host.CallContext;
import dev.gwrun.runtime.GwrunError;
import dev.gwrun.stdlib.compose.model.Project;
import dev.gwrun.stdlib.compose.model.Service;
import dev.gwrun.stdlib.docker.Calls;
import dev.gwrun.stdlib.docker.ContainerIO;
import dev.gwrun.stdlib.docker.DockerErrors;
import dev.gwrun.stdlib.docker.DockerObject;
import dev.gwrun.stdlib.docker.Engine;
import dev.gwrun.stdlib.docker.StreamCapture;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/** exec, run and logs: the processes of a project's containers. */
final class Processes {
    private Processes() {}

    static Object exec(ComposeProject project, String service, Object cmd, long index, String user, Map<String, String> env, String workdir,
                       boolean check, CallContext ctx, Engine engine) {
        Graph.service(project, service, "compose.exec");
        List<String> command = ContainerIO.command(cmd, "compose.exec");
        String name = Calls.run(ctx, e -> DockerErrors.translate(e, engine, "service '" + service + "'", "find"), attach -> {
            List<Integer> numbers = new ArrayList<>();
            for (Observed.Box b : Observed.containers(engine, project.project().name())) {
                if (b.oneoff() || !b.service().equals(service)) continue;
                if (b.number() == index) return b.name();
                numbers.add(b.number());
            }
            throw new GwrunError("compose", "compose.exec: service '" + service + "' has no container number " + index
                    + (numbers.isEmpty() ? " (it has no containers: compose.up first)" : " (it has " + numbers + ")"));
        });
        return ContainerIO.exec(ctx, engine, name, command, user, env, workdir, check);
    }

    static Object run(ComposeProject given, String service, Object cmd, boolean rm, Map<String, String> env, String user, boolean noDeps,
                      boolean check, Duration timeout, CallContext ctx, Engine engine) {
        ComposeProject project = given.enabling(List.of(service));
        Project p = project.project();
        Service s = Graph.service(project, service, "compose.run");
        List<String> command = cmd == null ? null : ContainerIO.command(cmd, "compose.run");
        if (!noDeps && !Graph.dependencies(s).isEmpty()) {
            List<String> deps = new ArrayList<>(Graph.dependencies(s).keySet());
            deps.removeIf(dep -> project.service(dep) == null);
            if (!deps.isEmpty()) Up.run(project, new Up.Options(deps, true, Duration.ofMinutes(5), false, "missing", false, false, false), ctx, engine);
        }
        Ops ops = new Ops(ctx, engine);
        String slug = UUID.randomUUID().toString().replace("-", "") + UUID.randomUUID().toString().replace("-", "");
        String name = p.name() + "-" + s.name() + "-run-" + slug.substring(0, 12);
        return Calls.run(ctx, e -> DockerErrors.translate(e, engine, "container '" + name + "'", "run"), attach -> {
            String imageId = ServiceImages.ensure(ctx, ops, p, s, "missing", false, attach);
            ProjectResources.ensure(ops, p, List.of(s));
            ContainerSpec spec = new ContainerSpec(p, s, 0, name, imageId);
            spec.oneoff = true;
            spec.commandOverride = command;
            spec.userOverride = user;
            spec.extraEnv.putAll(env);
            String id = ops.create(spec, name, name, spec.labels(true, slug));
            long start = System.nanoTime();
            try {
                ops.start(id, name, rm, false);
                WaitContainerResultCallback waiting = attach.closeOnCancel(ops.d.waitContainerCmd(id).exec(new WaitContainerResultCallback()));
                long exit;
                try {
                    exit = timeout == null ? waiting.awaitStatusCode() : waiting.awaitStatusCode(timeout.toMillis(), TimeUnit.MILLISECONDS);
                } catch (com.github.dockerjava.api.exception.DockerClientException timedOut) {
                    ctx.cancellation().check();
                    ops.d.killContainerCmd(id).exec();
                    throw new GwrunError("compose", "compose.run: " + name + " did not finish within " + Up.text(timeout) + " (killed)");
                }
                StreamCapture capture = attach.closeOnCancel(ops.d.logContainerCmd(id).withStdOut(true).withStdErr(true).withTailAll().exec(new StreamCapture()));
                capture.awaitCompletion();
                String stdout = capture.stdout();
                String stderr = capture.stderr();
                String shown = command == null ? (s.command() == null ? "(image command)" : String.join(" ", s.command())) : String.join(" ", command);
                ops.log("ran " + name + ": " + shown + " → exit " + exit + " (" + (System.nanoTime() - start) / 1_000_000 + "ms)");
                capture.show(ctx);
                if (check && exit != 0) {
                    String detail = (stderr.isBlank() ? stdout : stderr).strip();
                    int nl = detail.lastIndexOf('\n');
                    throw new GwrunError("compose", "compose.run: " + s.name() + " exited with " + exit + ": " + shown
                            + (detail.isEmpty() ? "" : " (" + (nl < 0 ? detail : detail.substring(nl + 1)) + ")"));
                }
                Map<String, Object> f = new LinkedHashMap<>();
                f.put("exit", exit);
                f.put("stdout", stdout);
                f.put("stderr", stderr);
                f.put("ok", exit == 0);
                return new DockerObject(ComposeModule.EXEC_TYPE, f, "exit " + exit);
            } finally {
                if (rm) {
                    try {
                        ops.d.removeContainerCmd(id).withForce(true).withRemoveVolumes(true).exec();
                    } catch (RuntimeException ignored) {
                        // already gone (a start that failed removes it)
                    }
                }
            }
        });
    }

    static Object logs(ComposeProject project, List<String> services, Integer tail, Duration since, CallContext ctx, Engine engine) {
        for (String s : services) Graph.service(project, s, "compose.logs");
        return Calls.run(ctx, e -> DockerErrors.translate(e, engine, "project '" + project.project().name() + "'", "read the logs of"), attach -> {
            List<Observed.Box> boxes = Observed.containers(engine, project.project().name());
            List<String> order = new ArrayList<>(Lifecycle.allServices(project.project()).keySet());
            boxes = new ArrayList<>(boxes);
            boxes.removeIf(b -> b.oneoff() || !services.isEmpty() && !services.contains(b.service()));
            boxes.sort((a, b) -> order.indexOf(a.service()) != order.indexOf(b.service())
                    ? Integer.compare(order.indexOf(a.service()), order.indexOf(b.service())) : Integer.compare(a.number(), b.number()));
            int width = boxes.stream().mapToInt(b -> b.name().length()).max().orElse(0);
            StringBuilder out = new StringBuilder();
            for (Observed.Box b : boxes) {
                String text = ContainerIO.read(engine.client(), b.id(), tail, since, attach);
                if (text.isEmpty()) continue;
                for (String line : text.split("\n", -1)) {
                    if (out.length() > 0) out.append('\n');
                    out.append(b.name()).append(" ".repeat(width - b.name().length())).append(" | ").append(line);
                }
            }
            return out.toString();
        });
    }
}
