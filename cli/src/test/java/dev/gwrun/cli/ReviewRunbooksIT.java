package dev.gwrun.cli;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What CI asks of every runbook in runbooks/, through the real bin/gwrun: formatted
 * (`fmt --check`), lint-clean (`check --strict`) and with its committed page up to date (`doc --check`).
 */
class ReviewRunbooksIT {
    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    private static List<String> gwrun(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(ROOT.resolve("bin/gwrun").toString()));
        command.addAll(List.of(args));
        try (Stream<Path> s = Files.list(ROOT.resolve("runbooks"))) {
            s.filter(p -> p.toString().endsWith(".gwrun") && java.nio.file.Files.isRegularFile(p)).sorted().forEach(p -> command.add(ROOT.relativize(p).toString()));
        }
        return command;
    }

    private static void passes(String... args) throws Exception {
        List<String> command = gwrun(args);
        assertThat(command.size()).as("runbooks to review").isGreaterThan(1 + args.length);
        DocMermaidIT.Out r = DocMermaidIT.exec(ROOT, 120, command.toArray(new String[0]));
        assertThat(r.exit()).as(String.join(" ", command) + "\n" + r.text()).isEqualTo(0);
    }

    @Test
    void everyRunbookIsFormatted() throws Exception {
        passes("fmt", "--check");
    }

    @Test
    void everyRunbookIsLintClean() throws Exception {
        passes("check", "--strict");
    }

    @Test
    void everyRunbookHasAnUpToDatePage() throws Exception {
        passes("doc", "--check");
    }
}
