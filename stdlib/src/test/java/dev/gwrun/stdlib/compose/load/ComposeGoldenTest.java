package dev.gwrun.stdlib.compose.load;

import dev.gwrun.source.Diagnostic;
import dev.gwrun.source.DiagnosticRenderer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Golden projects: a directory per case under {@code src/test/resources/compose/} with the Compose files,
 * an optional {@code args} line (the CLI flags: -f, --env-file, -p, --profile, --project-directory), an
 * optional {@code environment} (the process environment, KEY=VALUE lines), and either {@code expected.yaml}
 * (what {@code config} prints) or {@code expected-error.txt} (the rendered diagnostics). {@code $DIR} stands
 * for the case's directory. Run with {@code -Dgolden.update=true} to rewrite the expectations.
 */
class ComposeGoldenTest {
    static final Path ROOT = Path.of("src/test/resources/compose").toAbsolutePath();

    static Stream<String> cases() throws IOException {
        try (Stream<Path> s = Files.list(ROOT)) {
            return s.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void golden(String name) throws IOException {
        Path dir = ROOT.resolve(name);
        String actual;
        boolean failed;
        try {
            Loaded loaded = ComposeLoader.load(options(dir));
            actual = CanonicalWriter.yaml(loaded.project());
            failed = false;
        } catch (ComposeException e) {
            actual = render(e.diagnostics());
            failed = true;
        }
        actual = actual.replace(dir.toString(), "$DIR");
        Path expectedFile = dir.resolve(failed ? "expected-error.txt" : "expected.yaml");
        if (Boolean.getBoolean("golden.update")) {
            Files.deleteIfExists(dir.resolve("expected.yaml"));
            Files.deleteIfExists(dir.resolve("expected-error.txt"));
            Files.writeString(expectedFile, actual);
        }
        assertThat(expectedFile).as("expected output of " + name + (failed ? " (it failed)" : "")).exists();
        assertThat(actual).isEqualTo(Files.readString(expectedFile));
        if (!failed) {
            // the YAML round-trips through a YAML reader to the same data
            // (config writes $ as $$, as v2 does; a reader of the output sees the values once that is undone)
            Object back = new org.yaml.snakeyaml.Yaml().load(Files.readString(expectedFile).replace("$DIR", dir.toString()).replace("$$", "$"));
            Map<String, Object> canonical = ComposeLoader.load(options(dir)).project().canonical();
            assertThat(normalise(back)).isEqualTo(normalise(canonical));
            assertPlain(canonical, "canonical");
        }
    }

    static String render(List<Diagnostic> diagnostics) {
        StringBuilder out = new StringBuilder();
        DiagnosticRenderer r = new DiagnosticRenderer(false);
        for (Diagnostic d : diagnostics) out.append(r.render(d));
        return out.toString();
    }

    static LoadOptions options(Path dir) throws IOException {
        List<Path> files = new ArrayList<>(), envFiles = new ArrayList<>();
        List<String> profiles = new ArrayList<>();
        String project = null;
        Path workingDir = null;
        Path args = dir.resolve("args");
        if (Files.exists(args)) {
            String[] words = Files.readString(args).strip().split("\\s+");
            for (int i = 0; i < words.length; i++) {
                switch (words[i]) {
                    case "-f": files.add(dir.resolve(words[++i])); break;
                    case "--env-file": envFiles.add(dir.resolve(words[++i])); break;
                    case "-p": project = words[++i]; break;
                    case "--profile": profiles.add(words[++i]); break;
                    case "--project-directory": workingDir = dir.resolve(words[++i]); break;
                    default: throw new IllegalArgumentException("args: unknown flag " + words[i]);
                }
            }
        }
        Map<String, String> env = new LinkedHashMap<>();
        env.put("HOME", "/home/tester");
        Path environment = dir.resolve("environment");
        if (Files.exists(environment)) {
            for (String line : Files.readAllLines(environment, StandardCharsets.UTF_8)) {
                int eq = line.indexOf('=');
                if (eq > 0) env.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        if (workingDir == null && files.isEmpty()) workingDir = dir;
        return new LoadOptions(files, workingDir, envFiles, project, profiles, env);
    }

    /** The canonical model is plain data: LinkedHashMap, ArrayList, String, Long, Double, Boolean, null. */
    static void assertPlain(Object o, String path) {
        if (o instanceof Map<?, ?> m) {
            assertThat(o).as(path).isInstanceOf(LinkedHashMap.class);
            m.forEach((k, v) -> {
                assertThat(k).as(path).isInstanceOf(String.class);
                assertPlain(v, path + "." + k);
            });
        } else if (o instanceof List<?> l) {
            assertThat(o).as(path).isInstanceOf(ArrayList.class);
            for (Object v : l) assertPlain(v, path + "[]");
        } else if (o != null) {
            assertThat(o.getClass()).as(path).isIn(String.class, Long.class, Double.class, Boolean.class);
        }
    }

    /** Numbers compared as longs or doubles whatever their boxed type. */
    private static Object normalise(Object o) {
        if (o instanceof Map<?, ?> m) {
            Map<Object, Object> out = new LinkedHashMap<>();
            m.forEach((k, v) -> out.put(k, normalise(v)));
            return out;
        }
        if (o instanceof List<?> l) return l.stream().map(ComposeGoldenTest::normalise).toList();
        if (o instanceof Integer i) return i.longValue();
        return o;
    }
}
