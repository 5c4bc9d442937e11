package dev.gwrun.cli.faults;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Signals and hostile input reaching the real bin/gwrun process: SIGTERM (a CI job cancelled) and
 * SIGINT (Ctrl-C) during a {@code wait until}, and an env file whose values are shell code.
 */
class SignalFaultsIT {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "SIG{0} during a wait")
    @ValueSource(strings = {"TERM", "INT"})
    void aSignalDuringAWaitStopsItRunsAlwaysWritesTheReportsAndExits130(String signal) throws Exception {
        Files.writeString(dir.resolve("wait.gwrun"), """
                runbook "wait" {
                  step "before" { sh("echo before >> trace.txt") }
                  step "healthy" {
                    wait until sh("test -f ready", check: false).exit == 0 every 200ms timeout 5m
                  }
                  step "after" { sh("echo after >> trace.txt") }
                  always { sh("echo always >> trace.txt") }
                }
                """);
        GwrunProcess run = GwrunProcess.start(dir, "wait", Map.of(), "run", "wait.gwrun", "--events", "events.jsonl", "--junit", "junit.xml",
                "--report", "report.md");
        run.await("waiting until sh(", 60);
        Thread.sleep(500);
        long sent = System.nanoTime();
        run.signal(signal);
        GwrunProcess.Outcome o = run.finish(60);
        long tookMs = (System.nanoTime() - sent) / 1_000_000;
        assertThat(o.exit()).as(o.all()).isEqualTo(130);
        assertThat(tookMs).as("ms from the signal to the exit").isLessThan(15_000L);
        assertThat(o.out()).contains("✖ healthy", "interrupted").doesNotContain("✔ after");
        assertThat(Files.readAllLines(dir.resolve("trace.txt"))).containsExactly("before", "always");
        // What is kept: the event stream to its last event, the reports, and a record that resume continues at the wait.
        assertThat(Files.readString(dir.resolve("events.jsonl")).strip().lines().reduce((a, b) -> b).orElseThrow()).contains("\"type\":\"run_finished\"", "\"outcome\":\"interrupted\"", "\"exit_code\":130");
        assertThat(Files.readString(dir.resolve("report.md"))).contains("healthy");
        assertThat(Files.readString(dir.resolve("junit.xml"))).contains("healthy");
        GwrunProcess.Outcome show = GwrunProcess.run(dir, "show", Map.of(), "show", "last");
        assertThat(show.out()).containsPattern("outcome +interrupted");
        Files.writeString(dir.resolve("ready"), "");
        GwrunProcess.Outcome resumed = GwrunProcess.run(dir, "resume", Map.of(), "resume", "last");
        assertThat(resumed.exit()).as(resumed.all()).isZero();
        assertThat(Files.readAllLines(dir.resolve("trace.txt"))).containsExactly("before", "always", "after", "always");
    }

    @Test
    void shellCodeInEnvFileValuesAndParamsIsDataNeverRun() throws Exception {
        Files.writeString(dir.resolve("hostile.env"), String.join("\n",
                "SUBST=$(touch pwned1)",
                "TICKS=`touch pwned2`",
                "SEMI=\"x; touch pwned3\"",
                "SINGLE='$(touch pwned4) ${HOME}'",
                "NEWLINE=\"a\\ntouch pwned5\"",
                "") + "\n");
        Files.writeString(dir.resolve("hostile.gwrun"), """
                runbook "hostile" {
                  param p: string
                  step "use" {
                    for name in ["SUBST", "TICKS", "SEMI", "SINGLE", "NEWLINE"] {
                      let v = env(name)
                      let seen = sh("printf '%s' ${v}").stdout
                      guard seen == v else "${name} changed on its way through sh: ${seen}"
                      let inherited = sh(raw("printf '%s' \\"$" + name + "\\""), check: false).stdout
                      guard inherited == v else "${name} changed in the command's environment: ${inherited}"
                      log "${name} stayed data"
                    }
                    guard sh("printf '%s' ${p}").stdout == p else "the param changed"
                    sh("echo ${p} > param.txt")
                  }
                }
                """);
        String hostile = "$(touch pwned6); `touch pwned7` && touch pwned8 | touch pwned9 > pwned10 'q\"";
        GwrunProcess.Outcome o = GwrunProcess.run(dir, "hostile", Map.of(), "run", "hostile.gwrun", "--env-file", "hostile.env", "-p", "p=" + hostile);
        assertThat(o.exit()).as(o.all()).isZero();
        assertThat(o.out()).contains("SUBST stayed data", "TICKS stayed data", "SEMI stayed data", "SINGLE stayed data", "NEWLINE stayed data");
        assertThat(Files.readString(dir.resolve("param.txt"))).isEqualTo(hostile + "\n");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith("pwned"));
        }
    }
}
