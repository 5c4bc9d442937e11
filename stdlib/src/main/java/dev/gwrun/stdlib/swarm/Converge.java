package dev.gwrun.stdlib.swarm;

import com.github.dockerjava.api.model.EventType;
import com.github.dockerjava.api.model.Service;
import com.github.dockerjava.api.model.ServiceUpdateState;
import com.github.dockerjava.api.model.ServiceUpdateStatus;
import com.github.dockerjava.api.model.SwarmNode;
import com.github.dockerjava.api.model.SwarmNodeAvailability;
import com.github.dockerjava.api.model.SwarmNodeState;
import com.github.dockerjava.api.model.Task;
import com.github.dockerjava.api.model.TaskState;
import com.github.dockerjava.api.model.UpdateFailureAction;
import dev.gwrun.runtime.GwrunError;
import dev.gwrun.stdlib.docker.Inspected;
import dev.gwrun.stdlib.docker.Wakeups;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Waits until a service has converged, as {@code docker service create/update --detach=false} does
 * ({@code cli/command/service/progress}): every task of its current spec ({@code _up-to-date}) running (Swarm
 * reports a task with a healthcheck running only once it is healthy), and its update, if one started, completed.
 * Unlike the CLI it fails fast with the reason: a task of the current spec that failed or was rejected (no such
 * image, starting container failed, unhealthy), a task pending because no node fits, an update paused; and an
 * update that rolled back is a failure saying "rolled back", with the failed task's error, health output and logs.
 * While Swarm itself is acting on failures (an update whose failure action is rollback or pause), it is left to
 * finish and then reported.
 */
final class Converge {
    /** How long a task may stay pending with a scheduler error (no node fits) before that is the answer. */
    static final Duration PENDING_GRACE = Duration.ofSeconds(5);
    static final int LOG_LINES = 20;
    /** The longest look-to-look interval; the manager's events wake a wait sooner ({@link SwarmOps#wakeups}). */
    private static final long POLL_MS = 500;
    /** How long the CLI watches a converged service when its update_config sets no monitor. */
    static final Duration DEFAULT_MONITOR = Duration.ofSeconds(5);

    private Converge() {}

    /** The update status a service had before a change, to tell a new update from an old one. */
    record Before(ServiceUpdateState state, java.util.Date startedAt) {
        static Before of(Service s) {
            ServiceUpdateStatus u = s == null ? null : s.getUpdateStatus();
            return u == null ? new Before(null, null) : new Before(u.getState(), u.getStartedAt());
        }

        boolean same(ServiceUpdateStatus u) {
            return u == null || (Objects.equals(u.getState(), state) && Objects.equals(u.getStartedAt(), startedAt));
        }
    }

    /**
     * Waits for one service.
     *
     * @param rolledBackFails a completed rollback is a failure (deploy, update), or the goal (rollback)
     */
    static void await(SwarmOps ops, String serviceId, Before before, Duration timeout, boolean rolledBackFails) throws InterruptedException {
        await(ops, serviceId, before, timeout, rolledBackFails, java.util.Set.of());
    }

