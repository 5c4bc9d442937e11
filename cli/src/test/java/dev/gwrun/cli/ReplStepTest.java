package dev.gwrun.cli;

import dev.gwrun.stdlib.StandardLibrary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Driving a loaded runbook one step at a time: --step, :step, :skip, :goto, :retry, :run, :steps. */
class ReplStepTest {
    private static final Duration T = Duration.ofSeconds(15);

    @TempDir
    Path dir;

    private Path runbook() throws Exception {
        Path marker = dir.resolve("migrated");
        Path f = dir.resolve("deploy.gwrun");
        Files.writeString(f, """
                runbook "deploy" {
                    param version: string
                    let target = "api-${version}"
                    step "prepare" {
                        log "preparing ${target}"
                    }
                    step "migrate" {
                        sh("test -f %s")
                        log "migrated"
                    } on failure {
                        log "rolling back after: ${error.message}"
                        recover
                    }
                    step "switch" {
                        log "switching to ${target}"
                    }
                    always {
                        log "cleaning up ${target}"
                    }
                }
                """.formatted(marker));
        return f;
    }

    @Test
    void stepModeShowsEachStepAndItsValuesThenAsks() throws Exception {
        Path file = runbook();
        try (ReplDriver r = new ReplDriver(dir, StandardLibrary.registry(), Map.of(), file.toString(), true, Map.of("version", "1.4.2"))) {
            String s = r.await("run, skip, retry previous, abort?");
            assertThat(s).contains("loaded 'deploy'", "params: version = 1.4.2", "▶ step 1/3: prepare",
                    "3 │     let target = \"api-${version}\"", "4 │     step \"prepare\" {", "uses:\n    version = 1.4.2");
            s = r.enter("r", "▶ step 2/3: migrate", T);
            assertThat(s).contains("preparing api-1.4.2", "✔ prepare");
            s = r.enter("", "failed: retry, skip, run its on failure block, abort? [r/s/h/A]", T);
            assertThat(s).contains("error: command failed with exit 1", "(in step 'migrate')");
            s = r.enter("h", "▶ step 3/3: switch", T);
            assertThat(s).contains("rolling back after: command failed with exit 1", "recovered", "uses:\n    target = api-1.4.2");
            r.enter("a", "aborted before 'switch'", T);
            r.awaitPrompt();
            s = r.enter(":steps", "3. switch", T);
            assertThat(s).contains("✔ 1. prepare  succeeded", "✔ 2. migrate  recovered", "→   3. switch  next");
            // Between steps the runbook's names are the session's.
            r.enter("target.upper()", "API-1.4.2", T);
            s = r.enter(":run", "all steps done", T);
            assertThat(s).contains("switching to api-1.4.2", "always:", "cleaning up api-1.4.2");
            assertThat(r.quit()).isEqualTo(0);
        }
        // Answers to the step-through questions are not inputs: only the real ones are in the history.
        assertThat(Files.readAllLines(dir.resolve("home").resolve("history")))
                .extracting(l -> l.substring(l.indexOf(':') + 1))
                .containsExactly(":steps", "target.upper()", ":run");
    }

    @Test
    void gotoSkipAndRetryMoveThroughTheSteps() throws Exception {
        Path file = runbook();
        try (ReplDriver r = new ReplDriver(dir, StandardLibrary.registry(), Map.of(), null, false, Map.of())) {
            r.await("gwrun> ");
            r.enter(":step", "error: no runbook loaded: use :load FILE first", T);
            r.enter(":load " + file, "missing required param 'version'", T);
            r.enter(":load " + file + " -p version=2.0.0", "loaded 'deploy'", T);
            r.enter(":goto migrte", "no step named 'migrte' — did you mean 'migrate'?", T);
            r.enter(":goto migrate", "next: migrate", T);
            int m = r.mark();
            r.line(":run");
            // :run is a normal run: the step's own on failure block recovers it and the run goes on.
            String s = r.await("all steps done", m, T);
            assertThat(s.substring(m)).contains("rolling back after", "recovered", "switching to api-2.0.0");
            r.awaitPrompt();
            s = r.enter(":steps", "3. switch", T);
            assertThat(s).contains("– 1. prepare  skipped", "✔ 2. migrate  recovered", "✔ 3. switch  succeeded");
            Files.writeString(dir.resolve("migrated"), "");
            m = r.mark();
            r.line(":retry");
            s = r.await("✔ switch", m, T);
            m = r.mark();
            r.line(":goto migrate");
            r.line(":skip");
            r.await("– migrate: skipped", m, T);
            m = r.mark();
            r.line(":step");
            r.await("▶ step 3/3: switch", m, T);
            r.line("s");
            r.await("– switch: skipped", m, T);
            assertThat(r.quit()).isEqualTo(0);
        }
    }
}
