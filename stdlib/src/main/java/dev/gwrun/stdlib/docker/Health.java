package dev.gwrun.stdlib.docker;

import com.github.dockerjava.api.DockerClient;
import dev.gwrun.host.Args;
import dev.gwrun.host.CallContext;
import dev.gwrun.runtime.GwrunError;

import java.util.List;

/**
 * {@code docker.healthy(name)}: the question a deploy waits on. "Not yet" (health starting, created,
 * paused) is {@code false}, so {@code wait until} polls again; a container that has exited (or is
 * restarting after exiting) or reports unhealthy will not get better by waiting, so that is a
 * conclusive error, which ends the
 * wait at once with what an on-call engineer needs to see: state, exit code, the last
 * health-check output and the last log lines.
 */
public final class Health {
    public static final int LOG_LINES = 20;

    private Health() {}

    static Object healthy(Args a, CallContext ctx, Engine engine) {
        String name = a.string("name");
        return Calls.run(ctx, e -> DockerErrors.translate(e, engine, "container '" + name + "'", "inspect"), attach -> {
            Inspected c = Inspected.of(engine, name);
            String status = c.status() == null ? "unknown" : c.status();
            Inspected.Health h = c.health();
            String health = h == null ? null : h.status();
            // "restarting" means it exited and its restart policy is bringing it back: a crash loop, not a slow start.
            boolean exited = status.equals("exited") || status.equals("dead") || status.equals("restarting");
            if (exited || "unhealthy".equals(health)) {
                throw failure(engine.client(), name, status, c, h, attach);
            }
            boolean ok = status.equals("running") && (health == null || health.equals("healthy"));
            if (!ok) ctx.describeResult(notYet(name, status, h));
            return ok;
        });
    }

    /** What a false means, for a wait that times out: "'api' is running, health: starting, last check exit 1: …". */
    static String notYet(String name, String status, Inspected.Health h) {
        StringBuilder m = new StringBuilder("'").append(name).append("' is ").append(status);
        if (!status.equals("running")) return m.append(", not running").toString();
        m.append(", health: ").append(h.status());
        List<Inspected.Check> checks = h.checks();
        if (checks.isEmpty()) return m.append(", no check has finished yet").toString();
        // The engine keeps only the last few checks, so the failing streak is the count to show.
        Integer streak = h.failingStreak();
        if (streak != null && streak > 0) m.append(", ").append(streak).append(streak == 1 ? " failed check" : " failed checks in a row");
        Inspected.Check last = checks.get(checks.size() - 1);
        String out = oneLine(last);
        if (out.length() > 120) out = out.substring(0, 117) + "...";
        return m.append(", last check exit ").append(last.exitCode()).append(out.isEmpty() ? "" : ": " + out).toString();
    }

    /** What a health check printed, on one line. */
    private static String oneLine(Inspected.Check check) {
        return check.output() == null ? "" : check.output().strip().replaceAll("\\s*\\R\\s*", " ");
    }

    /**
     * The conclusive error for a container that has exited, is restarting after exiting, or reports
     * unhealthy: state, exit code, the last health-check output and the last {@link #LOG_LINES} log
     * lines. For other modules that wait on containers (compose).
     */
    public static GwrunError failure(DockerClient d, Inspected c, Calls.Attach attach) {
        return failure(d, c.name(), c.status() == null ? "unknown" : c.status(), c, c.health(), attach);
    }

    /**
     * What a {@link dev.gwrun.host.Watch} on a container the run started says: null while it runs (or is
     * healthy, or starting), has exited 0 (a one-shot that finished), or is gone (removed on purpose);
     * else the same conclusive error {@code docker.healthy} gives: it exited non-zero, keeps restarting
     * or reports unhealthy.
     */
    static GwrunError problem(Engine engine, String id, java.util.function.Consumer<String> named) {
        Inspected c;
        try {
            c = Inspected.of(engine, id);
        } catch (com.github.dockerjava.api.exception.NotFoundException gone) {
            return null;
        }
        if (!c.name().isEmpty()) named.accept(c.name());
        String status = c.status();
        if (status == null) return null;
        Inspected.Health h = c.health();
        boolean failedExit = (status.equals("exited") || status.equals("dead")) && !Long.valueOf(0).equals(c.exitCode());
        boolean unhealthy = h != null && "unhealthy".equals(h.status()) && status.equals("running");
        if (!failedExit && !status.equals("restarting") && !unhealthy) return null;
        return failure(engine.client(), c, NO_ATTACH).conclusive();
    }

    private static final Calls.Attach NO_ATTACH = new Calls.Attach() {
        @Override public <C extends java.io.Closeable> C closeOnCancel(C stream) { return stream; }
    };

    /** Like {@link #notYet}, from an inspect answer: what a container that is not ready yet is doing. */
    public static String notYet(Inspected c) {
        String status = c.status() == null ? "unknown" : c.status();
        Inspected.Health h = c.health();
        if (h == null && status.equals("running")) return "'" + c.name() + "' is running";
        return notYet(c.name(), status, h);
    }

    private static GwrunError failure(DockerClient d, String name, String status, Inspected c, Inspected.Health h, Calls.Attach attach) {
        StringBuilder m = new StringBuilder("container '").append(name).append("' ");
        if (status.equals("exited") || status.equals("dead") || status.equals("restarting")) {
            Long exit = c.exitCode();
            m.append(status.equals("restarting") ? "keeps exiting (restarting; last exit code " + (exit == null ? "unknown" : exit) + ")"
                    : status + " with code " + (exit == null ? "unknown" : exit));
            if (c.oomKilled()) m.append(" (killed: out of memory)");
            if (c.error() != null && !c.error().isBlank()) m.append(" (").append(c.error().strip()).append(')');
        } else {
            m.append("is unhealthy (state ").append(status).append(h.failingStreak() == null ? "" : ", " + h.failingStreak() + " failed checks in a row").append(')');
        }
        List<Inspected.Check> checks = h == null ? List.of() : h.checks();
        if (!checks.isEmpty()) {
            Inspected.Check last = checks.get(checks.size() - 1);
            String out = oneLine(last);
            m.append("\nlast health check (exit ").append(last.exitCode()).append("): ").append(out.isEmpty() ? "(no output)" : out);
        }
        String logs;
        try {
            logs = ContainerIO.read(d, name, LOG_LINES, null, attach);
        } catch (InterruptedException | RuntimeException e) {
            logs = null;
        }
        if (logs == null) {
            m.append("\n(its logs could not be read)");
        } else if (logs.isBlank()) {
            m.append("\nit printed nothing");
        } else {
            m.append("\nlast ").append(LOG_LINES).append(" log lines:");
            for (String line : logs.split("\n", -1)) m.append("\n  ").append(line);
        }
        return new GwrunError("docker", m.toString()).conclusive();
    }
}
