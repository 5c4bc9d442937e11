package dev.gwrun.stdlib.compose;

import dev.gwrun.host.CallContext;
import dev.gwrun.host.Type;
import dev.gwrun.runtime.GwrunError;
import dev.gwrun.stdlib.compose.model.Dependency;
import dev.gwrun.stdlib.compose.model.Project;
import dev.gwrun.stdlib.compose.model.Service;
import dev.gwrun.stdlib.docker.Calls;
import dev.gwrun.stdlib.docker.DockerErrors;
import dev.gwrun.stdlib.docker.DockerObject;
import dev.gwrun.stdlib.docker.Engine;
import dev.gwrun.stdlib.docker.Images;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code compose.up}: converges the engine on the project. Networks and volumes first; then each
 * service on a thread of its own as soon as what it depends on is ready (started, healthy or completed,
 * as its depends_on says), so independent services start together; a service's containers are created,
 * recreated (only when gwrun's config hash says the config or image changed), started, or removed (scale
 * down removes the highest numbers). New containers are created at once, as Docker Compose v2 creates
 * before it starts: only their start waits for the dependencies, so a dependency turning healthy is
 * followed by a start call, not a create and a start (a service sharing another's network namespace
 * is created once that one runs; a container whose start never comes is removed). With wait, it then
 * waits until every container runs and is healthy, or, for a one-shot, has exited 0, woken by the
 * engine's events; the first failure ends the wait at once.
 */
final class Up {
    static final Type RESULT = Type.object("compose up result", Map.of(
            "created", Type.LIST, "recreated", Type.LIST, "started", Type.LIST, "unchanged", Type.LIST, "removed", Type.LIST));

    record Options(List<String> services, boolean waitUp, Duration timeout, boolean build, String pull, boolean forceRecreate,
                   boolean noDeps, boolean removeOrphans) {}

    /** What up does to one container: create, recreate, start, keep or remove. */
    record Action(String kind, Observed.Box box, int number, List<String> changes) {}

    /** Everything up would do: per service in dependency order, the orphans, and the resources to create. */
    record Plan(Map<String, Service> services, Map<String, List<Action>> actions, List<Observed.Box> orphans) {}

    private final ComposeProject project;
    private final Options options;
    private final Ops ops;
    private final ScopedContext ctx;
    private final List<Object> created = Collections.synchronizedList(new ArrayList<>());
    private final List<Object> recreated = Collections.synchronizedList(new ArrayList<>());
    private final List<Object> started = Collections.synchronizedList(new ArrayList<>());
    private final List<Object> unchanged = Collections.synchronizedList(new ArrayList<>());
    private final List<Object> removed = Collections.synchronizedList(new ArrayList<>());
    private final AtomicReference<GwrunError> firstFailure = new AtomicReference<>();
    /** Containers created ahead of their start and not started yet (id to name): removed when up fails. */
    private final Map<String, String> unstarted = new java.util.concurrent.ConcurrentHashMap<>();
    private final long deadline;
    /** The project's container events, open for the whole of up: what wakes its waits. */
    private ProjectEvents events;

    private Up(ComposeProject project, Options options, ScopedContext ctx, Engine engine) {
        this.project = project;
        this.options = options;
        this.ctx = ctx;
        this.ops = new Ops(ctx, engine);
        this.deadline = System.nanoTime() + options.timeout().toNanos();
    }

    static Object run(ComposeProject given, Options options, CallContext outer, Engine engine) {
        ComposeProject project = given.enabling(options.services());
        ScopedContext ctx = new ScopedContext(outer);
        try {
            return new Up(project, options, ctx, engine).run();
        } finally {
            ctx.close();
        }
    }

