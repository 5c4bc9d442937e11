package dev.gwrun.stdlib.swarm;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Config;
import com.github.dockerjava.api.model.ContainerSpec;
import com.github.dockerjava.api.model.ContainerSpecFile;
import com.github.dockerjava.api.model.ContainerSpecSecret;
import com.github.dockerjava.api.model.HealthCheck;
import com.github.dockerjava.api.model.Network;
import com.github.dockerjava.api.model.Secret;
import com.github.dockerjava.api.model.SecretSpec;
import com.github.dockerjava.api.model.Service;
import com.github.dockerjava.api.model.ServiceModeConfig;
import com.github.dockerjava.api.model.ServiceReplicatedModeOptions;
import com.github.dockerjava.api.model.ServiceRestartCondition;
import com.github.dockerjava.api.model.ServiceRestartPolicy;
import com.github.dockerjava.api.model.ServiceSpec;
import com.github.dockerjava.api.model.Task;
import com.github.dockerjava.api.model.TaskState;
import com.github.dockerjava.api.model.UpdateConfig;
import dev.gwrun.host.Type;
import dev.gwrun.runtime.GwrunError;
import dev.gwrun.runtime.Values;
import dev.gwrun.stdlib.compose.ComposeProject;
import dev.gwrun.stdlib.compose.model.FileObject;
import dev.gwrun.stdlib.compose.model.Project;
import dev.gwrun.stdlib.docker.DockerObject;
import dev.gwrun.stdlib.docker.Engine;
import com.github.dockerjava.transport.DockerHttpClient;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/** The stack and service functions of the swarm module. */
final class Stacks {
    static final Type DEPLOY_TYPE = Type.object("swarm deploy", Map.of(
            "stack", Type.STRING, "services", Type.LIST, "created", Type.LIST, "updated", Type.LIST, "unchanged", Type.LIST,
            "removed", Type.LIST));
    static final Type SERVICE_TYPE = Type.object("swarm service", Map.of(
            "name", Type.STRING, "id", Type.STRING, "stack", Type.STRING, "image", Type.STRING, "mode", Type.STRING,
            "replicas", Type.INT, "running", Type.INT, "update_state", Type.STRING));
    static final Type TASK_TYPE = Type.object("swarm task", Map.ofEntries(
            Map.entry("name", Type.STRING), Map.entry("id", Type.STRING), Map.entry("service", Type.STRING), Map.entry("slot", Type.INT),
            Map.entry("node", Type.STRING), Map.entry("image", Type.STRING), Map.entry("state", Type.STRING),
            Map.entry("desired_state", Type.STRING), Map.entry("error", Type.STRING), Map.entry("exit_code", Type.INT),
            Map.entry("container", Type.STRING)));
    static final Type RUN_TYPE = Type.object("swarm run result", Map.of(
            "exit", Type.INT, "stdout", Type.STRING, "stderr", Type.STRING, "ok", Type.BOOL));

    private Stacks() {}

    // ---- deploy ----

