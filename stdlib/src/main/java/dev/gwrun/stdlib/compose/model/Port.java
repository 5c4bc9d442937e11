package dev.gwrun.stdlib.compose.model;

/**
 * One published or exposed port, in the long syntax every short form expands to ({@code "127.0.0.1:8080:80/udp"}
 * is host_ip 127.0.0.1, published "8080", target 80, protocol udp). A range expands to one Port per port.
 *
 * @param published the host port or null (an ephemeral host port); a string, as Compose v2 prints it
 * @param mode      "ingress" (default) or "host"
 */
public record Port(String hostIp, String published, int target, String protocol, String mode, String name, String appProtocol) {
}
