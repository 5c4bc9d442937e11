package dev.gwrun.stdlib.docker;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.dockerjava.api.model.AccessMode;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.HealthCheck;
import com.github.dockerjava.api.model.PortBinding;
import com.github.dockerjava.api.model.Ports;
import com.github.dockerjava.api.model.RestartPolicy;
import com.github.dockerjava.api.model.Volume;
import dev.gwrun.host.Args;
import dev.gwrun.runtime.GwrunError;
import dev.gwrun.runtime.Values;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The arguments of {@code docker.run}, checked and converted before the engine is touched, so a
 * malformed port or volume fails in gwrun's words and leaves nothing half-created.
 */
final class RunSpec {
    final String name;
    final String image;
    final List<PortBinding> ports = new ArrayList<>();
    final List<String> env = new ArrayList<>();
    final List<Bind> binds = new ArrayList<>();
    final String network;
    final List<String> command;
    final Map<String, String> labels = new LinkedHashMap<>();
    final RestartPolicy restart;
    final HealthCheck healthcheck;
    final boolean init;

    private RunSpec(Args a, Path directory) {
        String fn = a.signature().name();
        name = a.string("name");
        image = a.string("image");
        parsePorts(fn, a.value("ports"));
        for (Map.Entry<String, Object> e : a.map("env").entrySet()) {
            env.add(e.getKey() + "=" + (e.getValue() == null ? "" : Values.str(e.getValue())));
        }
        for (Map.Entry<String, Object> e : a.map("volumes").entrySet()) binds.add(bind(fn, e.getKey(), e.getValue(), directory));
        network = a.string("network", null);
        command = a.has("command") ? a.list("command").stream().map(Values::str).toList() : null;
        for (Map.Entry<String, Object> e : a.map("labels").entrySet()) labels.put(e.getKey(), Values.str(e.getValue()));
        restart = a.has("restart") ? restart(fn, a.string("restart")) : null;
        healthcheck = a.has("healthcheck") ? healthcheck(fn, a.value("healthcheck")) : null;
        init = a.bool("init", false);
    }

    static RunSpec from(Args a, Path directory) {
        return new RunSpec(a, directory);
    }

    /**
     * Creates the container and returns its id. The request is written as a JSON tree, not through
     * docker-java's CreateContainerCmd: building Jackson's serializer for that type and its HostConfig
     * costs a cold JVM some 60 ms of CPU, on the first call of most deploys.
     */
    String create(Engine engine) {
        ObjectNode body = Engine.json().createObjectNode();
        body.put("Image", image);
        strings(body.putArray("Env"), env);
        ObjectNode labelNode = body.putObject("Labels");
        labels.forEach(labelNode::put);
        if (command != null) strings(body.putArray("Cmd"), command);
        if (healthcheck != null) {
            ObjectNode h = body.putObject("Healthcheck");
            strings(h.putArray("Test"), healthcheck.getTest());
            if (healthcheck.getInterval() != null) h.put("Interval", healthcheck.getInterval());
            if (healthcheck.getTimeout() != null) h.put("Timeout", healthcheck.getTimeout());
            if (healthcheck.getStartPeriod() != null) h.put("StartPeriod", healthcheck.getStartPeriod());
            if (healthcheck.getRetries() != null) h.put("Retries", healthcheck.getRetries());
        }
        ObjectNode exposed = body.putObject("ExposedPorts");
        ObjectNode host = body.putObject("HostConfig");
        ObjectNode bindings = host.putObject("PortBindings");
        for (PortBinding p : ports) {
            String key = p.getExposedPort().toString();
            exposed.putObject(key);
            ArrayNode list = bindings.has(key) ? (ArrayNode) bindings.get(key) : bindings.putArray(key);
            ObjectNode b = list.addObject();
            b.put("HostIp", p.getBinding().getHostIp() == null ? "" : p.getBinding().getHostIp());
            b.put("HostPort", p.getBinding().getHostPortSpec());
        }
        ArrayNode bindList = host.putArray("Binds");
        for (Bind b : binds) bindList.add(b.getPath() + ":" + b.getVolume().getPath() + ":" + b.getAccessMode());
        if (network != null) host.put("NetworkMode", network);
        if (restart != null) {
            ObjectNode r = host.putObject("RestartPolicy");
            r.put("Name", restart.getName());
            if (restart.getMaximumRetryCount() != null) r.put("MaximumRetryCount", restart.getMaximumRetryCount());
        }
        if (init) host.put("Init", true);
        return engine.post("/containers/create?name=" + Engine.enc(name), body).path("Id").asText();
    }

    private static void strings(ArrayNode to, List<String> values) {
        for (String v : values) to.add(v);
    }

    /** " on :8001" (or " on :8001, :8443"), for the log line of a started container. */
    String portsText() {
        if (ports.isEmpty()) return "";
        List<String> hostPorts = new ArrayList<>();
        for (PortBinding p : ports) hostPorts.add(":" + p.getBinding().getHostPortSpec());
        return " on " + String.join(", ", hostPorts);
    }