    static Object deploy(SwarmOps ops, ComposeProject handle, String stack, boolean prune, Duration timeout) throws InterruptedException {
        Project p = handle.project();
        checkStackName(stack);
        StackSpec.refuseForbidden(p);
        for (String line : StackSpec.ignored(p)) ops.log(line);
        Map<String, String> ns = Map.of(StackSpec.NAMESPACE, stack);

        // --prune, first, as the CLI does it: the stack's services the project no longer has.
        List<Object> removed = new ArrayList<>();
        if (prune) {
            for (Service s : stale(ops, p, stack)) {
                try {
                    ops.d.removeServiceCmd(s.getId()).exec();
                } catch (NotFoundException gone) {
                    continue;
                }
                ops.log("removed service " + s.getSpec().getName() + " (not in the project)");
                removed.add(s.getSpec().getName());
            }
        }

        // Networks: overlay, attachable as written, labelled with the stack.
        Map<String, Network> existing = new HashMap<>();
        for (Network n : ops.d.listNetworksCmd().exec()) existing.put(n.getName(), n);
        java.util.Set<String> used = new java.util.TreeSet<>();
        Map<String, String> networkIds = new HashMap<>();
        for (var s : p.services().values()) used.addAll(s.networks().keySet());
        for (String key : used) {
            var n = p.networks().get(key);
            if (n == null) continue;
            String name = StackSpec.networkName(p, stack, n);
            if (n.external()) {
                if (!existing.containsKey(name)) throw new GwrunError("swarm", "network '" + name + "' is declared as external, but could not be found; create it first");
                networkIds.put(name, swarmNetworkId(ops, existing.get(name)));
                continue;
            }
            if (existing.containsKey(name)) {
                networkIds.put(name, swarmNetworkId(ops, existing.get(name)));
                continue;
            }
            Map<String, String> labels = new TreeMap<>(n.labels());
            labels.putAll(ns);
            var cmd = ops.d.createNetworkCmd().withName(name).withDriver(n.driver() == null ? "overlay" : n.driver()).withLabels(labels)
                    .withAttachable(n.attachable()).withInternal(n.internal()).withOptions(n.driverOpts());
            Network.Ipam ipam = ipam(n.ipam());
            if (ipam != null) cmd.withIpam(ipam);
            networkIds.put(name, cmd.exec().getId());
            ops.log("created network " + name);
        }

        Map<String, String> secretIds = fileObjects(ops, p, stack, p.secrets(), true);
        Map<String, String> configIds = fileObjects(ops, p, stack, p.configs(), false);

        Map<String, Service> current = new HashMap<>();
        for (Service s : ops.d.listServicesCmd().withLabelFilter(ns).exec()) current.put(s.getSpec().getName(), s);
        List<Object> names = new ArrayList<>();
        List<Object> created = new ArrayList<>();
        List<Object> updated = new ArrayList<>();
        List<Object> unchanged = new ArrayList<>();
        Map<String, Converge.Before> changed = new LinkedHashMap<>();
        for (var s : p.services().values()) {
            ServiceSpec spec = StackSpec.service(p, stack, s, secretIds, configIds);
            // By id, as the engine keeps them: a spec that names them compares equal to the one it stored.
            for (var att : spec.getTaskTemplate().getNetworks()) att.withTarget(networkIds.getOrDefault(att.getTarget(), att.getTarget()));
            String name = spec.getName();
            names.add(name);
            Service old = current.get(name);
            if (old == null) {
                String id = ops.d.createServiceCmd(spec).exec().getId();
                ops.log("created service " + name + " (image " + s.image() + ", " + modeWords(spec) + ")");
                created.add(name);
                changed.put(id, new Converge.Before(null, null));
            } else {
                // As the CLI: keep the force-update counter, so only a real change rolls tasks.
                spec.getTaskTemplate().withForceUpdate(old.getSpec().getTaskTemplate().getForceUpdate());
                String diff = SpecDiff.between(old.getSpec(), spec);
                if (diff == null) {
                    unchanged.add(name);
                    continue;
                }
                ops.d.updateServiceCmd(old.getId(), spec).withVersion(old.getVersion().getIndex()).exec();
                ops.log("updated service " + name + " (" + diff + ")");
                updated.add(name);
                changed.put(old.getId(), Converge.Before.of(old));
            }
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        for (Map.Entry<String, Converge.Before> e : changed.entrySet()) {
            Duration left = Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
            Converge.await(ops, e.getKey(), e.getValue(), left, true);
        }
        Converge.settle(ops, new ArrayList<>(changed.keySet()), deadline);
        ops.log("stack " + stack + " converged: " + names.size() + (names.size() == 1 ? " service" : " services")
                + (unchanged.isEmpty() ? "" : " (" + unchanged.size() + " unchanged)"));
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("stack", stack);
        f.put("services", names);
        f.put("created", created);
        f.put("updated", updated);
        f.put("unchanged", unchanged);
        f.put("removed", removed);
        return new DockerObject(DEPLOY_TYPE, f, "stack " + stack + " (" + names.size() + " services)");
    }

    /**
     * The stack's services that the project does not have (by name), sorted: what {@code --prune} removes. One-off
     * tasks' services ({@link #run}) are not the stack's to prune: they remove themselves.
     */
    private static List<Service> stale(SwarmOps ops, Project p, String stack) {
        java.util.Set<String> wanted = new java.util.HashSet<>();
        for (var s : p.services().values()) wanted.add(StackSpec.scoped(stack, s.name()));
        List<Service> out = new ArrayList<>();
        for (Service s : ops.d.listServicesCmd().withLabelFilter(Map.of(StackSpec.NAMESPACE, stack)).exec()) {
            Map<String, String> labels = s.getSpec().getLabels();
            if (labels != null && labels.containsKey(StackSpec.ONEOFF)) continue;
            if (!wanted.contains(s.getSpec().getName())) out.add(s);
        }
        out.sort(java.util.Comparator.comparing(s -> s.getSpec().getName()));
        return out;
    }

    /**
     * What {@link #deploy} would do now, reading only (for {@code gwrun plan --probe}): the networks, secrets and
     * configs it would create, the services it would create, update (saying what changed), remove (with prune) or
     * leave as they are.
     */
    static String preview(SwarmOps ops, ComposeProject handle, String stack, boolean prune) {
        Project p = handle.project();
        checkStackName(stack);
        StackSpec.refuseForbidden(p);
        List<String> parts = new ArrayList<>();
        Map<String, String> networkIds = new HashMap<>();
        Map<String, Network> existing = new HashMap<>();
        for (Network n : ops.d.listNetworksCmd().exec()) existing.put(n.getName(), n);
        java.util.Set<String> used = new java.util.TreeSet<>();
        for (var s : p.services().values()) used.addAll(s.networks().keySet());
        for (String key : used) {
            var n = p.networks().get(key);
            if (n == null) continue;
            String name = StackSpec.networkName(p, stack, n);
            if (existing.containsKey(name)) networkIds.put(name, swarmNetworkId(ops, existing.get(name)));
            else parts.add((n.external() ? "fail: external network missing " : "create network ") + name);
        }
        Map<String, String> secretIds = new HashMap<>();
        for (Secret x : ops.d.listSecretsCmd().exec()) secretIds.put(x.getSpec().getName(), x.getId());
        Map<String, String> configIds = new HashMap<>();
        for (Config x : ops.d.listConfigsCmd().exec()) configIds.put(x.getSpec().getName(), x.getId());
        for (var s : p.services().values()) {
            for (var r : s.secrets()) newFileObject(p, stack, p.secrets().get(r.source()), secretIds, "secret", parts);
            for (var r : s.configs()) newFileObject(p, stack, p.configs().get(r.source()), configIds, "config", parts);
        }
        Map<String, Service> current = new HashMap<>();
        for (Service s : ops.d.listServicesCmd().withLabelFilter(Map.of(StackSpec.NAMESPACE, stack)).exec()) current.put(s.getSpec().getName(), s);
        List<String> leave = new ArrayList<>();
        for (var s : p.services().values()) {
            ServiceSpec spec = StackSpec.service(p, stack, s, secretIds, configIds);
            for (var att : spec.getTaskTemplate().getNetworks()) att.withTarget(networkIds.getOrDefault(att.getTarget(), att.getTarget()));
            String name = spec.getName();
            Service old = current.get(name);
            String missing = imageMissing(ops, s.image());
            if (old == null) {
                parts.add("create service " + name + " (image " + s.image() + ", " + modeWords(spec) + missing + ")");
                continue;
            }
            spec.getTaskTemplate().withForceUpdate(old.getSpec().getTaskTemplate().getForceUpdate());
            String diff = SpecDiff.between(old.getSpec(), spec);
            if (diff == null) leave.add(name);
            else parts.add("update service " + name + " (" + diff + (diff.contains("image") ? missing : "") + ")");
        }
        for (Service s : stale(ops, p, stack)) {
            if (prune) parts.add("remove service " + s.getSpec().getName() + " (not in the project)");
            else leave.add(s.getSpec().getName() + " (not in the project)");
        }
        String out = parts.isEmpty() ? "would change nothing in stack " + stack : "would " + String.join(", ", parts);
        if (!leave.isEmpty()) out += "; leave " + String.join(", ", leave) + " as " + (leave.size() == 1 ? "it is" : "they are");
        return out;
    }

    private static void newFileObject(Project p, String stack, FileObject f, Map<String, String> ids, String kind, List<String> parts) {
        if (f == null) return;
        String name = StackSpec.fileObjectName(p, stack, f);
        String part = (f.external() ? "fail: external " + kind + " missing " : "create " + kind + " ") + name;
        if (!ids.containsKey(name) && !parts.contains(part)) parts.add(part);
    }

    /** ", image not on this engine" when the manager lacks it (another node may have it: it is not a failure yet). */
    private static String imageMissing(SwarmOps ops, String image) {
        if (image == null) return "";
        try {
            ops.d.inspectImageCmd(image).exec();
            return "";
        } catch (NotFoundException e) {
            return "; image not on this engine";
        }
    }

    /**
     * The id the swarm knows a network by, which services store: the engine's own for an overlay network, another
     * one for the predefined host and bridge networks (the engine's local ids would make every deploy see the
     * networks of a service on the host network changed).
     */
    private static String swarmNetworkId(SwarmOps ops, Network n) {
        try {
            JsonNode j = Engine.json().readTree(ops.request(DockerHttpClient.Request.Method.GET,
                    "/networks/" + SwarmOps.enc(n.getName()) + "?scope=swarm", null));
            return j.path("Id").asText(n.getId());
        } catch (NotFoundException | IOException localOnly) {
            return n.getId();
        }
    }

    /** The ipam section as the CLI sends it: the driver and each config's subnet. */
    private static Network.Ipam ipam(Map<String, Object> ipam) {
        if (ipam == null || ipam.isEmpty()) return null;
        Object driver = ipam.get("driver");
        List<Network.Ipam.Config> configs = new ArrayList<>();
        if (ipam.get("config") instanceof List<?> l) {
            for (Object o : l) {
                Map<String, Object> c = StackSpec.map(o);
                if (c != null && c.get("subnet") != null) configs.add(new Network.Ipam.Config().withSubnet(c.get("subnet").toString()));
            }
        }
        if (driver == null && configs.isEmpty()) return null;
        Network.Ipam out = new Network.Ipam().withConfig(configs);
        if (driver != null) out.withDriver(driver.toString());
        return out;
    }

    static void checkStackName(String stack) {
        if (!stack.matches("[a-zA-Z0-9][a-zA-Z0-9_.-]*")) {
            throw new GwrunError("swarm", "'" + stack + "' is not a stack name (letters, digits, _ . -, starting with a letter or digit)");
        }
    }

    private static String modeWords(ServiceSpec spec) {
        ServiceModeConfig m = spec.getMode();
        if (m != null && m.getGlobal() != null) return "global";
        long r = m == null || m.getReplicated() == null ? 1 : m.getReplicated().getReplicas();
        return r + (r == 1 ? " replica" : " replicas");
    }

    /** Creates the stack's secrets or configs that do not exist yet; returns every one's id by engine name. Never prints their content. */
    private static Map<String, String> fileObjects(SwarmOps ops, Project p, String stack, Map<String, FileObject> declared, boolean secrets) {
        Map<String, String> ids = new HashMap<>();
        if (declared.isEmpty()) return ids;
        String kind = secrets ? "secret" : "config";
        Map<String, String> existing = new HashMap<>();
        if (secrets) for (Secret s : ops.d.listSecretsCmd().exec()) existing.put(s.getSpec().getName(), s.getId());
        else for (Config c : ops.d.listConfigsCmd().exec()) existing.put(c.getSpec().getName(), c.getId());
        java.util.Set<String> usedKeys = new java.util.HashSet<>();
        for (var s : p.services().values()) for (var r : secrets ? s.secrets() : s.configs()) usedKeys.add(r.source());
        for (FileObject f : declared.values()) {
            if (!usedKeys.contains(f.key())) continue;
            String name = StackSpec.fileObjectName(p, stack, f);
            if (existing.containsKey(name)) {
                ids.put(name, existing.get(name));
                continue;
            }
            if (f.external()) throw new GwrunError("swarm", kind + " '" + name + "' is declared as external, but could not be found; create it first");
            byte[] data;
            if (f.file() != null) {
                try {
                    data = Files.readAllBytes(f.file());
                } catch (IOException e) {
                    throw new GwrunError("swarm", "cannot read the file of " + kind + " '" + f.key() + "': " + f.file() + " (" + e.getMessage() + ")");
                }
            } else if (f.environment() != null) {
                String v = ops.ctx.env(f.environment());
                if (v == null) throw new GwrunError("swarm", kind + " '" + f.key() + "' comes from the environment variable " + f.environment() + ", which is not set");
                data = v.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            } else if (f.content() != null) {
                data = f.content().getBytes(java.nio.charset.StandardCharsets.UTF_8);
            } else {
                throw new GwrunError("swarm", kind + " '" + f.key() + "' has no file, environment or content");
            }
            if (secrets) ops.ctx.registerSecret(new String(data, java.nio.charset.StandardCharsets.UTF_8).strip());
            String id;
            if (secrets) {
                id = ops.d.createSecretCmd(new SecretSpec().withName(name).withData(new String(data, java.nio.charset.StandardCharsets.UTF_8))
                        .withLabels(Map.of(StackSpec.NAMESPACE, stack))).exec().getId();
            } else {
                id = ops.d.createConfigCmd().withName(name).withData(data).withLabels(Map.of(StackSpec.NAMESPACE, stack)).exec().getId();
            }
            ops.log("created " + kind + " " + name + " (" + data.length + " bytes)");
            ids.put(name, id);
        }
        return ids;
    }

    // ---- rm ----

    static Object rm(SwarmOps ops, String stack, Duration timeout) throws InterruptedException {
        checkStackName(stack);
        Map<String, String> ns = Map.of(StackSpec.NAMESPACE, stack);
        List<Object> removed = new ArrayList<>();
        for (Service s : ops.d.listServicesCmd().withLabelFilter(ns).exec()) {
            try {
                ops.d.removeServiceCmd(s.getId()).exec();
                ops.log("removed service " + s.getSpec().getName());
                removed.add(s.getSpec().getName());
            } catch (NotFoundException gone) {
                // removed meanwhile
            }
        }
        // Networks, secrets and configs stay in use until the tasks' containers are gone: retry until then.
        long deadline = System.nanoTime() + timeout.toNanos();
        java.util.Set<String> gone = new java.util.HashSet<>();
        while (true) {
            List<String> busy = new ArrayList<>();
            for (Network n : ops.d.listNetworksCmd().exec()) {
                if (n.getLabels() == null || !stack.equals(n.getLabels().get(StackSpec.NAMESPACE))) continue;
                if (gone.contains(n.getId())) {
                    // Removed from the cluster, still listed by this node until it lets go of it: a deploy of the same
                    // stack right after would find it and attach services to a network that no longer exists.
                    busy.add("network " + n.getName() + " (being removed)");
                    continue;
                }
                int before = busy.size();
                if (attempt(ops, () -> ops.d.removeNetworkCmd(n.getId()).exec(), "network " + n.getName(), busy)) removed.add(n.getName());
                if (busy.size() == before) {
                    gone.add(n.getId());
                    busy.add("network " + n.getName() + " (being removed)");
                }
            }
            for (Secret s : ops.d.listSecretsCmd().withLabelFilter(ns).exec()) {
                if (attempt(ops, () -> ops.d.removeSecretCmd(s.getId()).exec(), "secret " + s.getSpec().getName(), busy)) removed.add(s.getSpec().getName());
            }
            for (Config c : ops.d.listConfigsCmd().withFilters(Map.of("label", List.of(StackSpec.NAMESPACE + "=" + stack))).exec()) {
                if (attempt(ops, () -> ops.d.removeConfigCmd(c.getId()).exec(), "config " + c.getSpec().getName(), busy)) removed.add(c.getSpec().getName());
            }
            if (busy.isEmpty()) break;
            if (System.nanoTime() > deadline) {
                throw new GwrunError("swarm", "stack " + stack + ": still in use after " + Values.repr(timeout) + ": " + String.join(", ", busy));
            }
            ops.ctx.cancellation().check();
            Thread.sleep(500);
        }
        if (removed.isEmpty()) ops.log("no stack " + stack + " to remove");
        return removed;
    }

    private static boolean attempt(SwarmOps ops, Runnable remove, String what, List<String> busy) {
        try {
            remove.run();
            ops.log("removed " + what);
            return true;
        } catch (NotFoundException gone) {
            return false;
        } catch (RuntimeException e) {
            String m = dev.gwrun.stdlib.docker.DockerErrors.daemonMessage(e);
            // A network the stack's last task is leaving can be gone between the listing and the removal.
            if (m.endsWith("not found")) return false;
            if (m.contains("in use") || m.contains("active endpoints")) {
                busy.add(what + " (" + m + ")");
                return false;
            }
            throw e;
        }
    }

    // ---- services, tasks ----

    static Object services(SwarmOps ops, String stack) {
        var cmd = ops.d.listServicesCmd();
        if (stack != null) cmd.withLabelFilter(Map.of(StackSpec.NAMESPACE, stack));
        List<Service> list = new ArrayList<>(cmd.exec());
        list.sort(java.util.Comparator.comparing(s -> s.getSpec().getName()));
        List<Object> out = new ArrayList<>();
        for (Service s : list) out.add(serviceView(ops, s));
        return out;
    }

    static DockerObject serviceView(SwarmOps ops, Service s) {
        ServiceSpec spec = s.getSpec();
        long running = 0;
        for (Task t : ops.tasks(s.getId(), false)) {
            if (t.getDesiredState() == TaskState.RUNNING && t.getStatus() != null && t.getStatus().getState() == TaskState.RUNNING) running++;
        }
        boolean global = spec.getMode() != null && spec.getMode().getGlobal() != null;
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("name", spec.getName());
        f.put("id", s.getId());
        f.put("stack", spec.getLabels() == null ? "" : spec.getLabels().getOrDefault(StackSpec.NAMESPACE, ""));
        f.put("image", spec.getTaskTemplate().getContainerSpec().getImage());
        f.put("mode", global ? "global" : "replicated");
        f.put("replicas", Converge.desired(ops, s));
        f.put("running", running);
        f.put("update_state", s.getUpdateStatus() == null || s.getUpdateStatus().getState() == null ? "" : s.getUpdateStatus().getState().name().toLowerCase());
        return new DockerObject(SERVICE_TYPE, f, "service " + spec.getName() + " (" + running + "/" + f.get("replicas") + " running, " + f.get("image") + ")");
    }

    static Object tasks(SwarmOps ops, String service, boolean all) {
        Service s = ops.service(service);
        String name = s.getSpec().getName();
        List<Task> tasks = new ArrayList<>(ops.tasks(s.getId(), false));
        tasks.sort(java.util.Comparator.comparing((Task t) -> Converge.taskName(name, t))
                .thenComparing((Task t) -> t.getUpdatedAt() == null ? "" : t.getUpdatedAt(), java.util.Comparator.reverseOrder()));
        List<Object> out = new ArrayList<>();
        for (Task t : tasks) {
            if (!all && t.getDesiredState() != TaskState.RUNNING) continue;
            out.add(taskView(name, t));
        }
        return out;
    }

    static DockerObject taskView(String service, Task t) {
        var st = t.getStatus();
        var cs = st == null ? null : st.getContainerStatus();
        Map<String, Object> f = new LinkedHashMap<>();
        String name = Converge.taskName(service, t);
        f.put("name", name);
        f.put("id", t.getId());
        f.put("service", service);
        f.put("slot", t.getSlot() == null ? 0L : t.getSlot().longValue());
        f.put("node", t.getNodeId() == null ? "" : t.getNodeId());
        f.put("image", t.getSpec() == null || t.getSpec().getContainerSpec() == null ? "" : t.getSpec().getContainerSpec().getImage());
        f.put("state", st == null || st.getState() == null ? "" : st.getState().getValue());
        f.put("desired_state", t.getDesiredState() == null ? "" : t.getDesiredState().getValue());
        f.put("error", st == null || st.getErr() == null ? "" : st.getErr());
        f.put("exit_code", cs == null || cs.getExitCodeLong() == null ? 0L : cs.getExitCodeLong());
        f.put("container", cs == null || cs.getContainerID() == null ? "" : cs.getContainerID());
        return new DockerObject(TASK_TYPE, f, "task " + name + " " + f.get("state") + (((String) f.get("error")).isEmpty() ? "" : ": " + f.get("error")));
    }

    // ---- update, rollback, scale ----

    static Object update(SwarmOps ops, String service, String image, Map<String, Object> env, Map<String, Object> updateKeys, boolean force,
                         Duration timeout) throws InterruptedException {
        Service s = ops.service(service);
        ServiceSpec spec = s.getSpec();
        String name = spec.getName();
        ContainerSpec c = spec.getTaskTemplate().getContainerSpec();
        List<String> words = new ArrayList<>();
        if (image != null) {
            c.withImage(image);
            if (spec.getLabels() != null && spec.getLabels().containsKey(StackSpec.IMAGE)) {
                Map<String, String> labels = new TreeMap<>(spec.getLabels());
                labels.put(StackSpec.IMAGE, image);
                spec.withLabels(labels);
            }
            words.add("image " + image);
        }
        if (!env.isEmpty()) {
            Map<String, String> vars = new TreeMap<>();
            if (c.getEnv() != null) {
                for (String e : c.getEnv()) {
                    int i = e.indexOf('=');
                    vars.put(i < 0 ? e : e.substring(0, i), i < 0 ? "" : e.substring(i + 1));
                }
            }
            for (Map.Entry<String, Object> e : env.entrySet()) {
                if (e.getValue() == null) vars.remove(e.getKey());
                else vars.put(e.getKey(), Values.str(e.getValue()));
            }
            List<String> list = new ArrayList<>();
            for (Map.Entry<String, String> e : vars.entrySet()) list.add(e.getKey() + "=" + e.getValue());
            c.withEnv(list);
            words.add("env " + String.join(", ", env.keySet()));
        }
        if (!updateKeys.isEmpty()) {
            UpdateConfig u = spec.getUpdateConfig() == null ? new UpdateConfig() : spec.getUpdateConfig();
            StackSpec.applyUpdateKeys(u, updateKeys, "swarm.update");
            spec.withUpdateConfig(u);
        }
        if (force) {
            Integer n = spec.getTaskTemplate().getForceUpdate();
            spec.getTaskTemplate().withForceUpdate(n == null ? 1 : n + 1);
            words.add("forced");
        }
        Converge.Before before = Converge.Before.of(s);
        ops.d.updateServiceCmd(s.getId(), spec).withVersion(s.getVersion().getIndex()).exec();
        ops.log("updating service " + name + (words.isEmpty() ? "" : " (" + String.join("; ", words) + ")"));
        Converge.await(ops, s.getId(), before, timeout, true);
        ops.log("updated service " + name);
        return serviceView(ops, ops.service(s.getId()));
    }

    static Object rollback(SwarmOps ops, String service, Duration timeout) throws InterruptedException {
        Service s = ops.service(service);
        String name = s.getSpec().getName();
        Converge.Before before = Converge.Before.of(s);
        ops.rollback(s.getId());
        ops.log("rolling back service " + name);
        Converge.await(ops, s.getId(), before, timeout, false);
        ops.log("rolled back service " + name);
        return serviceView(ops, ops.service(s.getId()));
    }

    static Object scale(SwarmOps ops, String service, long replicas, Duration timeout) throws InterruptedException {
        if (replicas < 0) throw new GwrunError("swarm", "swarm.scale: replicas must not be negative");
        Service s = ops.service(service);
        ServiceSpec spec = s.getSpec();
        if (spec.getMode() == null || spec.getMode().getReplicated() == null) {
            throw new GwrunError("swarm", "service " + spec.getName() + " is global: only replicated services can be scaled");
        }
        spec.withMode(new ServiceModeConfig().withReplicated(new ServiceReplicatedModeOptions().withReplicas((int) replicas)));
        Converge.Before before = Converge.Before.of(s);
        ops.d.updateServiceCmd(s.getId(), spec).withVersion(s.getVersion().getIndex()).exec();
        ops.log("scaled service " + spec.getName() + " to " + replicas);
        Converge.await(ops, s.getId(), before, timeout, true);
        return serviceView(ops, ops.service(s.getId()));
    }

    static Object logs(SwarmOps ops, String service, Integer tail) throws InterruptedException {
        Service s = ops.service(service);
        return ops.logs(false, s.getId(), tail)[2];
    }

    // ---- one-off task ----

    /**
     * {@code docker compose run --rm} on the cluster: a service of one task that runs the command once (restart
     * condition none, no published ports, no healthcheck), on the stack's networks with the service's config;
     * its exit code and output, then the service is removed.
     */
    static Object run(SwarmOps ops, ComposeProject handle, String stack, String serviceKey, String image, List<String> cmd, Map<String, Object> env,
                      Map<String, Object> secretFiles, boolean check, Duration timeout) throws InterruptedException {
        Project p = handle.project();
        checkStackName(stack);
        var s = p.services().get(serviceKey);
        if (s == null) throw new GwrunError("swarm", "the project has no service '" + serviceKey + "' (it has " + String.join(", ", p.services().keySet()) + ")");
        Map<String, String> secretIds = new HashMap<>();
        for (Secret x : ops.d.listSecretsCmd().exec()) secretIds.put(x.getSpec().getName(), x.getId());
        Map<String, String> configIds = new HashMap<>();
        for (Config x : ops.d.listConfigsCmd().exec()) configIds.put(x.getSpec().getName(), x.getId());
        ServiceSpec spec = StackSpec.service(p, stack, s, secretIds, configIds);
        String name = spec.getName() + "_run_" + UUID.randomUUID().toString().substring(0, 6);
        Map<String, String> labels = new TreeMap<>(spec.getLabels());
        labels.put(StackSpec.ONEOFF, "true");
        spec.withName(name).withLabels(labels)
                .withMode(new ServiceModeConfig().withReplicated(new ServiceReplicatedModeOptions().withReplicas(1)))
                .withUpdateConfig(null).withRollbackConfig(null);
        spec.getEndpointSpec().withPorts(null);
        ContainerSpec c = spec.getTaskTemplate().getContainerSpec();
        if (image != null) c.withImage(image);
        if (cmd != null) c.withArgs(cmd);
        if (!env.isEmpty()) {
            List<String> vars = new ArrayList<>(c.getEnv() == null ? List.of() : c.getEnv());
            for (Map.Entry<String, Object> e : env.entrySet()) vars.add(e.getKey() + "=" + Values.str(e.getValue()));
            c.withEnv(vars);
        }
        c.withHealthCheck(new HealthCheck().withTest(List.of("NONE")));
        spec.getTaskTemplate().withRestartPolicy(new ServiceRestartPolicy().withCondition(ServiceRestartCondition.NONE));
        List<String> taskSecrets = taskSecrets(ops, name, c, secretFiles);
        String id;
        try {
            id = ops.d.createServiceCmd(spec).exec().getId();
        } catch (RuntimeException e) {
            removeTaskSecrets(ops, taskSecrets);
            throw e;
        }
        ops.log("running " + name + " (image " + c.getImage() + "): " + String.join(" ", c.getArgs() == null ? List.of("(its command)") : c.getArgs()));
        try {
            long deadline = System.nanoTime() + timeout.toNanos();
            Task done = null;
            String last = "no task yet";
            while (done == null) {
                ops.ctx.cancellation().check();
                for (Task t : ops.tasks(id, false)) {
                    TaskState st = t.getStatus() == null ? null : t.getStatus().getState();
                    last = st == null ? "new" : st.getValue() + (t.getStatus().getErr() == null ? "" : ": " + t.getStatus().getErr());
                    if (st == TaskState.COMPLETE || st == TaskState.FAILED || st == TaskState.REJECTED || st == TaskState.SHUTDOWN) done = t;
                    else if (st == TaskState.PENDING && t.getStatus().getErr() != null && !t.getStatus().getErr().isBlank()
                            && System.nanoTime() > deadline - timeout.toNanos() + Converge.PENDING_GRACE.toNanos()) {
                        throw new GwrunError("swarm", name + " stays pending: " + t.getStatus().getErr() + " (no node fits)").conclusive();
                    }
                }
                if (done != null) break;
                if (System.nanoTime() > deadline) {
                    throw new GwrunError("swarm", name + " did not finish within " + Values.repr(timeout) + " (its task is " + last + ")");
                }
                Thread.sleep(300);
            }
            TaskState st = done.getStatus().getState();
            var cs = done.getStatus().getContainerStatus();
            if (st == TaskState.REJECTED || cs == null || cs.getContainerID() == null || cs.getContainerID().isEmpty()) {
                throw new GwrunError("swarm", name + " could not start: " + done.getStatus().getErr()).conclusive();
            }
            long exit = cs.getExitCodeLong() == null ? (st == TaskState.COMPLETE ? 0 : -1) : cs.getExitCodeLong();
            String[] out = ops.logs(true, done.getId(), null);
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("exit", exit);
            f.put("stdout", out[0]);
            f.put("stderr", out[1]);
            f.put("ok", exit == 0);
            ops.log(name + " exited " + exit);
            if (check && exit != 0) {
                StringBuilder m = new StringBuilder(name + " (service " + serviceKey + ") exited with code " + exit);
                if (done.getStatus().getErr() != null) m.append(" (").append(done.getStatus().getErr()).append(')');
                String both = out[2];
                if (!both.isBlank()) {
                    String[] lines = both.split("\n", -1);
                    m.append("\nlast log lines:");
                    for (int i = Math.max(0, lines.length - Converge.LOG_LINES); i < lines.length; i++) m.append("\n  ").append(lines[i]);
                }
                throw new GwrunError("swarm", m.toString());
            }
            return new DockerObject(RUN_TYPE, f, name + " exited " + exit);
        } finally {
            try {
                ops.d.removeServiceCmd(id).exec();
            } catch (RuntimeException ignored) {
                // already gone; the error that got us here is the one to report
            }
            removeTaskSecrets(ops, taskSecrets);
        }
    }

    /**
     * The one-off task's {@code secrets:}: each value becomes a Swarm secret of this task alone, mounted read-only
     * at {@code /run/secrets/<key>} (mode 0400), so that it is in no service spec, environment or
     * {@code docker service inspect}; registered with the masker. Returns the secrets' ids, to remove with the task.
     */
    private static List<String> taskSecrets(SwarmOps ops, String task, ContainerSpec c, Map<String, Object> values) {
        List<String> ids = new ArrayList<>();
        if (values.isEmpty()) return ids;
        List<ContainerSpecSecret> mounts = new ArrayList<>(c.getSecrets() == null ? List.of() : c.getSecrets());
        try {
            for (Map.Entry<String, Object> e : values.entrySet()) {
                String key = e.getKey();
                if (!key.matches("[A-Za-z0-9][A-Za-z0-9_.-]{0,31}")) {
                    throw new GwrunError("swarm", "secrets: '" + key + "' is not a file name for /run/secrets (letters, digits, '_', '.', '-', at most 32)");
                }
                String value = Values.str(e.getValue());
                ops.ctx.registerSecret(value);
                String name = task + "_" + key;
                String id = ops.d.createSecretCmd(new SecretSpec().withName(name).withData(value).withLabels(Map.of(StackSpec.ONEOFF, "true"))).exec().getId();
                ids.add(id);
                mounts.add(new ContainerSpecSecret().withSecretName(name).withSecretId(id)
                        .withFile(new ContainerSpecFile().withName(key).withUid("0").withGid("0").withMode(0400L)));
            }
        } catch (RuntimeException e) {
            removeTaskSecrets(ops, ids);
            throw e;
        }
        c.withSecrets(mounts);
        return ids;
    }

    /** Removes a one-off task's secrets; Swarm lets go of one once no service names it, so a few tries are enough. */
    private static void removeTaskSecrets(SwarmOps ops, List<String> ids) {
        for (String id : ids) {
            for (int attempt = 0; ; attempt++) {
                try {
                    ops.d.removeSecretCmd(id).exec();
                    break;
                } catch (NotFoundException gone) {
                    break;
                } catch (RuntimeException busy) {
                    if (attempt >= 20) {
                        ops.log("could not remove the one-off task's secret " + id + ": " + busy.getMessage());
                        break;
                    }
                    try {
                        Thread.sleep(250);
                    } catch (InterruptedException interrupted) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            }
        }
    }
}
