package dev.gwrun.cli;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Golden runbooks: each {@code golden/NAME.gwrun} runs through the real command line (in process)
 * and its output must equal {@code NAME.out}, whose first line is the expected exit code. Optional
 * {@code NAME.args} holds extra arguments, one per line. Timings are replaced by {@code <t>}.
 * Regenerate after an intended change with {@code -Dgolden.update=true} and review the diff.
 */
class GoldenTest {
    static final Path DIR = Path.of("src/test/resources/golden");

    /** The {@code .gwrun} files of a golden folder, in name order; those named {@code _…} are helpers they load. */
    static List<Path> runbooks(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.toString().endsWith(".gwrun") && !p.getFileName().toString().startsWith("_")).sorted().toList();
        }
    }

    @TestFactory
    Stream<DynamicTest> goldenRunbooks() throws IOException {
        List<Path> files = runbooks(DIR);
        assertThat(files).hasSizeGreaterThanOrEqualTo(8);
        return files.stream().map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> check(f)));
    }

    private static void check(Path runbook) throws IOException {
        String base = runbook.toString().substring(0, runbook.toString().length() - ".gwrun".length());
        // Records go under target/, not into the module's own .gwrun directory.
        List<String> args = new ArrayList<>(List.of("run", runbook.toString(), "--state", "target/golden-state"));
        Path argsFile = Path.of(base + ".args");
        if (Files.exists(argsFile)) {
            for (String line : Files.readAllLines(argsFile)) if (!line.isBlank()) args.add(line.strip());
        }
        Result r = run(args.toArray(new String[0]));
        String actual = "exit " + r.exit + "\n" + normalize(r.out) + (r.err.isEmpty() ? "" : "--- stderr\n" + normalize(r.err));
        Path expectedFile = Path.of(base + ".out");
        if (Boolean.getBoolean("golden.update")) {
            Files.writeString(expectedFile, actual, StandardCharsets.UTF_8);
        }
        assertThat(expectedFile).as("golden file %s (run with -Dgolden.update=true to create it)", expectedFile).exists();
        assertThat(actual).isEqualTo(Files.readString(expectedFile, StandardCharsets.UTF_8));
    }

    record Result(int exit, String out, String err) {}

    static Result run(String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        int exit = Main.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(exit, out.toString(), err.toString());
    }

    /** Timings and run ids vary from run to run; everything else must not. */
    static String normalize(String s) {
        return s.replaceAll("\\b\\d{8}T\\d{6}Z-[0-9a-f]{4}\\b", "<run>")
                .replaceAll("\\b\\d+\\.\\d+s\\b", "<t>")
                .replaceAll("\\b\\d+m\\d\\ds\\b", "<t>")
                .replaceAll("\\d+ attempts \\(", "N attempts (")
                .replaceAll("\\(\\d+ attempts;", "(N attempts;");
    }
}
