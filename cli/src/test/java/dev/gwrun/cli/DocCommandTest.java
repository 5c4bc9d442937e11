package dev.gwrun.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** `gwrun doc`: pages beside the runbook by default, --check for missing and stale pages, files with errors refused. */
class DocCommandTest {
    @TempDir
    Path dir;

    @Test
    void checkFailsUntilThePageIsWrittenAndAgainWhenTheRunbookChanges() throws Exception {
        Path rb = dir.resolve("deploy.gwrun");
        Files.writeString(rb, """
                # Deploys the API.
                runbook "deploy" {
                  param version: string
                  param replicas: int = 2

                  step "roll out" timeout 5m {
                    sh("deploy ${version} ${replicas} ${env("REGION", default: "eu")}")
                  } on failure {
                    log "rolling back"
                  }
                }
                """);
        Path page = dir.resolve("docs/deploy.md");
        GoldenTest.Result missing = GoldenTest.run("doc", "--check", rb.toString());
        assertThat(missing.exit()).isEqualTo(1);
        assertThat(missing.out()).startsWith("--- /dev/null\n");
        assertThat(missing.err()).contains("1 page is missing or out of date");
        assertThat(page).doesNotExist();

        assertThat(GoldenTest.run("doc", rb.toString()).exit()).isEqualTo(0);
        assertThat(Files.readString(page)).contains("# deploy", "Deploys the API.", "Source: [deploy.gwrun](../deploy.gwrun)",
                "| `version` | string | **required** |", "| `replicas` | int | `2` |",
                "| `REGION` | environment variable | `\"eu\"` | 7 |",
                "| 1 | roll out | timeout `5m` | `sh` **(changes)**, `env` | handled: `log \"rolling back\"` |",
                "```mermaid\nflowchart TD\n");
        assertThat(GoldenTest.run("doc", "--check", rb.toString()).exit()).isEqualTo(0);

        Files.writeString(rb, Files.readString(rb).replace("param replicas: int = 2", "param replicas: int = 3"));
        GoldenTest.Result stale = GoldenTest.run("doc", "--check", rb.toString());
        assertThat(stale.exit()).isEqualTo(1);
        assertThat(stale.out()).contains("-| `replicas` | int | `2` |", "+| `replicas` | int | `3` |");
    }

    @Test
    void aRunbookWithErrorsGetsNoPage() throws Exception {
        Path rb = dir.resolve("bad.gwrun");
        Files.writeString(rb, "runbook \"bad\" {\n  log nope\n}\n");
        GoldenTest.Result r = GoldenTest.run("doc", "-o", dir.resolve("out").toString(), rb.toString());
        assertThat(r.exit()).isEqualTo(3);
        assertThat(r.err()).contains("'nope' is not defined");
        assertThat(dir.resolve("out")).doesNotExist();
    }
}
