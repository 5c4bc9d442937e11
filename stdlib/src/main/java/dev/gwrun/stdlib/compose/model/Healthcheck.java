package dev.gwrun.stdlib.compose.model;

import java.time.Duration;
import java.util.List;

/**
 * A service's healthcheck. {@code test} is as the engine takes it: {@code ["CMD", …]},
 * {@code ["CMD-SHELL", "…"]} (a string test becomes this) or {@code ["NONE"]}. Null durations and
 * retries mean the engine's defaults. {@code disable: true} is {@code test: ["NONE"]}.
 */
public record Healthcheck(List<String> test, Duration interval, Duration timeout, Integer retries,
                          Duration startPeriod, Duration startInterval, boolean disable) {
}
