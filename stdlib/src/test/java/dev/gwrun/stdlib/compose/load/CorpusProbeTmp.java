package dev.gwrun.stdlib.compose.load;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.*;

class CorpusProbeTmp {
    @Test
    void probe() throws Exception {
        Path root = Path.of("../cli/src/test/resources/compose-corpus").toAbsolutePath().normalize();
        StringBuilder report = new StringBuilder();
        try (var s = Files.list(root)) {
            for (Path dir : s.filter(Files::isDirectory).sorted().toList()) {
                Properties p = new Properties();
                p.load(Files.newBufferedReader(dir.resolve("case.properties")));
                List<Path> files = new ArrayList<>();
                for (String f : p.getProperty("files").split("\\s+")) files.add(dir.resolve(f));
                List<Path> env = new ArrayList<>();
                if (p.getProperty("env_files") != null) for (String f : p.getProperty("env_files").split("\\s+")) env.add(dir.resolve(f));
                List<String> profiles = p.getProperty("profiles") == null ? List.of() : List.of(p.getProperty("profiles").split("[\\s,]+"));
                try {
                    Loaded l = ComposeLoader.load(new LoadOptions(files, null, env, null, profiles, Map.of("HOME", "/home/t")));
                    String y = CanonicalWriter.yaml(l.project());
                    Files.writeString(Path.of("/tmp/corpus-out-" + dir.getFileName() + ".yaml"), y);
                    report.append("OK   ").append(dir.getFileName()).append(" warnings=").append(l.warnings().size()).append('\n');
                } catch (ComposeException e) {
                    report.append("FAIL ").append(dir.getFileName()).append('\n').append(ComposeGoldenTest.render(e.diagnostics())).append('\n');
                }
            }
        }
        Files.writeString(Path.of("/tmp/corpus-report.txt"), report);
    }
}
