package dev.gwrun.cli.report;

import dev.gwrun.runtime.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The real bin/gwrun as a CI job runs it: a killed run's event stream, an interrupted run's reports, GitHub mode from the environment. */
class CiOutputsIT {
    static final Path GWRUN = Path.of("..", "bin", "gwrun").toAbsolutePath().normalize();

    @TempDir
    Path dir;

    private Process start(Map<String, String> env, String... args) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of(GWRUN.toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile());
        pb.environment().remove("GITHUB_ACTIONS");
        pb.environment().putAll(env);
        pb.redirectOutput(dir.resolve("out.txt").toFile()).redirectError(dir.resolve("err.txt").toFile());
        return pb.start();
    }

    private void waitForLine(Path file, String text) throws Exception {
        long deadline = System.currentTimeMillis() + 30_000;
        while (System.currentTimeMillis() < deadline) {
            if (Files.exists(file) && Files.readString(file).contains(text)) return;
            Thread.sleep(50);
        }
        throw new AssertionError("no '" + text + "' in " + file + " within 30s");
    }

    private static final String LONG = """
            runbook "long" {
              step "prepare" { log "prepared" }
              step "deploy" { log "started"  sleep(60s) }
              always { log "cleaning up" }
            }
            """;

    @Test
    void aKilledRunLeavesAReadablePrefixOfEvents() throws Exception {
        Files.writeString(dir.resolve("long.gwrun"), LONG);
        Path events = dir.resolve("events.jsonl");
        Process p = start(Map.of(), "run", "long.gwrun", "--events", events.toString());
        waitForLine(events, "\"text\":\"started\"");
        p.destroyForcibly();
        assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
        List<String> lines = Files.readAllLines(events);
        assertThat(lines).hasSizeGreaterThanOrEqualTo(6);
        for (String l : lines) assertThat(Json.parse(l)).as(l).isInstanceOf(Map.class);
        assertThat(lines.get(0)).contains("\"type\":\"run_started\"");
        assertThat(lines.get(lines.size() - 1)).contains("\"type\":\"log\"", "\"text\":\"started\"");
    }

    @Test
    void anInterruptedRunStillWritesItsReports() throws Exception {
        Files.writeString(dir.resolve("long.gwrun"), LONG);
        Path events = dir.resolve("r/events.jsonl"), junit = dir.resolve("r/junit.xml"), md = dir.resolve("r/report.md"), html = dir.resolve("r/report.html");
        Process p = start(Map.of(), "run", "long.gwrun", "--events", events.toString(), "--junit", junit.toString(),
                "--report", md.toString(), "--report", html.toString());
        waitForLine(events, "\"text\":\"started\"");
        // bin/gwrun execs java, so the process we started is the JVM itself.
        new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start().waitFor();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isEqualTo(130);

        List<String> lines = Files.readAllLines(events);
        assertThat(lines.get(lines.size() - 1)).contains("\"type\":\"run_finished\"", "\"outcome\":\"interrupted\"", "\"exit_code\":130");
        assertThat(Files.readString(md)).startsWith("## ⏹️ Runbook `long` interrupted").contains("| prepare | ✅ succeeded", "| deploy | ❌ failed");
        assertThat(Files.readString(html)).contains(">deploy<", "interrupted");
        JunitReportTest.validate(junit);
        assertThat(Files.readString(junit)).contains("<testcase name=\"deploy\"", "<failure", "value=\"interrupted\"");
    }

    @Test
    void gitHubModeComesFromTheProcessEnvironment() throws Exception {
        Files.createDirectories(dir.resolve("ops"));
        Files.writeString(dir.resolve("ops/fail.gwrun"), """
                runbook "fail" {
                  let token = secret("TOKEN")
                  step "deploy" {
                    fail "rejected ${token}"
                  }
                }
                """);
        Path summary = dir.resolve("summary.md");
        Process p = start(Map.of("GITHUB_ACTIONS", "true", "GITHUB_WORKSPACE", dir.toString(), "GITHUB_STEP_SUMMARY", summary.toString(),
                "TOKEN", "t0ken-value"), "run", "ops/fail.gwrun");
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isEqualTo(1);
        String out = Files.readString(dir.resolve("out.txt"));
        assertThat(out).contains("::add-mask::t0ken-value\n", "::group::deploy\n", "::endgroup::\n",
                "::error file=ops/fail.gwrun,line=4,title=step 'deploy' failed::rejected ***\n");
        assertThat(out.replace("::add-mask::t0ken-value", "")).doesNotContain("t0ken-value");
        assertThat(Files.readString(summary)).contains("Runbook `fail` failed", "rejected ***");
    }
}
