package dev.gwrun.cli;

import dev.gwrun.source.DiagnosticRenderer;
import dev.gwrun.stdlib.compose.load.ComposeException;
import dev.gwrun.stdlib.compose.load.Dotenv;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * gwrun's {@code --env-file}: read by the one dotenv parser ({@link Dotenv}) that also reads Compose's
 * {@code .env} and {@code env_file:}, so a file means the same to gwrun as to Docker Compose.
 */
final class EnvFile {
    private EnvFile() {}

    /**
     * Every --env-file, later files over earlier ones; {@code ${VAR}} in a file sees the process
     * environment first, as Compose's --env-file does. Null after printing why one cannot be read
     * (file, line, column and the line itself); the caller exits with the usage code.
     */
    static Map<String, String> readAll(List<Path> files, java.io.PrintWriter err) {
        Map<String, String> values = new LinkedHashMap<>();
        for (Path f : files) {
            try {
                values.putAll(Dotenv.read(f, System::getenv));
            } catch (ComposeException e) {
                DiagnosticRenderer renderer = new DiagnosticRenderer(false);
                e.diagnostics().forEach(d -> err.print("gwrun: " + renderer.render(d)));
                err.flush();
                return null;
            }
        }
        return values;
    }
}
