package dev.gwrun.cli;

import dev.gwrun.stdlib.LoopbackServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * `gwrun plan` against real systems: a changing call (sh) is never made, a read-only one (an HTTP
 * GET on loopback) only with --probe; guards and when conditions are evaluated from the params.
 */
class PlanCommandTest {
    @TempDir
    Path dir;

    private Path runbook(String body) throws Exception {
        Path f = dir.resolve("p.gwrun");
        Files.writeString(f, "runbook \"p\" {\n" + body + "\n}\n");
        return f;
    }

    @Test
    void changingCallsAreNeverMadeAndReadOnlyOnesOnlyWithProbe() throws Exception {
        Path marker = dir.resolve("touched");
        try (LoopbackServer server = LoopbackServer.start().json("/health", 200, "{\"status\":\"ok\"}")) {
            Path f = runbook("""
                      param url: string
                      step "deploy" {
                        sh("touch ${marker}")
                        let r = http.get(url)
                        guard r.status == 200 else "unhealthy"
                      } on failure {
                        log "failed"
                      }
                    """.replace("${marker}", marker.toString()));
            GoldenTest.Result plain = GoldenTest.run("plan", f.toString(), "-p", "url=" + server.url("/health"));
            assertThat(plain.exit()).as(plain.err()).isEqualTo(0);
            assertThat(plain.out()).contains("→ sh(\"touch " + marker + "\")  [changes]  not made",
                    "→ http.get(\"" + server.url("/health") + "\")  [read-only]  not made (--probe makes it)",
                    "guard r.status == 200  — checked at run time");
            assertThat(server.requestCount("/health")).isZero();

            GoldenTest.Result probed = GoldenTest.run("plan", "--probe", f.toString(), "-p", "url=" + server.url("/health"));
            assertThat(probed.exit()).as(probed.err()).isEqualTo(0);
            assertThat(probed.out()).contains("[read-only]  probed → ", "guard r.status == 200  — passes");
            assertThat(server.requestCount("/health")).isEqualTo(1);
        }
        assertThat(marker).as("sh was never run").doesNotExist();
    }

    @Test
    void guardsAndWhenConditionsAreEvaluatedFromTheParams() throws Exception {
        Path f = runbook("""
                  param env: string = "staging"
                  param replicas: int = 2
                  guard replicas > 0 else "replicas must be positive, got ${replicas}"
                  step "announce" when env == "production" {
                    log "to production"
                  }
                  step "scale" {
                    log "scaling to ${replicas}"
                  }
                """);
        GoldenTest.Result ok = GoldenTest.run("plan", f.toString());
        assertThat(ok.out()).contains("guard replicas > 0  — passes", "step \"announce\" when env == \"production\"  — skipped: the condition is false",
                "  log \"scaling to 2\"").doesNotContain("to production");
        GoldenTest.Result refused = GoldenTest.run("plan", f.toString(), "-p", "replicas=0", "-p", "env=production");
        assertThat(refused.out()).contains("guard replicas > 0  — fails: replicas must be positive, got 0",
                "the run stops here  — guard fails: replicas must be positive, got 0").doesNotContain("step \"scale\"");
    }

    @Test
    void aCertainFailureStopsTheRunUnlessTheStepsHandlerRecovers() throws Exception {
        Path f = runbook("""
                  param cold: bool = true
                  step "warm" {
                    guard not cold else "cache is cold"
                  } on failure {
                    recover
                  }
                  step "deploy" {
                    fail "no"
                  } on failure {
                    log "rolling back"
                  }
                  step "never" {
                    log "not reached"
                  }
                """);
        GoldenTest.Result r = GoldenTest.run("plan", f.toString());
        assertThat(r.out()).contains(
                "step \"warm\"\n  guard not cold  — fails: cache is cold\n  on failure  — runs: the step fails\n    recover  — the step counts as recovered\n",
                "step \"deploy\"\n  fail \"no\"  — the step fails here\n  on failure  — runs: the step fails\n    log \"rolling back\"\n",
                "the run stops here  — fail \"no\"").doesNotContain("step \"never\"");
    }

    @Test
    void aSubRunbookIsPlannedWithTheParamsItIsGiven() throws Exception {
        Files.writeString(dir.resolve("child.gwrun"), """
                runbook "child" {
                  param target: string
                  param replicas: int = 3
                  param token: secret = "from-the-default-8c7b"
                  step "scale ${target}" when replicas > 0 {
                    sh("scale ${target} to ${replicas} with ${token}")
                  }
                  always { log "child done" }
                }
                """);
        Files.writeString(dir.resolve("loop.gwrun"), "runbook \"loop\" {\n  step \"again\" { run \"loop.gwrun\" }\n}\n");
        Path f = runbook("""
                  param env: string = "staging"
                  param extra: string = "loop"
                  step "deploy" {
                    run "child.gwrun" with {target: "api-${env}"}
                  }
                  run "${extra}.gwrun"
                  run "loop.gwrun"
                """);
        GoldenTest.Result r = GoldenTest.run("plan", f.toString(), "-p", "env=prod", "-p", "extra=missing");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("""
                step "deploy"
                  run "child.gwrun" with {"target": "api-prod"}
                    param target = "api-prod"  — from with
                    param replicas = 3  — default
                    param token = ***  — default
                    step "scale api-prod" when replicas > 0  — runs: the condition is true
                      → sh("scale api-prod to 3 with ${token}")  [changes]  not made
                    always  — at its end, whatever happened
                      log "child done"
                """);
        // A path the checker cannot know is only found missing by the plan.
        assertThat(r.out()).contains("run \"missing.gwrun\"\n  cannot plan it  — cannot find runbook 'missing.gwrun' (looked for "
                + dir.resolve("missing.gwrun") + ")\n");
        assertThat(r.out()).contains("run \"loop.gwrun\"\n  step \"again\"\n    run \"loop.gwrun\"\n      not planned again  — it is already being planned");
        assertThat(r.out()).doesNotContain("from-the-default-8c7b");
    }

    @Test
    void unknownParamsAndBadValuesAreUsageErrors() throws Exception {
        Path f = runbook("  param replicas: int = 2\n  log replicas");
        GoldenTest.Result r = GoldenTest.run("plan", f.toString(), "-p", "replica=3", "-p", "replicas=x");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("gwrun: unknown param 'replica' — did you mean 'replicas'?",
                "gwrun: param 'replicas' (int): expected a whole number, got 'x'");
    }
}
