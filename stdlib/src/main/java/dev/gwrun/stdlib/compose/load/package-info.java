/**
 * The Compose file loader: files in, a {@link dev.gwrun.stdlib.compose.model.Project} out, in compose-go's
 * order. Start at {@link dev.gwrun.stdlib.compose.load.ComposeLoader#load}. The stages, one class each:
 * <ol>
 *   <li>{@code ProjectFiles}: the files (-f, COMPOSE_FILE or discovery), the project directory, the variables
 *       (process environment over the --env-file files or the .env, read by {@link dev.gwrun.stdlib.compose.load.Dotenv});</li>
 *   <li>{@code ProjectName}: -p, COMPOSE_PROJECT_NAME, name:, the directory's name;</li>
 *   <li>{@link dev.gwrun.stdlib.compose.load.YamlReader}: text to {@link dev.gwrun.stdlib.compose.load.YNode}s with spans;</li>
 *   <li>{@code Interpolator} ({@link dev.gwrun.stdlib.compose.load.Template} for one string): ${VAR} in values, re-typed per key;</li>
 *   <li>{@code FileNormalizer}, {@code ServiceNormalizer} ({@code Ports}, {@code Volumes}, {@code Units},
 *       {@code ShellWords}): keys and types checked, short forms to long, relative paths absolute;</li>
 *   <li>{@code ModelLoader}: per file, include (a sub-load), {@code Extends}, then {@code Merger} over the files before;</li>
 *   <li>{@code Profiles}, {@code ServiceEnvironment} (env_file), {@code ProjectDefaults} (default network, engine
 *       names), {@code Consistency} (references, cycles);</li>
 *   <li>{@code ModelBuilder}: the records and v2's canonical plain data; {@link dev.gwrun.stdlib.compose.load.CanonicalWriter}
 *       prints it.</li>
 * </ol>
 * Every error is a {@link dev.gwrun.stdlib.compose.load.ComposeException} of diagnostics with the file:line:col
 * of the YAML node concerned; a stage collects the errors of independent keys, services and files.
 */
package dev.gwrun.stdlib.compose.load;