    private Object run() {
        Project p = project.project();
        Map<String, Service> services = Graph.select(project, options.services(), options.noDeps(), "compose.up");
        for (Service s : services.values()) {
            List<String> ignored = RawSettings.ignored(s);
            if (!ignored.isEmpty()) ops.log("service " + s.name() + ": gwrun does not apply " + String.join(", ", ignored));
        }
        Map<String, String> imageIds = new LinkedHashMap<>();
        Calls.run(ctx, e -> DockerErrors.translate(e, ops.engine(), "project '" + p.name() + "'", "start"), attach -> {
            ProjectResources.ensure(ops, p, services.values());
            // Services that share an image and are neither built nor pulled always need it looked up once.
            Map<String, String> byRef = new LinkedHashMap<>();
            for (Service s : services.values()) {
                String policy = s.pullPolicy() == null ? options.pull() : s.pullPolicy();
                boolean shared = s.build() == null && !"always".equals(options.pull()) && !"always".equals(policy);
                String key = Names.image(p, s) + "\n" + policy;
                String id = shared ? byRef.get(key) : null;
                if (id == null) id = ServiceImages.ensure(ctx, ops, p, s, options.pull(), options.build(), attach);
                if (shared) byRef.put(key, id);
                imageIds.put(s.name(), id);
            }
            return null;
        });
        Plan plan = Calls.run(ctx, e -> DockerErrors.translate(e, ops.engine(), "project '" + p.name() + "'", "list"),
                attach -> plan(project, services, imageIds, options.forceRecreate(), ops));
        for (Observed.Box orphan : plan.orphans()) {
            if (options.removeOrphans()) {
                Calls.run(ctx, e -> DockerErrors.translate(e, ops.engine(), "container '" + orphan.name() + "'", "remove"), attach -> {
                    ops.stopAndRemove(orphan.id(), orphan.name(), null, false);
                    return null;
                });
                ops.log("removed " + orphan.name() + " (orphan: service '" + orphan.service() + "' is not in the project)");
                removed.add(orphan.name());
            } else {
                ops.log("found orphan container " + orphan.name() + " (service '" + orphan.service() + "' is not in the project); remove_orphans: true removes it");
            }
        }
        // Opened before the first container is created, so no health_status or die of one is missed.
        try (ProjectEvents opened = ProjectEvents.open(ops.d, p.name())) {
            events = opened;
            converge(plan, imageIds);
            if (options.waitUp()) awaitAll(services);
        }
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("created", new ArrayList<>(created));
        f.put("recreated", new ArrayList<>(recreated));
        f.put("started", new ArrayList<>(started));
        f.put("unchanged", new ArrayList<>(unchanged));
        f.put("removed", new ArrayList<>(removed));
        return new DockerObject(RESULT, f, "compose up " + p.name() + ": " + created.size() + " created, " + recreated.size() + " recreated, "
                + started.size() + " started, " + unchanged.size() + " unchanged, " + removed.size() + " removed");
    }

    // ---- what to do ----

    /** Works out what up would do, reading only. imageIds holds the current id of each service's image (null: missing). */
    static Plan plan(ComposeProject project, Map<String, Service> services, Map<String, String> imageIds, boolean force, Ops ops) {
        Project p = project.project();
        List<Observed.Box> all = Observed.containers(ops.engine(), p.name());
        Map<String, List<Observed.Box>> byService = Observed.byService(all);
        Map<String, List<Action>> actions = new LinkedHashMap<>();
        for (Service s : services.values()) {
            List<Observed.Box> existing = byService.getOrDefault(s.name(), List.of());
            List<Action> list = new ArrayList<>();
            int replicas = Math.max(0, s.replicas());
            Set<Integer> used = new HashSet<>();
            String imageId = imageIds.get(s.name());
            String hash = imageId == null ? null : ConfigHash.of(s, imageId);
            for (int i = 0; i < existing.size(); i++) {
                Observed.Box b = existing.get(i);
                if (i >= replicas) {
                    list.add(new Action("remove", b, b.number(), List.of()));
                    continue;
                }
                used.add(b.number());
                if (force) {
                    list.add(new Action("recreate", b, b.number(), List.of("forced")));
                } else if (hash == null || !hash.equals(b.hash())) {
                    List<String> changes = hash == null ? List.of("image") : ConfigHash.changed(b.labels().get(Names.CONFIG_PARTS), ConfigHash.partsLabel(s, imageId));
                    list.add(new Action("recreate", b, b.number(), changes.isEmpty() ? List.of("config") : changes));
                } else if (!b.running()) {
                    list.add(new Action("start", b, b.number(), List.of()));
                } else {
                    list.add(new Action("keep", b, b.number(), List.of()));
                }
            }
            int n = 1;
            for (int missing = replicas - Math.min(replicas, existing.size()); missing > 0; missing--) {
                while (used.contains(n)) n++;
                used.add(n);
                list.add(new Action("create", null, n, List.of()));
            }
            actions.put(s.name(), list);
        }
        List<Observed.Box> orphans = new ArrayList<>();
        for (Observed.Box b : all) {
            if (!b.oneoff() && p.services().get(b.service()) == null && p.disabledServices().get(b.service()) == null) orphans.add(b);
        }
        return new Plan(services, actions, orphans);
    }

