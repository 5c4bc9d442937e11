package dev.gwrun.stdlib.compose.load;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What a load is asked for, as the Compose CLI's flags say it.
 *
 * @param files       the -f files in order; empty: discover compose.yaml, compose.yml, docker-compose.yaml,
 *                    docker-compose.yml in {@code workingDir} (and its override file beside it)
 * @param workingDir  --project-directory; null: the directory of the first file (or the current one)
 * @param envFiles    --env-file files in order, later ones winning; null or empty: the .env of the project
 *                    directory, if there is one
 * @param projectName -p; null: COMPOSE_PROJECT_NAME, then top-level name:, then the directory's name
 * @param profiles    --profile values (COMPOSE_PROFILES is read when this is empty)
 * @param environment the process environment (interpolation reads it first, over any env file)
 */
public record LoadOptions(List<Path> files, Path workingDir, List<Path> envFiles, String projectName,
                          List<String> profiles, Map<String, String> environment) {

    public static LoadOptions of(List<Path> files) {
        return new LoadOptions(files, null, List.of(), null, List.of(), System.getenv());
    }
}
