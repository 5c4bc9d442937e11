package dev.gwrun.cli;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The generated page (and its Mermaid flowchart) of each {@code doc/NAME.gwrun} must equal the
 * committed {@code doc/NAME.md}, checked by `gwrun doc --check` itself. Regenerate with
 * {@code -Dgolden.update=true} and review the diff. DocMermaidIT parses the diagrams with mermaid.
 */
class DocGoldenTest {
    static final Path DIR = Path.of("src/test/resources/doc");

    @TestFactory
    Stream<DynamicTest> generatedPagesMatchTheirGoldens() throws IOException {
        List<Path> files = GoldenTest.runbooks(DIR);
        assertThat(files).isNotEmpty();
        return files.stream().map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> {
            if (Boolean.getBoolean("golden.update")) GoldenTest.run("doc", "-o", DIR.toString(), f.toString());
            GoldenTest.Result r = GoldenTest.run("doc", "--check", "-o", DIR.toString(), f.toString());
            assertThat(r.exit()).as("the page of %s is stale (regenerate with -Dgolden.update=true and review):\n%s%s", f, r.out(), r.err()).isEqualTo(0);
        }));
    }
}
