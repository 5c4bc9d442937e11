package dev.gwrun.stdlib.compose.model;

/**
 * One {@code depends_on} entry in the long form.
 *
 * @param condition service_started (the short form's), service_healthy or service_completed_successfully
 * @param restart   restart this service when the dependency is restarted
 * @param required  false: a missing or disabled dependency is ignored
 */
public record Dependency(String condition, boolean restart, boolean required) {
}