    // ---- doing it ----

    private void converge(Plan plan, Map<String, String> imageIds) {
        ExecutorService pool = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "compose-up");
            t.setDaemon(true);
            return t;
        });
        try {
            Map<String, CompletableFuture<Void>> done = new LinkedHashMap<>();
            // Creation follows the dependency order too (a link names a container that must exist), but not their start.
            Map<String, CompletableFuture<Map<Integer, String>>> made = new LinkedHashMap<>();
            for (Service s : plan.services().values()) {
                List<CompletableFuture<?>> deps = new ArrayList<>();
                List<CompletableFuture<?>> madeDeps = new ArrayList<>();
                boolean early = s.networkMode() == null || !s.networkMode().startsWith("service:");
                for (String dep : Graph.dependencies(s).keySet()) {
                    if (done.containsKey(dep)) deps.add(done.get(dep));
                    if (!plan.services().containsKey(dep)) continue;
                    if (made.containsKey(dep)) madeDeps.add(made.get(dep));
                    else early = false;
                }
                if (early) {
                    CompletableFuture<Map<Integer, String>> m = CompletableFuture.allOf(madeDeps.toArray(CompletableFuture[]::new))
                            .thenApplyAsync(ignored -> createAhead(s, plan, imageIds.get(s.name())), pool);
                    made.put(s.name(), m);
                    deps.add(m);
                }
                CompletableFuture<Map<Integer, String>> ahead = made.get(s.name());
                CompletableFuture<Void> f = CompletableFuture.allOf(deps.toArray(CompletableFuture[]::new))
                        .thenRunAsync(() -> service(s, plan, imageIds.get(s.name()), ahead == null ? Map.of() : ahead.join()), pool);
                f.whenComplete((ok, failure) -> {
                    if (failure != null) fail(unwrap(failure));
                });
                done.put(s.name(), f);
            }
            CompletableFuture<Void> all = CompletableFuture.allOf(done.values().toArray(CompletableFuture[]::new));
            while (true) {
                try {
                    all.get(100, TimeUnit.MILLISECONDS);
                    break;
                } catch (TimeoutException notYet) {
                    if (firstFailure.get() != null) break;
                    ctx.cancellation().check();
                } catch (ExecutionException failed) {
                    // The whenComplete above may not have run yet: record the failure here too (the first one wins).
                    fail(unwrap(failed));
                    break;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new GwrunError("interrupted", "interrupted");
                }
            }
            GwrunError failure = firstFailure.get();
            if (failure != null) {
                ctx.cancellation().cancel(new GwrunError("cancelled", "another service failed"));
                throw failure;
            }
        } finally {
            // The workers have been cancelled (or are done): give them a moment to finish their own clean-up
            // (a recreate removing its half-made container) before interrupting them, then sweep what is left.
            pool.shutdown();
            boolean interrupted = Thread.interrupted();
            try {
                if (!pool.awaitTermination(5, TimeUnit.SECONDS)) pool.shutdownNow();
            } catch (InterruptedException e) {
                interrupted = true;
                pool.shutdownNow();
            }
            ops.sweep();
            // Created ahead for a start that never came (a dependency failed, or up was cancelled): not left behind.
            for (String id : new ArrayList<>(unstarted.keySet())) ops.removeQuietly(id);
            unstarted.clear();
            if (interrupted) Thread.currentThread().interrupt();
        }
    }

    private void fail(Throwable t) {
        GwrunError e = t instanceof GwrunError g ? g : new GwrunError("compose", String.valueOf(t.getMessage()), null, t);
        if (e.isCancellation() && firstFailure.get() != null) return;
        if (firstFailure.compareAndSet(null, e)) ctx.cancellation().cancel(new GwrunError("cancelled", "another service failed: " + e.getMessage()));
    }

    private static Throwable unwrap(Throwable t) {
        while ((t instanceof java.util.concurrent.CompletionException || t instanceof ExecutionException) && t.getCause() != null) t = t.getCause();
        return t;
    }

    /** The service's new containers, created (not started) before its dependencies are ready: number to id. */
    private Map<Integer, String> createAhead(Service s, Plan plan, String imageId) {
        Project p = project.project();
        return Calls.run(ctx, e -> DockerErrors.translate(e, ops.engine(), "service '" + s.name() + "'", "create"), attach -> {
            Map<Integer, String> ids = new LinkedHashMap<>();
            for (Action a : plan.actions().get(s.name())) {
                if (!a.kind().equals("create")) continue;
                ctx.cancellation().check();
                String name = Names.container(p, s, a.number());
                ContainerSpec spec = new ContainerSpec(p, s, a.number(), name, imageId);
                String id = ops.create(spec, name, name, spec.labels(false, null));
                unstarted.put(id, name);
                ids.put(a.number(), id);
            }
            return ids;
        });
    }

    /** One service, on its own thread: wait for what it depends on, then converge its containers. */
    private void service(Service s, Plan plan, String imageId, Map<Integer, String> createdAhead) {
        Project p = project.project();
        Calls.run(ctx, e -> DockerErrors.translate(e, ops.engine(), "service '" + s.name() + "'", "start"), attach -> {
            awaitDependencies(s, plan, attach);
            List<Action> actions = plan.actions().get(s.name());
            int keep = (int) actions.stream().filter(a -> !a.kind().equals("remove")).count();
            for (Action a : actions) {
                if (!a.kind().equals("remove")) continue;
                ops.stopAndRemove(a.box().id(), a.box().name(), Ops.grace(s, null), false);
                ops.log("removed " + a.box().name() + " (scaled down to " + keep + ")");
                removed.add(a.box().name());
            }
            for (Action a : actions) {
                switch (a.kind()) {
                    case "keep" -> unchanged.add(a.box().name());
                    case "start" -> {
                        ops.start(a.box().id(), a.box().name(), false);
                        ops.log("started " + a.box().name());
                        started.add(a.box().name());
                    }
                    case "recreate" -> {
                        String name = Names.container(p, s, a.number());
                        ContainerSpec spec = new ContainerSpec(p, s, a.number(), name, imageId);
                        String tmp = a.box().id().substring(0, Math.min(12, a.box().id().length())) + "_" + name;
                        String id;
                        ops.provisional(tmp);
                        try {
                            id = ops.create(spec, tmp, name, spec.labels(false, null));
                        } catch (RuntimeException interrupted) {
                            // Cancelled while the engine created it: it may exist without our knowing its id.
                            ops.removeQuietly(tmp);
                            throw interrupted;
                        }
                        try {
                            ops.stopAndRemove(a.box().id(), a.box().name(), Ops.grace(s, null), false);
                            ops.rename(id, tmp, name);
                            ops.settled(tmp);
                        } catch (RuntimeException interrupted) {
                            // Cancelled or failed half-way: the new container must not stay behind under its temporary name.
                            ops.removeQuietly(id);
                            throw interrupted;
                        }
                        ops.start(id, name, false);
                        ops.log("recreated " + name + " (" + (a.changes().equals(List.of("forced")) ? "force_recreate" : "config changed: " + String.join(", ", a.changes())) + ")");
                        recreated.add(name);
                    }
                    case "create" -> {
                        String name = Names.container(p, s, a.number());
                        ContainerSpec spec = new ContainerSpec(p, s, a.number(), name, imageId);
                        String id = createdAhead.get(a.number());
                        if (id == null) id = ops.create(spec, name, name, spec.labels(false, null));
                        unstarted.remove(id);
                        ops.start(id, name, true);
                        ops.log("created " + name + " (image " + spec.imageRef + ", " + Images.shortId(imageId) + ")");
                        created.add(name);
                    }
                    default -> { }
                }
            }
            return null;
        });
    }

    private void awaitDependencies(Service s, Plan plan, Calls.Attach attach) {
        for (Map.Entry<String, Dependency> e : Graph.dependencies(s).entrySet()) {
            Service dep = plan.services().get(e.getKey());
            if (dep == null || dep.replicas() == 0) continue;
            String condition = e.getValue().condition() == null ? "service_started" : e.getValue().condition();
            Readiness.Want want = switch (condition) {
                case "service_healthy" -> Readiness.Want.HEALTHY;
                case "service_completed_successfully" -> Readiness.Want.COMPLETED;
                default -> null;
            };
            if (want == null) continue;
            List<String> containers = containersOf(dep.name());
            try {
                Readiness.await(ctx, ops.engine(), dep, containers, want, deadline, text(options.timeout()), attach, events);
            } catch (GwrunError failed) {
                if (failed.isCancellation()) throw failed;
                if (!e.getValue().required()) {
                    ops.log("optional dependency '" + dep.name() + "' of '" + s.name() + "' is not ready: " + failed.getMessage().lines().findFirst().orElse(""));
                    continue;
                }
                throw new GwrunError("compose", "compose.up: service '" + s.name() + "' was not started: its dependency " + failed.getMessage()).conclusive();
            }
        }
    }

    private List<String> containersOf(String service) {
        List<String> out = new ArrayList<>();
        for (Observed.Box b : Observed.containers(ops.engine(), project.project().name())) {
            if (!b.oneoff() && b.service().equals(service)) out.add(b.name());
        }
        return out;
    }

    /** wait: every service's containers up (healthy, or a one-shot that exited 0), failing at the first that fails. */
    private void awaitAll(Map<String, Service> services) {
        Calls.run(ctx, e -> DockerErrors.translate(e, ops.engine(), "project '" + project.project().name() + "'", "wait for"), attach -> {
            Map<String, List<String>> pending = new LinkedHashMap<>();
            List<Observed.Box> boxes = Observed.containers(ops.engine(), project.project().name());
            for (Service s : services.values()) {
                if (s.replicas() <= 0) continue;
                List<String> names = new ArrayList<>();
                for (Observed.Box b : boxes) if (!b.oneoff() && b.service().equals(s.name())) names.add(b.name());
                pending.put(s.name(), names);
            }
            long start = System.nanoTime();
            awaitUp(services, pending, attach);
            ops.log("project " + project.project().name() + " is up (" + (System.nanoTime() - start) / 1_000_000 + "ms waiting)");
            return null;
        });
    }

    /**
     * Checks every pending container, then again each one the engine reports news of (only that one), and
     * all of them every {@link Readiness#POLL} in any case.
     */
    private void awaitUp(Map<String, Service> services, Map<String, List<String>> pending, Calls.Attach attach) {
        ProjectEvents.Cursor cursor = events.cursor();
        Set<String> news = null; // null: look at all of them
        while (!pending.isEmpty()) {
            String notYet = null;
            for (var it = pending.entrySet().iterator(); it.hasNext(); ) {
                var e = it.next();
                Service s = services.get(e.getKey());
                List<String> left = new ArrayList<>();
                for (String c : e.getValue()) {
                    if (news != null && !news.contains(c)) {
                        left.add(c);
                        continue;
                    }
                    if (events.reportedHealthy(c)) continue; // what an inspect would say, without one
                    String n;
                    try {
                        n = Readiness.check(ops.engine(), s, c, Readiness.Want.UP, attach);
                    } catch (GwrunError failed) {
                        throw new GwrunError("compose", "compose.up: " + failed.getMessage()).conclusive();
                    }
                    if (n != null) {
                        left.add(c);
                        if (notYet == null) notYet = "service '" + s.name() + "': " + n;
                    }
                }
                if (left.isEmpty()) it.remove();
                else e.setValue(left);
            }
            if (pending.isEmpty()) break;
            if (System.nanoTime() > deadline) {
                if (news != null) { // a last look at all of them, for the message to say what one is doing
                    news = null;
                    continue;
                }
                throw new GwrunError("compose", "compose.up: not up after " + text(options.timeout()) + ": " + notYet);
            }
            List<String> waiting = new ArrayList<>();
            pending.values().forEach(waiting::addAll);
            news = cursor.await(ctx.cancellation(), waiting, Readiness.POLL);
            if (news.isEmpty()) news = null;
        }
    }

    static String text(Duration d) {
        long s = d.toSeconds();
        if (d.toMillis() % 1000 != 0) return d.toMillis() + "ms";
        if (s % 60 == 0 && s > 0) return s / 60 + "m";
        return s + "s";
    }

    // ---- plan --probe ----

    /** What up would do, reading only: the line gwrun plan --probe shows. */
    static String preview(ComposeProject given, Options options, Ops ops) {
        ComposeProject project = given.enabling(options.services());
        Project p = project.project();
        Map<String, Service> services = Graph.select(project, options.services(), options.noDeps(), "compose.up");
        List<String> parts = new ArrayList<>();
        for (String key : ProjectResources.networks(services.values())) {
            var n = p.networks().get(key);
            if (n != null && !ProjectResources.networkExists(ops, n.name())) parts.add((n.external() ? "fail: external network missing " : "create network ") + n.name());
        }
        for (String key : ProjectResources.volumes(p, services.values())) {
            var v = p.volumes().get(key);
            if (!ProjectResources.volumeExists(ops, v.name())) parts.add((v.external() ? "fail: external volume missing " : "create volume ") + v.name());
        }
        Map<String, String> ids = new LinkedHashMap<>();
        for (Service s : services.values()) {
            String id = ServiceImages.localId(ops, p, s);
            if (id == null || options.build() && s.build() != null) parts.add((s.build() != null ? "build " : "pull ") + Names.image(p, s));
            ids.put(s.name(), options.build() && s.build() != null ? null : id);
        }
        Plan plan = plan(project, services, ids, options.forceRecreate(), ops);
        List<String> keep = new ArrayList<>();
        for (Map.Entry<String, List<Action>> e : plan.actions().entrySet()) {
            Service s = services.get(e.getKey());
            for (Action a : e.getValue()) {
                String name = a.box() != null ? a.box().name() : Names.container(p, s, a.number());
                switch (a.kind()) {
                    case "create" -> parts.add("create " + name);
                    case "recreate" -> parts.add("recreate " + name + " (" + String.join(", ", a.changes()) + ")");
                    case "start" -> parts.add("start " + name);
                    case "remove" -> parts.add("remove " + name);
                    default -> keep.add(name);
                }
            }
        }
        for (Observed.Box o : plan.orphans()) if (options.removeOrphans()) parts.add("remove orphan " + o.name());
        String out = parts.isEmpty() ? "would change nothing" : "would " + String.join(", ", parts);
        if (!keep.isEmpty()) out += "; leave " + String.join(", ", keep) + " as they are";
        return out;
    }
}
