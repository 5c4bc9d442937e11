package dev.gwrun.stdlib.compose.model;

import java.util.Map;

/** A top-level named volume. {@code name} is the engine's name: {@code <project>_<key>} unless set or external. */
public record Volume(String key, String name, String driver, Map<String, String> driverOpts, boolean external,
                     Map<String, String> labels) {
}