    private void parsePorts(String fn, Object value) {
        if (value == null) return;
        if (value instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> e : map.entrySet()) ports.add(port(fn, Values.str(e.getKey()), Values.str(e.getValue())));
        } else if (value instanceof List<?> list) {
            for (Object o : list) {
                String s = Values.str(o);
                int colon = s.lastIndexOf(':');
                if (colon <= 0) throw new GwrunError("type", fn + ": port '" + s + "' must read HOST:CONTAINER, e.g. \"8001:8000\"");
                ports.add(port(fn, s.substring(0, colon), s.substring(colon + 1)));
            }
        } else {
            throw new GwrunError("type", fn + ": ports must be a map {\"8001\": \"8000\"} or a list [\"8001:8000\"], got " + Values.typeName(value));
        }
    }

    /** Host "8001" or "127.0.0.1:8001"; container "8000" or "8000/udp". */
    private static PortBinding port(String fn, String host, String container) {
        String c = container.strip();
        String proto = "tcp";
        int slash = c.indexOf('/');
        if (slash >= 0) {
            proto = c.substring(slash + 1);
            c = c.substring(0, slash);
        }
        String hostIp = null;
        String hostPort = host.strip();
        int colon = hostPort.lastIndexOf(':');
        if (colon >= 0) {
            hostIp = hostPort.substring(0, colon);
            hostPort = hostPort.substring(colon + 1);
        }
        if (!c.matches("\\d{1,5}") || !hostPort.matches("\\d{1,5}") || !(proto.equals("tcp") || proto.equals("udp") || proto.equals("sctp"))) {
            throw new GwrunError("type", fn + ": port mapping '" + host + "' → '" + container + "' must be host port to container port, e.g. {\"8001\": \"8000\"}");
        }
        ExposedPort exposed = proto.equals("udp") ? ExposedPort.udp(Integer.parseInt(c)) : proto.equals("sctp") ? ExposedPort.sctp(Integer.parseInt(c)) : ExposedPort.tcp(Integer.parseInt(c));
        return new PortBinding(Ports.Binding.bindIpAndPort(hostIp, Integer.parseInt(hostPort)), exposed);
    }

    /** A volume name or a host path (absolute, or ./relative to the runbook) to a container path, ":ro" for read-only. */
    private static Bind bind(String fn, String source, Object target, Path directory) {
        if (target == null) throw new GwrunError("type", fn + ": volume '" + source + "' needs a container path");
        String t = Values.str(target);
        AccessMode mode = AccessMode.rw;
        if (t.endsWith(":ro")) {
            mode = AccessMode.ro;
            t = t.substring(0, t.length() - 3);
        } else if (t.endsWith(":rw")) {
            t = t.substring(0, t.length() - 3);
        }
        if (!t.startsWith("/")) throw new GwrunError("type", fn + ": the container path for volume '" + source + "' must be absolute, got '" + t + "'");
        String s = source;
        if (s.startsWith("./") || s.startsWith("../")) s = directory.resolve(s).normalize().toString();
        return new Bind(s, new Volume(t), mode);
    }

    private static RestartPolicy restart(String fn, String policy) {
        try {
            return RestartPolicy.parse(policy);
        } catch (IllegalArgumentException e) {
            throw new GwrunError("type", fn + ": restart must be no, always, unless-stopped, on-failure or on-failure:N, got '" + policy + "'");
        }
    }

    private static HealthCheck healthcheck(String fn, Object value) {
        HealthCheck h = new HealthCheck();
        if (value instanceof CharSequence cmd) return h.withTest(List.of("CMD-SHELL", cmd.toString()));
        if (!(value instanceof Map<?, ?> m)) {
            throw new GwrunError("type", fn + ": healthcheck must be a command string or a map {test:, interval:, timeout:, retries:, start_period:}");
        }
        for (Map.Entry<?, ?> e : m.entrySet()) {
            String k = String.valueOf(e.getKey());
            Object v = e.getValue();
            switch (k) {
                case "test" -> {
                    if (v instanceof CharSequence s) h.withTest(List.of("CMD-SHELL", s.toString()));
                    else if (v instanceof List<?> l) h.withTest(prefixExec(l.stream().map(Values::str).toList()));
                    else throw new GwrunError("type", fn + ": healthcheck test must be a string or a list");
                }
                case "interval" -> h.withInterval(nanos(fn, k, v));
                case "timeout" -> h.withTimeout(nanos(fn, k, v));
                case "start_period" -> h.withStartPeriod(nanos(fn, k, v));
                case "retries" -> {
                    if (!(v instanceof Long n)) throw new GwrunError("type", fn + ": healthcheck retries must be an int");
                    h.withRetries(n.intValue());
                }
                default -> throw new GwrunError("type", fn + ": healthcheck has no setting '" + k + "' (test, interval, timeout, retries, start_period)");
            }
        }
        if (h.getTest() == null) throw new GwrunError("type", fn + ": healthcheck needs test:");
        return h;
    }

    private static List<String> prefixExec(List<String> test) {
        if (!test.isEmpty() && (test.get(0).equals("CMD") || test.get(0).equals("CMD-SHELL") || test.get(0).equals("NONE"))) return test;
        List<String> out = new ArrayList<>();
        out.add("CMD");
        out.addAll(test);
        return out;
    }

    private static long nanos(String fn, String key, Object v) {
        if (!(v instanceof Duration d)) throw new GwrunError("type", fn + ": healthcheck " + key + " must be a duration like 2s");
        // The engine refuses health intervals under 1ms; anything that short is a typo.
        if (d.toMillis() < 1) throw new GwrunError("type", fn + ": healthcheck " + key + " must be at least 1ms");
        return d.toNanos();
    }
}
