package dev.gwrun.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code gwrun fmt} through the real command line: in-place rewrite, --check with a diff, files that do not parse. */
class FmtCommandTest {
    @TempDir
    Path dir;

    @Test
    void checkPrintsAUnifiedDiffAndExitsOneWithoutWriting() throws Exception {
        Path f = dir.resolve("a.gwrun");
        Files.writeString(f, "runbook \"a\" {\n  step \"s\" { log 1 }\n}\n");
        GoldenTest.Result r = GoldenTest.run("fmt", "--check", f.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).isEqualTo("--- " + f + "\n+++ " + f + " (formatted)\n@@ -1,3 +1,5 @@\n runbook \"a\" {\n"
                + "-  step \"s\" { log 1 }\n+  step \"s\" {\n+    log 1\n+  }\n }\n");
        assertThat(r.err()).contains("1 of 1 file not formatted");
        assertThat(Files.readString(f)).contains("{ log 1 }");
    }

    @Test
    void rewritesInPlaceAndThenChecksClean() throws Exception {
        Path f = dir.resolve("b.gwrun");
        Files.writeString(f, "runbook \"b\" { log 1   # one\n}\n");
        GoldenTest.Result r = GoldenTest.run("fmt", f.toString());
        assertThat(r.exit()).as(r.err()).isEqualTo(0);
        assertThat(Files.readString(f)).isEqualTo("runbook \"b\" {\n  log 1 # one\n}\n");
        assertThat(GoldenTest.run("fmt", "--check", f.toString()).exit()).isEqualTo(0);
        try (var s = Files.list(dir)) {
            assertThat(s.map(p -> p.getFileName().toString()).toList()).as("no temp file left").containsExactly("b.gwrun");
        }
    }

    @Test
    void aFileThatDoesNotParseIsReportedAndLeftAlone() throws Exception {
        Path f = dir.resolve("c.gwrun");
        Files.writeString(f, "runbook \"c\" {\n  let = 1\n}\n");
        GoldenTest.Result r = GoldenTest.run("fmt", f.toString());
        assertThat(r.exit()).isEqualTo(3);
        assertThat(r.err()).contains(f + ":2:");
        assertThat(Files.readString(f)).isEqualTo("runbook \"c\" {\n  let = 1\n}\n");
        assertThat(GoldenTest.run("fmt", dir.resolve("missing.gwrun").toString()).err()).contains("no such file");
    }
}
