package dev.gwrun.stdlib.docker;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A container as the engine's inspect answers it ({@code GET /containers/{id}/json}), read as a JSON
 * tree with the few fields gwrun reads: what docker-java's {@code InspectContainerResponse} would hold,
 * without building Jackson's deserializer for its hundred-odd types, which cost a cold JVM some 80 ms
 * of CPU on a run's first inspect. A field the engine leaves out reads as null (or empty).
 */
public final class Inspected {
    private final JsonNode j;

    private Inspected(JsonNode j) {
        this.j = j;
    }

    /** Inspects a container by name or id; a missing one throws docker-java's NotFoundException, as its command would. */
    public static Inspected of(Engine engine, String nameOrId) {
        return new Inspected(engine.get("/containers/" + Engine.enc(nameOrId) + "/json"));
    }

    /** For tests and the prewarm: an answer already read. */
    static Inspected of(JsonNode answer) {
        return new Inspected(answer);
    }

    public String id() { return text(j.path("Id")); }

    /** The name without the engine's leading slash ("" when missing). */
    public String name() { return ContainerView.stripSlash(text(j.path("Name"))); }

    /** The image as the container was created with it (Config.Image). */
    public String image() { return text(j.path("Config").path("Image")); }

    /** created, running, paused, restarting, removing, exited or dead; null when the engine says nothing. */
    public String status() { return text(j.path("State").path("Status")); }

    public Long exitCode() { return number(j.path("State").path("ExitCode")); }

    public boolean oomKilled() { return j.path("State").path("OOMKilled").asBoolean(false); }

    /** The engine's error for a container that could not start, or null. */
    public String error() { return text(j.path("State").path("Error")); }

    public String startedAt() { return text(j.path("State").path("StartedAt")); }

    /** The health-check state, or null for a container without a health check. */
    public Health health() {
        JsonNode h = j.path("State").path("Health");
        return h.isObject() ? new Health(h) : null;
    }

    /** Config.Labels, in the engine's order (empty when none). */
    public Map<String, String> labels() {
        return textMap(j.path("Config").path("Labels"));
    }

    /** A JSON object of strings (labels) as a map in the engine's order; empty when missing or null. */
    static Map<String, String> textMap(JsonNode object) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            out.put(e.getKey(), text(e.getValue()));
        }
        return out;
    }

    /** The networks the container is on, by name, each with its address ("" when it has none yet), in the engine's order. */
    public Map<String, String> networks() {
        Map<String, String> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = j.path("NetworkSettings").path("Networks").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String ip = text(e.getValue().path("IPAddress"));
            out.put(e.getKey(), ip == null ? "" : ip);
        }
        return out;
    }

    /** One published port: the host port ("8001"), the container port and its protocol ("8000", "tcp"). */
    public record Published(String hostPort, int containerPort, String protocol) {}

    /** The ports published on the host (NetworkSettings.Ports), one per binding with a host port. */
    public List<Published> published() {
        List<Published> out = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = j.path("NetworkSettings").path("Ports").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isArray()) continue;
            String key = e.getKey();
            int slash = key.indexOf('/');
            int port;
            try {
                port = Integer.parseInt(slash < 0 ? key : key.substring(0, slash));
            } catch (NumberFormatException notAPort) {
                continue;
            }
            String protocol = slash < 0 ? "tcp" : key.substring(slash + 1);
            for (JsonNode b : e.getValue()) {
                String host = text(b.path("HostPort"));
                if (host != null && !host.isEmpty()) out.add(new Published(host, port, protocol));
            }
        }
        return out;
    }

    /**
     * The published ports as a container object shows them: host port to container port ("8000", or "53/udp"
     * for another protocol than tcp), by host port.
     */
    public Map<String, Object> ports() {
        Map<String, Object> out = new TreeMap<>();
        for (Published p : published()) out.put(p.hostPort(), ContainerView.containerPort(p.containerPort(), p.protocol()));
        return out;
    }

    /** The container's first network address that is not empty ("" when it has none). */
    public String ip() {
        return ContainerView.firstIp(networks().values());
    }

    /** A container's health: its status, the failing streak and the last checks the engine keeps. */
    public static final class Health {
        private final JsonNode h;

        private Health(JsonNode h) {
            this.h = h;
        }

        /** starting, healthy, unhealthy or none; null when the engine says nothing. */
        public String status() { return text(h.path("Status")); }

        public Integer failingStreak() {
            Long n = number(h.path("FailingStreak"));
            return n == null ? null : n.intValue();
        }

        /** The last checks, oldest first. */
        public List<Check> checks() {
            List<Check> out = new ArrayList<>();
            for (JsonNode c : h.path("Log")) out.add(new Check(number(c.path("ExitCode")), text(c.path("Output"))));
            return out;
        }
    }

    /** One finished health check: its exit code and what it printed. */
    public record Check(Long exitCode, String output) {}

    private static String text(JsonNode n) {
        return n.isMissingNode() || n.isNull() ? null : n.asText();
    }

    private static Long number(JsonNode n) {
        return n.isNumber() ? n.asLong() : null;
    }
}
