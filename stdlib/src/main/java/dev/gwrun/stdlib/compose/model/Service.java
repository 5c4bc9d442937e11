package dev.gwrun.stdlib.compose.model;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One service of a loaded project, normalised: every short form expanded, every relative path
 * absolute, every duration parsed. Collections are never null (empty instead); a null scalar means
 * "not set" (the image's or the engine's default applies).
 *
 * @param command     null when not set (the image's CMD); a string in the file is split as a shell would
 * @param entrypoint  null when not set
 * @param environment after env_file and environment: merged; a variable declared without a value that is
 *                    unset in the environment is absent
 * @param replicas    deploy.replicas, else scale, else 1
 * @param networks    the networks the service joins, by top-level key (the implicit {@code default} when none
 *                    is named and there is no network_mode)
 * @param networkMode host, none, bridge, service:NAME, container:NAME; null when not set
 * @param healthcheck null when not set (the image's HEALTHCHECK applies)
 * @param deploy      the deploy section as canonical plain data (Swarm reads it); empty when absent
 * @param raw         the service's canonical map, for keys not named here
 */
public record Service(
        String name,
        String image,
        Build build,
        List<String> command,
        List<String> entrypoint,
        Map<String, String> environment,
        Map<String, String> labels,
        List<Port> ports,
        List<Mount> volumes,
        Map<String, ServiceNetwork> networks,
        String networkMode,
        Map<String, Dependency> dependsOn,
        Healthcheck healthcheck,
        String restart,
        int replicas,
        String containerName,
        Boolean init,
        String user,
        String workingDir,
        String hostname,
        List<String> extraHosts,
        List<String> profiles,
        String pullPolicy,
        Duration stopGracePeriod,
        String stopSignal,
        boolean tty,
        boolean stdinOpen,
        boolean privileged,
        boolean readOnly,
        List<String> capAdd,
        List<String> capDrop,
        List<String> dns,
        List<String> tmpfs,
        Map<String, String> sysctls,
        Logging logging,
        List<FileRef> secrets,
        List<FileRef> configs,
        Map<String, Object> deploy,
        Map<String, Object> raw) {
}
