package dev.gwrun.cli;

import dev.gwrun.stdlib.LoopbackServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runbooks run through the real command line (in process) against real HTTP servers on loopback
 * and the real /bin/sh: health-waits, secret masking in every output, hostile values in sh.
 */
class EndToEndTest {
    @TempDir
    Path dir;

    private GoldenTest.Result run(String source, String... extra) throws IOException {
        Path file = dir.resolve("t.gwrun");
        Files.writeString(file, source);
        String[] args = new String[extra.length + 2];
        args[0] = "run";
        args[1] = file.toString();
        System.arraycopy(extra, 0, args, 2, extra.length);
        return GoldenTest.run(args);
    }

    private static String waitFor(String url, String timeout) {
        return """
                runbook "health" {
                  step "api answers" {
                    wait until http.get("%s").status == 200 every 50ms timeout %s
                  }
                }
                """.formatted(url, timeout);
    }

    @Test
    void healthWaitSucceedsWhenTheServiceTurnsHealthy() throws IOException {
        try (LoopbackServer server = LoopbackServer.start().healthyAfter("/health", 4)) {
            GoldenTest.Result r = run(waitFor(server.url("/health"), "10s"));
            assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(0);
            assertThat(r.out()).contains("condition met after 4 attempts");
            assertThat(server.requestCount("/health")).isEqualTo(4);
        }
    }

    @Test
    void healthWaitThatNeverSucceedsReportsTheLastResponse() throws IOException {
        try (LoopbackServer server = LoopbackServer.start().neverHealthy("/health")) {
            GoldenTest.Result r = run(waitFor(server.url("/health"), "1500ms"));
            assertThat(r.exit()).isEqualTo(1);
            assertThat(r.out()).containsPattern("timed out after 1s500ms waiting until http\\.get\\(\"[^\"]+\"\\)\\.status == 200 \\(\\d+ attempts; last: HTTP 503 \\{\"status\":\"starting\"\\}\\)");
            assertThat(server.requestCount("/health")).isGreaterThanOrEqualTo(3);
        }
    }

    @Test
    void healthWaitOnAHangingServerEndsAtTheWaitTimeout() throws IOException {
        try (LoopbackServer server = LoopbackServer.start().hang("/health")) {
            long start = System.nanoTime();
            GoldenTest.Result r = run(waitFor(server.url("/health"), "700ms"));
            long ms = (System.nanoTime() - start) / 1_000_000;
            assertThat(r.exit()).isEqualTo(1);
            assertThat(r.out()).contains("timed out after 700ms waiting until");
            assertThat(ms).as("a hanging request must not outlive the wait").isLessThan(5_000);
        }
    }

