package dev.gwrun.stdlib.swarm;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.LogSwarmObjectCmd;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.EventType;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.Service;
import com.github.dockerjava.api.model.StreamType;
import com.github.dockerjava.api.model.Task;
import com.github.dockerjava.transport.DockerHttpClient;
import dev.gwrun.host.CallContext;
import dev.gwrun.runtime.GwrunError;
import dev.gwrun.stdlib.OutputCapture;
import dev.gwrun.stdlib.docker.Calls;
import dev.gwrun.stdlib.docker.DockerErrors;
import dev.gwrun.stdlib.docker.Engine;
import dev.gwrun.stdlib.docker.Wakeups;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One call's view of a Swarm manager: docker-java's client, the raw requests it has no command for (tasks
 * filtered by {@code _up-to-date}, as {@code docker service ps} and the CLI's progress do; {@code rollback=previous}),
 * and the one-line change log ({@code swarm: created service app_api (image …)}).
 */
final class SwarmOps {
    final CallContext ctx;
    final Engine engine;
    final DockerClient d;
    final Calls.Attach attach;

    SwarmOps(CallContext ctx, Engine engine, Calls.Attach attach) {
        this.ctx = ctx;
        this.engine = engine;
        this.d = engine.client();
        this.attach = attach;
    }

    /** "swarm" for the default engine, "swarm[tcp://h:2376]" for others. */
    String label() {
        return engine.label().replaceFirst("^docker", "swarm");
    }

    void log(String what) {
        ctx.log(label() + ": " + what);
    }

    /** After an event, look again this often for a while: a task's state on the manager follows its container's. */
    static final Duration QUICK = Duration.ofMillis(20);
    static final Duration QUICK_FOR = Duration.ofMillis(1500);

    /**
     * Wakes a wait as soon as the manager reports something that may have moved it: a service event (its update
     * state changed: {@code updatestate.new} updating, completed, rollback_started, …; its replicas), a node event,
     * or a state event of a swarm task's container on this engine (start, health_status, die, oom; Engine 20.10
     * streams no task events of its own, and a container's healthcheck execs are left out: they come every
     * interval from every task and move nothing). Tasks on other nodes are seen by the caller's poll.
     */
    Wakeups wakeups() {
        return wakeups(e -> { });
    }

    /** Like {@link #wakeups()}, handing the manager's service and node events to {@code seen} first. */
    Wakeups wakeups(java.util.function.Consumer<com.github.dockerjava.api.model.Event> seen) {
        Wakeups w = new Wakeups().quickAfterEvents(QUICK, QUICK_FOR)
                .subscribe(d.eventsCmd().withEventTypeFilter(EventType.SERVICE, EventType.NODE), seen)
                .subscribe(d.eventsCmd().withEventTypeFilter(EventType.CONTAINER).withLabelFilter("com.docker.swarm.service.id")
                        .withEventFilter("start", "die", "oom", "health_status"));
        return attach == null ? w : attach.closeOnCancel(w);
    }

    /** The service by name or id, or a one-line error naming it. */
    Service service(String nameOrId) {
        try {
            return d.inspectServiceCmd(nameOrId).exec();
        } catch (NotFoundException e) {
            throw new GwrunError("swarm", "no service '" + nameOrId + "'" + (nameOrId.contains("_") ? "" : " (stack services are named <stack>_<service>)"));
        }
    }

    /** The service's tasks; only those of its current spec when upToDate (the CLI's {@code _up-to-date} filter). */
    List<Task> tasks(String serviceId, boolean upToDate) {
        Map<String, Map<String, Boolean>> filters = new LinkedHashMap<>();
        filters.put("service", Map.of(serviceId, true));
        if (upToDate) filters.put("_up-to-date", Map.of("true", true));
        try {
            String q = enc(Engine.json().writeValueAsString(filters));
            byte[] body = request(DockerHttpClient.Request.Method.GET, "/tasks?filters=" + q, null);
            return Engine.json().readValue(body, new TypeReference<List<Task>>() {});
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * {@code docker service rollback}: the service back to its previous spec, which docker-java's update command
     * cannot ask for ({@code rollback=previous}). The spec sent is the current one as the engine has it.
     */
    void rollback(String serviceId) {
        try {
            JsonNode service = Engine.json().readTree(request(DockerHttpClient.Request.Method.GET, "/services/" + enc(serviceId), null));
            long version = service.path("Version").path("Index").asLong();
            byte[] spec = Engine.json().writeValueAsBytes(service.path("Spec"));
            request(DockerHttpClient.Request.Method.POST, "/services/" + enc(serviceId) + "/update?version=" + version + "&rollback=previous", spec);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String enc(String s) {
        return Engine.enc(s);
    }

    byte[] request(DockerHttpClient.Request.Method method, String path, byte[] json) {
        return engine.request(method, path, json);
    }

    /** What a service's or a task's containers printed: stdout and stderr apart, the last tail lines of each container (null: all). */
    String[] logs(boolean task, String id, Integer tail) throws InterruptedException {
        LogSwarmObjectCmd cmd = (task ? d.logTaskCmd(id) : d.logServiceCmd(id)).withStdout(true).withStderr(true).withFollow(false);
        if (tail != null) cmd.withTail(tail);
        OutputCapture out = new OutputCapture();
        OutputCapture err = new OutputCapture();
        OutputCapture both = new OutputCapture();
        ResultCallback.Adapter<Frame> cb = new ResultCallback.Adapter<>() {
            @Override
            public void onNext(Frame f) {
                (f.getStreamType() == StreamType.STDERR ? err : out).appendUtf8(f.getPayload());
                both.appendUtf8(f.getPayload());
            }
        };
        attach.closeOnCancel(cmd.exec(cb)).awaitCompletion();
        return new String[] {strip(out.text()), strip(err.text()), strip(both.text())};
    }

    private static String strip(String s) {
        return s.endsWith("\n") ? s.substring(0, s.length() - 1) : s;
    }

    /** An engine failure as one line naming what it concerned. */
    GwrunError translate(Throwable e, String what, String doing) {
        GwrunError g = DockerErrors.translate(e, engine, what, doing);
        return new GwrunError("swarm", g.getMessage().replaceFirst("^docker: ", ""), null, e);
    }
}