    /**
     * Waits for one service, not counting the given tasks' failures (tasks a drain shut down: their containers
     * can fail as they stop, which is no failure of the service).
     */
    static void await(SwarmOps ops, String serviceId, Before before, Duration timeout, boolean rolledBackFails, java.util.Set<String> ignore)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<String, Task> failed = new LinkedHashMap<>();
        Map<String, Long> pendingSince = new LinkedHashMap<>();
        boolean toldRollback = false;
        String why = null;
        String lastState = "no task yet";
        // The service's update states as its events announce them (updatestate.new): the completion that ends the
        // wait is taken from the event itself when the look before it saw every task running, not from a look after.
        java.util.concurrent.atomic.AtomicReference<String> announced = new java.util.concurrent.atomic.AtomicReference<>();
        boolean allRunning = false;
        String shown = serviceId;
        try (Wakeups wakeups = ops.wakeups(e -> {
            if (e.getType() == EventType.SERVICE && e.getActor() != null && serviceId.equals(e.getActor().getId())
                    && e.getActor().getAttributes() != null && e.getActor().getAttributes().get("updatestate.new") != null) {
                announced.set(e.getActor().getAttributes().get("updatestate.new"));
            }
        })) {
            while (true) {
                ops.ctx.cancellation().check();
                if (allRunning && "completed".equals(announced.get())) {
                    ops.ctx.describeResult("service " + shown + ": every task running, update completed");
                    return;
                }
                Service s = ops.service(serviceId);
                String name = s.getSpec().getName();
                shown = name;
                ServiceUpdateStatus us = s.getUpdateStatus();
                boolean fresh = !before.same(us);
                ServiceUpdateState state = fresh ? us.getState() : null;
                List<Task> tasks = ops.tasks(serviceId, true);
                for (Task t : tasks) {
                    TaskState st = t.getStatus() == null ? null : t.getStatus().getState();
                    if ((st == TaskState.FAILED || st == TaskState.REJECTED) && !ignore.contains(t.getId())) failed.putIfAbsent(t.getId(), t);
                }
                if (state == ServiceUpdateState.PAUSED) {
                    throw failure(ops, name, "update paused" + message(us), failed.values(), serviceId);
                }
                if (state == ServiceUpdateState.ROLLBACK_PAUSED) {
                    throw failure(ops, name, "rollback paused" + message(us), failed.values(), serviceId);
                }
                if (state == ServiceUpdateState.ROLLBACK_STARTED && !toldRollback) {
                    ops.log(name + ": rolling back" + message(us));
                    why = us.getMessage();
                    toldRollback = true;
                }
                boolean swarmActs = (state == ServiceUpdateState.UPDATING && failureAction(s) != UpdateFailureAction.CONTINUE)
                        || state == ServiceUpdateState.ROLLBACK_STARTED;
                if (state == ServiceUpdateState.ROLLBACK_COMPLETED && rolledBackFails) {
                    // Swarm's own words for why ("update rolled back due to failure or early termination of task …") came with rollback_started.
                    throw failure(ops, name, "rolled back" + (why == null || why.isBlank() ? message(us) : ": " + why), failed.values(), serviceId);
                }
                if (!swarmActs && !failed.isEmpty()) {
                    Task first = failed.values().iterator().next();
                    throw failure(ops, name, "task " + taskName(name, first) + " " + stateWord(first), failed.values(), serviceId);
                }
                long now = System.nanoTime();
                int running = 0;
                for (Task t : tasks) {
                    TaskState st = t.getStatus() == null ? null : t.getStatus().getState();
                    if (t.getDesiredState() == TaskState.RUNNING && st == TaskState.RUNNING) running++;
                    String err = t.getStatus() == null ? null : t.getStatus().getErr();
                    if (st == TaskState.PENDING && err != null && !err.isBlank()) {
                        long since = pendingSince.computeIfAbsent(t.getId(), k -> now);
                        // Swarm never gives up on a task no node fits, not even in an update it would roll back
                        // (a start-first update of a host-mode port on one node waits forever): say so, a little later then.
                        long grace = (swarmActs ? PENDING_GRACE.multipliedBy(3) : PENDING_GRACE).toNanos();
                        if (now - since >= grace) {
                            throw new GwrunError("swarm", "service " + name + ": task " + taskName(name, t) + " stays pending: " + err
                                    + " (no node fits its placement constraints, resources or ports)").conclusive();
                        }
                    } else {
                        pendingSince.remove(t.getId());
                    }
                }
                long desired = desired(ops, s);
                boolean updateDone = state == null || state == ServiceUpdateState.COMPLETED
                        || (state == ServiceUpdateState.ROLLBACK_COMPLETED && !rolledBackFails);
                lastState = running + " of " + desired + " tasks running" + (state == null ? "" : ", update " + state.name().toLowerCase())
                        + describe(name, tasks);
                ops.ctx.describeResult("service " + name + ": " + lastState);
                // Equal, not at least: after a scale down the extra tasks run on until the orchestrator shuts them down.
                if (running == desired && updateDone) return;
                // Only an update that is under way may end on its completion event: a rollback's states are others.
                allRunning = running == desired && state == ServiceUpdateState.UPDATING;
                if (now > deadline) {
                    throw new GwrunError("swarm", "service " + name + " did not converge within " + dev.gwrun.runtime.Values.repr(timeout) + ": " + lastState);
                }
                wakeups.await(ops.ctx.cancellation(), Duration.ofMillis(POLL_MS));
            }
        }
    }

    /**
     * After convergence, watches the services for the CLI's monitor window (their update_config.monitor, else 5s):
     * a task that starts and then fails at once (a crash right after start, a failed health check on a service
     * that converged before its first check) fails the deploy here, not in the next runbook's step.
     */
    static void settle(SwarmOps ops, List<String> serviceIds, long deadlineNanos) throws InterruptedException {
        if (serviceIds.isEmpty()) return;
        Duration window = Duration.ZERO;
        for (String id : serviceIds) {
            var u = ops.service(id).getSpec().getUpdateConfig();
            Duration m = u == null || u.getMonitor() == null || u.getMonitor() == 0 ? DEFAULT_MONITOR : Duration.ofNanos(u.getMonitor());
            if (m.compareTo(window) > 0) window = m;
        }
        long end = Math.min(deadlineNanos, System.nanoTime() + window.toNanos());
        while (true) {
            for (String id : serviceIds) {
                List<Task> failed = new ArrayList<>();
                for (Task t : ops.tasks(id, true)) {
                    TaskState st = t.getStatus() == null ? null : t.getStatus().getState();
                    if (st == TaskState.FAILED || st == TaskState.REJECTED) failed.add(t);
                }
                if (!failed.isEmpty()) {
                    String name = ops.service(id).getSpec().getName();
                    throw failure(ops, name, "task " + taskName(name, failed.get(0)) + " " + stateWord(failed.get(0)) + " after starting", failed, id);
                }
            }
            if (System.nanoTime() >= end) return;
            ops.ctx.cancellation().check();
            Thread.sleep(POLL_MS);
        }
    }

    private static String message(ServiceUpdateStatus us) {
        return us.getMessage() == null || us.getMessage().isBlank() ? "" : ": " + us.getMessage();
    }

    private static UpdateFailureAction failureAction(Service s) {
        var u = s.getSpec().getUpdateConfig();
        // Swarm's default failure action is pause.
        return u == null || u.getFailureAction() == null ? UpdateFailureAction.PAUSE : u.getFailureAction();
    }

    /** Replicas, or for a global service the ready, active nodes. */
    static long desired(SwarmOps ops, Service s) {
        var mode = s.getSpec().getMode();
        if (mode != null && mode.getGlobal() != null) {
            long n = 0;
            for (SwarmNode node : ops.d.listSwarmNodesCmd().exec()) {
                boolean ready = node.getStatus() != null && node.getStatus().getState() == SwarmNodeState.READY;
                boolean active = node.getSpec() == null || node.getSpec().getAvailability() == SwarmNodeAvailability.ACTIVE;
                if (ready && active) n++;
            }
            return n;
        }
        return mode == null || mode.getReplicated() == null ? 1 : mode.getReplicated().getReplicas();
    }

    /** {@code <service>.<slot>}, as {@code docker service ps} names a task ({@code <service>.<node>} for a global one). */
    static String taskName(String service, Task t) {
        if (t.getSlot() != null && t.getSlot() > 0) return service + "." + t.getSlot();
        return service + "." + (t.getNodeId() == null ? t.getId() : t.getNodeId());
    }

    private static String stateWord(Task t) {
        TaskState st = t.getStatus().getState();
        return st == TaskState.REJECTED ? "was rejected" : "failed";
    }

    private static String describe(String service, List<Task> tasks) {
        StringBuilder b = new StringBuilder();
        List<Task> sorted = new ArrayList<>(tasks);
        sorted.sort(Comparator.comparing(t -> taskName(service, t)));
        int shown = 0;
        for (Task t : sorted) {
            if (t.getStatus() == null || t.getStatus().getState() == TaskState.RUNNING) continue;
            if (shown++ == 3) break;
            b.append("; ").append(taskName(service, t)).append(' ').append(t.getStatus().getState().getValue());
            if (t.getStatus().getErr() != null && !t.getStatus().getErr().isBlank()) b.append(": ").append(t.getStatus().getErr());
            else if (t.getStatus().getMessage() != null) b.append(" (").append(t.getStatus().getMessage()).append(')');
        }
        return b.toString();
    }

    /**
     * The conclusive error for a service: what happened, then for the last failed task its error, its last health
     * check (when its container is on this node) and its last log lines.
     */
    static GwrunError failure(SwarmOps ops, String service, String what, java.util.Collection<Task> seen, String serviceId) {
        List<Task> failed = new ArrayList<>(seen);
        if (failed.isEmpty()) {
            // The failed tasks may have come and gone between two looks: take the newest failed one of the service.
            for (Task t : ops.tasks(serviceId, false)) {
                TaskState st = t.getStatus() == null ? null : t.getStatus().getState();
                if (st == TaskState.FAILED || st == TaskState.REJECTED) failed.add(t);
            }
            failed.sort(Comparator.comparing((Task t) -> t.getUpdatedAt() == null ? "" : t.getUpdatedAt()).reversed());
            if (failed.size() > 1) failed = failed.subList(0, 1);
        }
        StringBuilder m = new StringBuilder("service ").append(service).append(' ').append(what);
        if (!failed.isEmpty()) {
            Task t = failed.get(failed.size() - 1);
            m.append("\ntask ").append(taskName(service, t)).append(" (").append(t.getId(), 0, Math.min(12, t.getId().length())).append(") ")
                    .append(t.getStatus().getState().getValue());
            if (t.getStatus().getErr() != null && !t.getStatus().getErr().isBlank()) m.append(": ").append(t.getStatus().getErr());
            if (t.getSpec() != null && t.getSpec().getContainerSpec() != null) m.append(" (image ").append(t.getSpec().getContainerSpec().getImage()).append(')');
            var cs = t.getStatus().getContainerStatus();
            if (cs != null && cs.getExitCodeLong() != null && cs.getExitCodeLong() != 0) m.append(", exit code ").append(cs.getExitCodeLong());
            if (cs != null && cs.getContainerID() != null) appendHealth(ops, cs.getContainerID(), m);
            appendLogs(ops, t, m);
            if (failed.size() > 1) m.append("\n(").append(failed.size()).append(" tasks failed in all)");
        }
        return new GwrunError("swarm", m.toString()).conclusive();
    }

    private static void appendHealth(SwarmOps ops, String containerId, StringBuilder m) {
        try {
            Inspected.Health h = Inspected.of(ops.engine, containerId).health();
            if (h == null || h.checks().isEmpty()) return;
            Inspected.Check last = h.checks().get(h.checks().size() - 1);
            String out = last.output() == null ? "" : last.output().strip().replaceAll("\\s*\\R\\s*", " ");
            m.append("\nlast health check (exit ").append(last.exitCode()).append("): ").append(out.isEmpty() ? "(no output)" : out);
        } catch (RuntimeException elsewhere) {
            // its container is on another node, or already gone: the task's error says what Swarm saw
        }
    }

    private static void appendLogs(SwarmOps ops, Task t, StringBuilder m) {
        try {
            String logs = ops.logs(true, t.getId(), LOG_LINES)[2];
            if (logs.isBlank()) {
                m.append("\nit printed nothing");
            } else {
                m.append("\nlast ").append(LOG_LINES).append(" log lines:");
                for (String line : logs.split("\n", -1)) m.append("\n  ").append(line);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            m.append("\n(its logs could not be read)");
        }
    }
}
