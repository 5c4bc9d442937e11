package dev.gwrun.stdlib.compose;

import dev.gwrun.stdlib.compose.model.Project;
import dev.gwrun.stdlib.compose.model.Service;

/**
 * The names and labels Compose v2 gives what it creates ({@code pkg/api/labels.go}), so that
 * {@code docker compose ps} and gwrun see the same project: containers {@code <project>-<service>-<n>},
 * networks and volumes {@code <project>_<key>} (the loader names those), each labelled with its project.
 */
final class Names {
    static final String PROJECT = "com.docker.compose.project";
    static final String SERVICE = "com.docker.compose.service";
    static final String NUMBER = "com.docker.compose.container-number";
    static final String ONEOFF = "com.docker.compose.oneoff";
    static final String SLUG = "com.docker.compose.slug";
    static final String CONFIG_FILES = "com.docker.compose.project.config_files";
    static final String WORKING_DIR = "com.docker.compose.project.working_dir";
    static final String DEPENDS_ON = "com.docker.compose.depends_on";
    static final String IMAGE = "com.docker.compose.image";
    static final String VERSION = "com.docker.compose.version";
    static final String CONFIG_HASH = "com.docker.compose.config-hash";
    static final String REPLACE = "com.docker.compose.replace";
    static final String NETWORK = "com.docker.compose.network";
    static final String VOLUME = "com.docker.compose.volume";
    /** gwrun's own: a short hash per part of the service's config, so a recreate can say what changed. */
    static final String CONFIG_PARTS = "dev.gwrun.compose.config-parts";
    /**
     * The Compose version written in {@link #VERSION}: the v2 release whose labels these are. Compose
     * reads the label only to tell v1 projects from v2 ones.
     */
    static final String COMPOSE_VERSION = "2.29.0";

    private Names() {}

    /** {@code <project>-<service>-<n>}, or the service's container_name. */
    static String container(Project p, Service s, int number) {
        if (s.containerName() != null && !s.containerName().isBlank()) return s.containerName();
        return p.name() + "-" + s.name() + "-" + number;
    }

    /** The image a service without {@code image:} is built as: {@code <project>-<service>}, as Compose v2 names it. */
    static String image(Project p, Service s) {
        return s.image() != null && !s.image().isBlank() ? s.image() : p.name() + "-" + s.name();
    }
}
