package dev.gwrun.stdlib.compose.model;

import java.util.List;

/** How a service joins one network (the long form of {@code networks:} under a service). */
public record ServiceNetwork(List<String> aliases, String ipv4Address, String ipv6Address, Integer priority) {
}
