package dev.gwrun.cli;

import dev.gwrun.runtime.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** `gwrun check` with the real standard library's signature table: lint warnings, --strict and the three output formats. */
class CheckCommandTest {
    @TempDir
    Path dir;

    private Path runbook() throws Exception {
        Path f = dir.resolve("risky.gwrun");
        Files.writeString(f, """
                runbook "risky" {
                  step "restart" {
                    sh("systemctl restart api")
                  }
                }
                """);
        return f;
    }

    @Test
    void aChangingStepWithoutHandlerIsAWarningThatFailsOnlyWithStrict() throws Exception {
        Path f = runbook();
        GoldenTest.Result r = GoldenTest.run("check", f.toString());
        assertThat(r.exit()).isEqualTo(0);
        assertThat(r.err()).startsWith(f + ":2:8: warning: step 'restart' changes things (sh) but the runbook has no 'on failure' handler [change-without-handler]\n");
        assertThat(r.out()).contains("1 file checked: 0 errors, 1 warning");
        assertThat(GoldenTest.run("check", "--strict", f.toString()).exit()).isEqualTo(1);
    }

    @Test
    void githubFormatPrintsWorkflowAnnotations() throws Exception {
        Path f = runbook();
        GoldenTest.Result r = GoldenTest.run("check", "--format", "github", f.toString());
        assertThat(r.out()).isEqualTo("::warning file=" + f + ",line=2,col=8,endLine=2,title=change-without-handler::"
                + "step 'restart' changes things (sh) but the runbook has no 'on failure' handler%0Ahint: add 'on failure { … }' to the step "
                + "or the runbook, to roll back or at least report what was left half done\n");
    }

    @Test
    void jsonFormatIsOneDocumentWithEveryDiagnostic() throws Exception {
        Path f = runbook();
        Path broken = dir.resolve("broken.gwrun");
        Files.writeString(broken, "runbook \"b\" {\n  log nope\n}\n");
        GoldenTest.Result r = GoldenTest.run("check", "--format", "json", f.toString(), broken.toString());
        assertThat(r.exit()).isEqualTo(3);
        @SuppressWarnings("unchecked")
        Map<String, Object> doc = (Map<String, Object>) Json.parse(r.out());
        assertThat(doc.get("errors")).isEqualTo(1L);
        assertThat(doc.get("warnings")).isEqualTo(1L);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> ds = (List<Map<String, Object>>) doc.get("diagnostics");
        assertThat(ds).extracting(d -> d.get("file") + ":" + d.get("line") + ":" + d.get("column") + " " + d.get("severity") + " " + d.get("rule"))
                .containsExactly(f + ":2:8 warning change-without-handler", broken + ":2:7 error null");
    }

    @Test
    void anUnknownFormatIsAUsageError() throws Exception {
        GoldenTest.Result r = GoldenTest.run("check", "--format", "xml", runbook().toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("xml");
    }
}
