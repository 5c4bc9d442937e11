package dev.gwrun.stdlib.compose.load;

import dev.gwrun.stdlib.compose.model.Project;

/** Prints a loaded project as {@code docker compose config} (Compose v2) does: YAML or JSON. */
public final class CanonicalWriter {
    private CanonicalWriter() {}

    public static String yaml(Project project) {
        throw new UnsupportedOperationException("the Compose loader is being written (issue 16)");
    }

    public static String json(Project project) {
        throw new UnsupportedOperationException("the Compose loader is being written (issue 16)");
    }
}
