package dev.gwrun.stdlib.compose.model;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A loaded Compose project: every file merged, interpolated and normalised, as {@code docker compose
 * config} would print it. The typed records are what the engine calls read; {@link #canonical()} is the
 * whole model in Compose v2's canonical form (what {@code gwrun compose config} prints and the conformance
 * tests compare), so keys the records do not name are not lost.
 *
 * @param name             the project name (normalised: lower case, [a-z0-9_-], starting with a letter or digit)
 * @param workingDir       the project directory: relative paths in the files were resolved against it
 * @param configFiles      the files loaded, in order (absolute)
 * @param services         the enabled services (no profile, or an active one, or named explicitly), in file order
 * @param disabledServices services left out by profiles
 * @param networks         top-level networks by key, including the implicit {@code default} when a service uses it
 * @param volumes          top-level named volumes by key
 * @param secrets          top-level secrets by key
 * @param configs          top-level configs by key
 * @param profiles         the active profiles
 * @param canonical        the resolved model as plain data (LinkedHashMap, ArrayList, String, Long, Double, Boolean)
 */
public record Project(
        String name,
        Path workingDir,
        List<Path> configFiles,
        Map<String, Service> services,
        Map<String, Service> disabledServices,
        Map<String, Network> networks,
        Map<String, Volume> volumes,
        Map<String, FileObject> secrets,
        Map<String, FileObject> configs,
        List<String> profiles,
        Map<String, Object> canonical) {

    public Service service(String name) { return services.get(name); }
}
