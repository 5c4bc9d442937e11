package dev.gwrun.stdlib.compose.load;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Mangled golden files (lines dropped, swapped, duplicated, re-indented, values replaced by other shapes):
 * every load either succeeds or fails with diagnostics of its own, never with an internal error.
 */
class ComposeFuzzTest {
    @TempDir
    Path dir;

    static final int ROUNDS = Integer.getInteger("fuzz.rounds", 400);
    private static final List<String> VALUES = List.of("", " []", " {}", " null", " 1", " true", " \"x\"", " [a, {b: c}]", " {a: [1]}",
            " !reset", " !override [x]", " ${X:-1}", " \"${\"", " -1", " 99999999999999999999", " \"::\"", " ./x:/y:z:w", " 1.5");

    @Test
    void mangledFilesGetDiagnosticsNotInternalErrors() throws IOException {
        List<List<String>> sources = new ArrayList<>();
        try (Stream<Path> s = Files.walk(ComposeGoldenTest.ROOT)) {
            for (Path p : s.filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml")).sorted().toList()) {
                if (!p.getFileName().toString().startsWith("expected")) sources.add(Files.readAllLines(p));
            }
        }
        Random random = new Random(20261203);
        List<String> internal = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            List<String> lines = new ArrayList<>(sources.get(random.nextInt(sources.size())));
            int edits = 1 + random.nextInt(3);
            for (int e = 0; e < edits && !lines.isEmpty(); e++) {
                int i = random.nextInt(lines.size());
                String line = lines.get(i);
                switch (random.nextInt(6)) {
                    case 0 -> lines.remove(i);
                    case 1 -> lines.add(i, line);
                    case 2 -> lines.set(i, "  " + line);
                    case 3 -> lines.set(i, line.replaceFirst("^\\s{2}", ""));
                    case 4 -> {
                        int colon = line.indexOf(':');
                        if (colon > 0) lines.set(i, line.substring(0, colon + 1) + VALUES.get(random.nextInt(VALUES.size())));
                    }
                    default -> {
                        int j = random.nextInt(lines.size());
                        lines.set(i, lines.get(j));
                        lines.set(j, line);
                    }
                }
            }
            String text = String.join("\n", lines) + "\n";
            // every other round the mangled file overrides an intact one, so merging meets odd shapes too
            boolean asOverride = round % 2 == 1;
            Files.writeString(dir.resolve("compose.yaml"), asOverride ? String.join("\n", sources.get(round % sources.size())) + "\n" : text);
            Files.writeString(dir.resolve("override.yaml"), text);
            List<Path> files = asOverride ? List.of(dir.resolve("compose.yaml"), dir.resolve("override.yaml")) : List.of(dir.resolve("compose.yaml"));
            try {
                Loaded l = ComposeLoader.load(new LoadOptions(files, null, List.of(), "fuzz", List.of(), Map.of("HOME", "/h")));
                CanonicalWriter.yaml(l.project());
                CanonicalWriter.json(l.project());
            } catch (ComposeException e) {
                if (e.getCause() != null) {
                    StringBuilder trace = new StringBuilder(e.getMessage());
                    StackTraceElement[] st = e.getCause().getStackTrace();
                    for (int k = 0; k < Math.min(4, st.length); k++) trace.append("\n  at ").append(st[k]);
                    internal.add(trace + "\n---\n" + text);
                }
            }
        }
        assertThat(internal).isEmpty();
    }
}
