package dev.gwrun.stdlib.compose.load;

/**
 * The one entry of the Compose loader: files to a {@link dev.gwrun.stdlib.compose.model.Project}, in
 * compose-go's stages (parse with positions, interpolate, include and extends, merge, profiles,
 * normalise, validate). Touches nothing but the files it reads.
 */
public final class ComposeLoader {
    private ComposeLoader() {}

    /**
     * Loads a project.
     *
     * @throws ComposeException every error found, each with its file:line:col where there is one
     */
    public static Loaded load(LoadOptions options) {
        throw new UnsupportedOperationException("the Compose loader is being written (issue 16)");
    }
}