    @Test
    void healthWaitOnAClosedPortSaysConnectionRefused() throws IOException {
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        GoldenTest.Result r = run(waitFor("http://127.0.0.1:" + port + "/health", "300ms"));
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).contains("last: connection refused");
    }

    @Test
    void stepTimeoutInterruptsAHangingHttpCall() throws IOException {
        try (LoopbackServer server = LoopbackServer.start().hang("/slow")) {
            long start = System.nanoTime();
            GoldenTest.Result r = run("""
                    runbook "t" {
                      step "slow call" timeout 300ms { http.get("%s") }
                    }
                    """.formatted(server.url("/slow")));
            assertThat(r.exit()).isEqualTo(1);
            assertThat(r.out()).contains("step 'slow call' timed out after 300ms");
            assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(5_000);
        }
    }

    @Test
    void secretsAreMaskedInLogsErrorsHeadersAndCommandOutput() throws IOException {
        String secret = "tok-9f8e7d6c5b";
        Path env = dir.resolve("secrets.env");
        Files.writeString(env, "API_TOKEN=" + secret + "\n");
        try (LoopbackServer server = LoopbackServer.start().json("/echo", 500, "{\"echo\":\"" + secret + "\"}")) {
            GoldenTest.Result r = run("""
                    runbook "t" {
                      let token = secret("API_TOKEN")
                      step "log it" { log "token=${token}" }
                      step "command output" {
                        sh("echo out:${token}; echo err:${token} >&2")
                      }
                      step "http" {
                        let r = http.get("%s", headers: {"Authorization": "Bearer ${token}"})
                        log "body: ${r.body}"
                        fail "server said ${r.json.echo}"
                      } on failure {
                        log "handler: ${error.message}"
                      }
                    }
                    """.formatted(server.url("/echo")), "--env-file", env.toString());
            String all = r.out() + r.err();
            assertThat(r.exit()).isEqualTo(1);
            assertThat(all).doesNotContain(secret);
            assertThat(all).contains("token=***", "out:***", "err:***", "server said ***");
            assertThat(server.requests("/echo").get(0).header("Authorization")).isEqualTo("Bearer " + secret);
        }
    }

    @Test
    void aSecretParamIsMaskedInTheTerminalEventsReportsAndPlanAndInASubRunbook() throws IOException {
        String token = "tok-2b4d6f8h0j";
        String fallback = "default-9z8y7x";
        Files.writeString(dir.resolve("child.gwrun"), """
                runbook "child" {
                  param key: secret
                  step "use" { sh("echo child got ${key}") }
                }
                """);
        Path events = dir.resolve("events.jsonl");
        Path report = dir.resolve("report.md");
        Path junit = dir.resolve("junit.xml");
        String source = """
                runbook "t" {
                  param token: secret
                  param other: secret = "%s"
                  step "call" {
                    sh("echo calling with ${token} and ${other}")
                    log "token has ${token.len()} characters"
                  }
                  run "child.gwrun" with {key: "passed-${token}"}
                  step "boom" { fail "rejected ${token}" }
                }
                """.formatted(fallback);
        GoldenTest.Result r = run(source, "-p", "token=" + token, "--events", events.toString(), "--report", report.toString(),
                "--junit", junit.toString(), "--state", dir.resolve("state").toString());
        String all = r.out() + r.err() + Files.readString(events) + Files.readString(report) + Files.readString(junit);
        assertThat(r.exit()).isEqualTo(1);
        assertThat(all).doesNotContain(token).doesNotContain(fallback);
        assertThat(r.out()).contains("params: token=***, other=***", "calling with *** and ***", "token has 14 characters",
                "child got ***", "rejected ***");

        GoldenTest.Result plan = GoldenTest.run("plan", dir.resolve("t.gwrun").toString(), "-p", "token=" + token);
        assertThat(plan.exit()).isZero();
        assertThat(plan.out()).doesNotContain(token).doesNotContain(fallback)
                .contains("token: secret = ***  (given)", "other: secret = ***  (default)");
    }

    @Test
    void aSubRunbookBindsItsParamsAsTheTopRunbookDoesWithTheSameMessages() throws IOException {
        Files.writeString(dir.resolve("child.gwrun"), """
                runbook "child" {
                  param n: int
                  param name: string
                  param greeting: string = "hello"
                  step "use" { log "${greeting} ${name} ${n}" }
                }
                """);
        // The with-map is a variable, so the checker cannot see its keys: the engine's binding decides.
        GoldenTest.Result good = run("""
                runbook "t" {
                  let given = {n: 3, name: "api"}
                  run "child.gwrun" with given
                }
                """);
        assertThat(good.exit()).isZero();
        assertThat(good.out()).contains("hello api 3");

        GoldenTest.Result bad = run("""
                runbook "t" {
                  let given = {n: "three", colour: "blue"}
                  run "child.gwrun" with given
                }
                """);
        assertThat(bad.exit()).isEqualTo(1);
        assertThat(bad.out() + bad.err()).contains("child.gwrun: unknown param 'colour'",
                "param 'n' must be an int, got string three", "missing required param 'name' (string)");

        // The same runbook's params given as -p text: the same messages, plus how to pass a missing one.
        GoldenTest.Result top = GoldenTest.run("run", dir.resolve("child.gwrun").toString(), "-p", "n=three");
        assertThat(top.exit()).isEqualTo(2);
        assertThat(top.out() + top.err()).contains("missing required param 'name' (string): pass it with -p name=…");
    }

    @Test
    void envFileValuesReachEnvAndCommands() throws IOException {
        Path env = dir.resolve("staging.env");
        Files.writeString(env, "# staging\nexport DEPLOY_ENV=staging\nDB_URL=\"postgresql://app@db:5432/app\"\n");
        GoldenTest.Result r = run("""
                runbook "t" {
                  step "env" {
                    log "env() sees ${env("DEPLOY_ENV")}"
                    sh("echo \\"command sees $DEPLOY_ENV $DB_URL\\"")
                  }
                }
                """, "--env-file", env.toString());
        assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(0);
        assertThat(r.out()).contains("env() sees staging", "command sees staging postgresql://app@db:5432/app");
    }

    @Test
    void hostileParamValuesStayOneShellArgument() throws IOException {
        String hostile = "x; touch pwned; $(touch pwned2) `touch pwned3` 'q\" *";
        GoldenTest.Result r = run("""
                runbook "t" {
                  param value: string
                  step "quote" {
                    let out = sh("printf '%s' ${value}").stdout
                    guard out == value else "changed: ${out}"
                    let cmd = "printf '[%s]' ${value}"
                    guard sh(cmd).stdout == "[" + value + "]" else "a let-bound command lost its quoting"
                  }
                }
                """, "-p", "value=" + hostile);
        assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(0);
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).doesNotContain("pwned", "pwned2", "pwned3");
        }
    }

    @Test
    void parallelStepsRunConcurrentlyAndTheFirstFailureCancelsTheOthers() throws IOException {
        long start = System.nanoTime();
        GoldenTest.Result r = run("""
                runbook "t" {
                  parallel {
                    step "slow a" { sleep(600ms) }
                    step "slow b" { sleep(600ms) }
                  }
                  parallel {
                    step "fails" { sleep(100ms)  fail "boom" }
                    step "would hang" { sleep(30s) }
                  }
                }
                """);
        long ms = (System.nanoTime() - start) / 1_000_000;
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).contains("✔ slow a", "✔ slow b", "✖ fails", "✖ would hang");
        assertThat(r.out()).contains("cancelled because step 'fails' failed in the same parallel block");
        assertThat(ms).as("two 600ms steps side by side, then a 100ms failure cancelling a 30s sleep").isBetween(600L, 5_000L);
    }

    @Test
    void checkReportsEveryErrorAndRunsNothing() throws IOException {
        Path marker = dir.resolve("ran");
        Path file = dir.resolve("bad.gwrun");
        Files.writeString(file, """
                runbook "bad" {
                  step "writes" { sh("touch %s") }
                  log helth
                  http.gett("x")
                }
                """.formatted(marker));
        GoldenTest.Result check = GoldenTest.run("check", file.toString());
        assertThat(check.exit()).isEqualTo(3);
        assertThat(check.err()).contains(":3:7: error: 'helth' is not defined", ":4:3: error: unknown function 'http.gett' — did you mean 'http.get'?");
        GoldenTest.Result run = GoldenTest.run("run", file.toString());
        assertThat(run.exit()).isEqualTo(3);
        assertThat(marker).doesNotExist();
    }
}
