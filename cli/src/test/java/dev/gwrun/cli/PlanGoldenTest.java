package dev.gwrun.cli;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The plan of every runbook in {@code runbooks/}, in all three formats, must equal its golden file
 * in {@code src/test/resources/plan/NAME.{txt,md,json}}; {@code plan/NAME.args} may hold -p
 * arguments, one per line. A plan that changed fails here: regenerate with
 * {@code -Dgolden.update=true} and review the diff, as for GoldenTest.
 */
class PlanGoldenTest {
    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    static final Path DIR = Path.of("src/test/resources/plan");

    @TestFactory
    Stream<DynamicTest> everyRunbookHasAnUpToDatePlan() throws IOException {
        List<Path> runbooks;
        try (Stream<Path> s = Files.list(ROOT.resolve("runbooks"))) {
            runbooks = s.filter(p -> p.toString().endsWith(".gwrun") && java.nio.file.Files.isRegularFile(p)).sorted().toList();
        }
        assertThat(runbooks).isNotEmpty();
        List<DynamicTest> tests = new ArrayList<>();
        for (Path rb : runbooks) {
            for (String format : List.of("text", "markdown", "json")) {
                tests.add(DynamicTest.dynamicTest(rb.getFileName() + " as " + format, () -> check(rb, format)));
            }
        }
        return tests.stream();
    }

    private static void check(Path runbook, String format) throws IOException {
        String name = runbook.getFileName().toString().replace(".gwrun", "");
        List<String> args = new ArrayList<>(List.of("plan", "../runbooks/" + runbook.getFileName(), "--format", format));
        Path argsFile = DIR.resolve(name + ".args");
        if (Files.exists(argsFile)) {
            for (String line : Files.readAllLines(argsFile)) if (!line.isBlank()) args.add(line.strip());
        }
        GoldenTest.Result r = GoldenTest.run(args.toArray(new String[0]));
        assertThat(r.exit()).as(r.err()).isEqualTo(0);
        Path golden = DIR.resolve(name + switch (format) { case "text" -> ".txt"; case "markdown" -> ".md"; default -> ".json"; });
        if (Boolean.getBoolean("golden.update")) {
            Files.createDirectories(DIR);
            Files.writeString(golden, r.out(), StandardCharsets.UTF_8);
        }
        assertThat(golden).as("plan golden %s (run with -Dgolden.update=true to create it)", golden).exists();
        assertThat(r.out()).as("the plan of %s changed: review it and regenerate with -Dgolden.update=true", runbook)
                .isEqualTo(Files.readString(golden, StandardCharsets.UTF_8));
    }
}
