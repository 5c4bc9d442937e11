package dev.gwrun.stdlib.compose.load;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.gwrun.stdlib.FuzzInput;
import dev.gwrun.source.Diagnostic;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Coverage-guided fuzzing of the Compose loader: the input is a {@code compose.yaml}, optionally followed
 * by a NUL byte and the project's {@code .env}. A load returns a project that writes out as YAML and JSON
 * ({@code gwrun compose config}), or throws a {@link ComposeException} whose errors have a file:line:col
 * (or name the file or variable they are about); never an internal error, never more than 2 s an input.
 * Seeds: {@code ComposeLoaderFuzzTestInputs/load/}, the Compose corpus; see docs/fuzzing.md.
 */
class ComposeLoaderFuzzTest {
    private static final Path DIR = Path.of("target/fuzz-compose").toAbsolutePath();
    private static final Map<String, String> ENV = Map.of("HOME", "/home/fuzz", "TAG", "1.2");

    @FuzzTest(maxDuration = "2m")
    void load(byte[] input) throws Throwable {
        FuzzInput.check(() -> loadOne(input));
    }

    private static void loadOne(byte[] input) throws IOException {
        int nul = indexOf(input, (byte) 0);
        Files.createDirectories(DIR);
        Path compose = DIR.resolve("compose.yaml"), env = DIR.resolve(".env");
        Files.write(compose, nul < 0 ? input : Arrays.copyOf(input, nul));
        if (nul < 0) Files.deleteIfExists(env); else Files.write(env, Arrays.copyOfRange(input, nul + 1, input.length));
        try {
            Loaded loaded = ComposeLoader.load(new LoadOptions(List.of(compose), null, List.of(), null, List.of(), ENV));
            CanonicalWriter.yaml(loaded.project());
            CanonicalWriter.json(loaded.project());
        } catch (ComposeException e) {
            assertThat(e.getCause()).as("an internal error of the loader, not a diagnostic").isNull();
            assertThat(e.diagnostics()).isNotEmpty();
            for (Diagnostic d : e.diagnostics()) {
                if (d.span() == null) {
                    // about a whole file (missing, empty, not UTF-8) or a value from outside the files (COMPOSE_PROJECT_NAME)
                    assertThat(d.message()).as("an error without a position names its file or variable")
                            .containsAnyOf(DIR.toString(), "compose.yaml", ".env", "(from COMPOSE_PROJECT_NAME)");
                }
            }
            assertThat(ComposeErrors.text(e)).isNotBlank();
        }
    }

    private static int indexOf(byte[] bytes, byte b) {
        for (int i = 0; i < bytes.length; i++) if (bytes[i] == b) return i;
        return -1;
    }
}
