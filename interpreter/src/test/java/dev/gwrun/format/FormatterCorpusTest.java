package dev.gwrun.format;

import dev.gwrun.parse.Parsing;
import dev.gwrun.source.SourceFile;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Formats every runbook in the repository and every golden runbook that parses, and checks the
 * three promises of {@code gwrun fmt}: the meaning (the AST without spans) does not change, every
 * comment survives, and formatting twice changes nothing more.
 */
class FormatterCorpusTest {
    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @TestFactory
    Stream<DynamicTest> everyRepositoryRunbookFormatsSafely() throws IOException {
        List<Path> files;
        try (Stream<Path> s = Stream.of(Files.walk(ROOT.resolve("runbooks")), Files.list(ROOT.resolve("cli/src/test/resources/golden")),
                Files.list(ROOT.resolve("cli/src/test/resources/doc"))).flatMap(x -> x)) {
            files = s.filter(p -> p.toString().endsWith(".gwrun") && java.nio.file.Files.isRegularFile(p)).sorted().toList();
        }
        assertThat(files).hasSizeGreaterThanOrEqualTo(10);
        return files.stream().map(f -> DynamicTest.dynamicTest(ROOT.relativize(f).toString(), () -> {
            SourceFile src = SourceFile.of(f.toString(), Files.readString(f));
            if (!Parsing.parseRunbook(src).ok()) return;
            FormatPromises.assertKept(src);
        }));
    }
}
