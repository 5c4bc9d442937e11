package dev.gwrun.cli.conformance;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Stream;

/**
 * One case of the Compose corpus: a directory with the files and {@code case.properties} ({@code files}, in -f
 * order; optional {@code env_files}, {@code profiles}, and {@code oracle=v2-only} for syntax docker-compose v1
 * rejects). {@code known-differences.txt} lists, one a line ('#' comments), the differences this case is known
 * to have from v1, each argued in a comment; {@code expected.yaml} is a v2-only case's project in the
 * comparable form.
 */
record CorpusCase(String name, Path dir, List<String> files, List<String> envFiles, Set<String> profiles, boolean v2Only) {
    static final Path CORPUS = Path.of("src/test/resources/compose-corpus");

    static List<CorpusCase> all() throws IOException {
        List<CorpusCase> out = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(CORPUS)) {
            for (Path d : dirs.sorted().toList()) {
                if (Files.isRegularFile(d.resolve("case.properties"))) out.add(read(d));
            }
        }
        return out;
    }

    static CorpusCase read(Path dir) throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(dir.resolve("case.properties"))) {
            p.load(r);
        }
        return new CorpusCase(dir.getFileName().toString(), dir.toAbsolutePath(), words(p.getProperty("files")),
                words(p.getProperty("env_files")), new LinkedHashSet<>(words(p.getProperty("profiles"))),
                "v2-only".equals(p.getProperty("oracle", "v1").trim()));
    }

    private static List<String> words(String s) {
        return s == null || s.isBlank() ? List.of() : Arrays.asList(s.trim().split("\\s+"));
    }

    /** The project name both sides load the case with: the directory's name, which is a valid one. */
    String project() {
        return name;
    }

    /** The known differences, without comments and blank lines, with $CASE for the case's directory. */
    List<String> knownDifferences() throws IOException {
        Path f = dir.resolve("known-differences.txt");
        if (!Files.exists(f)) return List.of();
        return Files.readAllLines(f).stream().filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
    }
}
