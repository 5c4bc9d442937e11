package dev.gwrun.stdlib.compose.load;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.gwrun.stdlib.FuzzInput;
import dev.gwrun.source.Diagnostic;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Coverage-guided fuzzing of the one dotenv parser (Compose's .env and env_file:, --env-file, dotenv())
 * on the bytes of a file, UTF-8 or not: it returns the variables or throws a {@link ComposeException}
 * that names the file and the line; nothing else escapes and no input takes more than 2 s.
 * Seeds: {@code DotenvFuzzTestInputs/read/}; see docs/fuzzing.md.
 */
class DotenvFuzzTest {
    private static final Path FILE = Path.of("target/fuzz-dotenv/.env").toAbsolutePath();
    private static final Map<String, String> ENV = Map.of("HOME", "/home/fuzz", "TAG", "1.2", "EMPTY", "");

    @FuzzTest(maxDuration = "2m")
    void read(byte[] input) throws Throwable {
        FuzzInput.check(() -> readOne(input));
    }

    private static void readOne(byte[] input) throws IOException {
        Files.createDirectories(FILE.getParent());
        Files.write(FILE, input);
        try {
            Map<String, String> vars = Dotenv.read(FILE, ENV::get);
            assertThat(vars).doesNotContainKey(null);
        } catch (ComposeException e) {
            assertThat(e.getCause()).as("an internal error, not a diagnostic").isNull();
            for (Diagnostic d : e.diagnostics()) {
                if (d.span() != null) {
                    assertThat(d.span().file().name()).isEqualTo(FILE.toString());
                } else {
                    assertThat(d.message()).as("names the file and line").containsPattern("env file " + FILE + ":\\d+");
                }
            }
            assertThat(ComposeErrors.text(e)).contains(FILE.toString());
        }
    }
}
