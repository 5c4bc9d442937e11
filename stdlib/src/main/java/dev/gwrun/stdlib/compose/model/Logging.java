package dev.gwrun.stdlib.compose.model;

import java.util.Map;

/** A service's logging driver and its options. */
public record Logging(String driver, Map<String, String> options) {
}
