package dev.gwrun.cli;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** docs/reliability.md names a test for every fault: each named class and method must exist, so the table cannot drift from the tests. */
class ReliabilityDocTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @Test
    void everyTestTheFaultTableNamesExists() throws IOException {
        String doc = Files.readString(ROOT.resolve("docs/reliability.md"));
        Matcher m = Pattern.compile("`([A-Za-z.]+)#(\\w+)`").matcher(doc);
        List<String> missing = new ArrayList<>();
        int named = 0;
        while (m.find()) {
            named++;
            String cls = m.group(1).replace('.', '/') + ".java";
            Path source;
            try (Stream<Path> files = Files.walk(ROOT, 12)) {
                source = files.filter(p -> p.toString().contains("/src/test/java/") && p.toString().endsWith("/" + cls)).findFirst().orElse(null);
            }
            if (source == null || !Files.readString(source).contains(" void " + m.group(2) + "(")) missing.add(m.group());
        }
        assertThat(named).as("tests named in the table").isGreaterThan(30);
        assertThat(missing).as("named in docs/reliability.md but not found").isEmpty();
    }
}
