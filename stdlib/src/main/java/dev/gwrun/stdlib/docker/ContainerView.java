package dev.gwrun.stdlib.docker;

import dev.gwrun.host.Type;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Containers as runbooks see them. {@code ports} has the shape {@code docker.run} takes: host port
 * to container port ({@code {"8001": "8000"}}, with {@code /udp} on UDP ports), so what went in
 * reads back the same.
 */
final class ContainerView {
    /** The static type of a container, so the checker catches {@code c.stat}. */
    static final Type TYPE = Type.object("docker container", Map.of(
            "id", Type.STRING,
            "name", Type.STRING,
            "image", Type.STRING,
            "state", Type.STRING,
            "health", Type.STRING,
            "exit_code", Type.INT,
            "ports", Type.MAP,
            "ip", Type.STRING,
            "labels", Type.MAP));

    private ContainerView() {}

    static DockerObject of(Inspected c) {
        Inspected.Health h = c.health();
        return make(c.id(), c.name(), c.image() == null ? "" : c.image(),
                c.status() == null ? "unknown" : c.status(),
                h == null || h.status() == null ? "none" : h.status(),
                c.exitCode() == null ? 0L : c.exitCode(),
                c.ports(), c.ip(), c.labels());
    }

    /** From a `ps` listing, which carries health only inside its status text: "Up 3 seconds (healthy)". */
    static DockerObject of(Listed c) {
        Map<String, Object> ports = new TreeMap<>();
        for (Listed.Port p : c.ports()) {
            if (p.publicPort() != null) ports.put(String.valueOf(p.publicPort()), containerPort(p.privatePort(), p.type()));
        }
        String status = c.status();
        String health = status.contains("(healthy)") ? "healthy" : status.contains("(unhealthy)") ? "unhealthy"
                : status.contains("(health: starting)") ? "starting" : "none";
        long exit = 0;
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("Exited \\((\\d+)\\)").matcher(status);
        if (m.find()) exit = Long.parseLong(m.group(1));
        return make(c.id(), c.names().isEmpty() ? "" : c.names().get(0), c.image(), c.state(), health, exit, ports, firstIp(c.ips()), c.labels());
    }

    private static DockerObject make(String id, String name, String image, String state, String health, long exit,
                                     Map<String, Object> ports, String ip, Map<String, String> labels) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("id", id);
        f.put("name", name);
        f.put("image", image == null ? "" : image);
        f.put("state", state);
        f.put("health", health);
        f.put("exit_code", exit);
        f.put("ports", new LinkedHashMap<>(ports));
        f.put("ip", ip == null ? "" : ip);
        f.put("labels", labels == null ? new LinkedHashMap<>() : new LinkedHashMap<String, Object>(new TreeMap<>(labels)));
        String text = name + " " + state + (health.equals("none") ? "" : " (" + health + ")")
                + (state.equals("exited") ? " exit code " + exit : "") + " " + image;
        return new DockerObject(TYPE, f, text);
    }

    /** "8000", or "53/udp" for another protocol than tcp. */
    static String containerPort(int port, String protocol) {
        return protocol == null || protocol.equalsIgnoreCase("tcp") ? String.valueOf(port) : port + "/" + protocol.toLowerCase(java.util.Locale.ROOT);
    }

    /** The first address that is not empty ("" when none). */
    static String firstIp(java.util.Collection<String> ips) {
        for (String ip : ips) {
            if (ip != null && !ip.isEmpty()) return ip;
        }
        return "";
    }

    static String stripSlash(String name) {
        return name != null && name.startsWith("/") ? name.substring(1) : name == null ? "" : name;
    }
}
