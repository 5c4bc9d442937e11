package dev.gwrun.stdlib.docker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One container of the engine's listing ({@code GET /containers/json}, what {@code docker ps} shows), read
 * as a JSON tree like {@link Inspected}: the listing is the first call of compose.up and docker.ps, and
 * docker-java's {@code Container} codec costs a cold JVM some 20 ms of CPU to build.
 *
 * @param name   the first name, without the engine's leading slash (the id when it has none)
 * @param state  created, running, paused, restarting, removing, exited or dead ("unknown" when missing)
 * @param status the engine's words for it: "Up 3 seconds (healthy)", "Exited (1) 2 minutes ago"
 * @param ips    the container's addresses on its networks, in the engine's order
 */
public record Listed(String id, String name, List<String> names, String image, String state, String status,
                     Map<String, String> labels, List<Port> ports, List<String> ips) {

    /** A port as the listing shows it: the container's, the host's when published (else null), tcp or udp. */
    public record Port(int privatePort, Integer publicPort, String type) {}

    /**
     * The containers the engine lists: every one with {@code all}, else only running ones; with labels,
     * only those carrying each ("key" or "key=value", the engine's label filter).
     */
    public static List<Listed> list(Engine engine, boolean all, List<String> labels) {
        StringBuilder path = new StringBuilder("/containers/json?all=").append(all ? 1 : 0);
        if (!labels.isEmpty()) {
            ObjectNode filters = Engine.json().createObjectNode();
            labels.forEach(filters.putArray("label")::add);
            path.append("&filters=").append(Engine.enc(filters.toString()));
        }
        List<Listed> out = new ArrayList<>();
        for (JsonNode c : engine.get(path.toString())) out.add(of(c));
        return out;
    }

    static Listed of(JsonNode c) {
        List<String> names = new ArrayList<>();
        for (JsonNode n : c.path("Names")) names.add(ContainerView.stripSlash(n.asText()));
        Map<String, String> labels = Inspected.textMap(c.path("Labels"));
        List<Port> ports = new ArrayList<>();
        for (JsonNode p : c.path("Ports")) {
            if (!p.path("PrivatePort").isNumber()) continue;
            ports.add(new Port(p.path("PrivatePort").asInt(), p.path("PublicPort").isNumber() ? p.path("PublicPort").asInt() : null,
                    p.path("Type").isTextual() ? p.path("Type").asText() : "tcp"));
        }
        List<String> ips = new ArrayList<>();
        for (JsonNode n : c.path("NetworkSettings").path("Networks")) ips.add(n.path("IPAddress").asText(""));
        String id = c.path("Id").asText();
        return new Listed(id, names.isEmpty() ? id : names.get(0), names, c.path("Image").asText(""),
                c.path("State").isTextual() ? c.path("State").asText() : "unknown", c.path("Status").asText(""), labels, ports, ips);
    }
}
