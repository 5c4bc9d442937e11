package dev.gwrun.stdlib.compose.model;

import java.util.Map;

/**
 * A top-level network. {@code name} is the engine's name: {@code <project>_<key>} unless set with
 * {@code name:}, or the key itself for an external network.
 *
 * @param ipam the ipam section as canonical plain data; empty when absent
 */
public record Network(String key, String name, String driver, Map<String, String> driverOpts, boolean external,
                      boolean internal, boolean attachable, Boolean enableIpv6, Map<String, String> labels,
                      Map<String, Object> ipam) {
}
