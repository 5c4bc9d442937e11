package dev.gwrun.stdlib.compose.load;

import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;

/**
 * The one dotenv parser: Compose's {@code .env}, {@code --env-file} and {@code env_file}, gwrun's own
 * {@code --env-file} and the runbook function {@code dotenv(path)}, with compose-go's dotenv rules.
 */
public final class Dotenv {
    private Dotenv() {}

    /**
     * Reads a file's variables in file order.
     *
     * @param lookup values of variables the file refers to (${VAR} in unquoted and double-quoted values)
     *               that it does not define itself; null for none
     * @throws ComposeException naming the file, line and column of a malformed line, or why it cannot be read
     */
    public static Map<String, String> read(Path file, Function<String, String> lookup) {
        throw new UnsupportedOperationException("the dotenv parser is being written (issue 16)");
    }
}
