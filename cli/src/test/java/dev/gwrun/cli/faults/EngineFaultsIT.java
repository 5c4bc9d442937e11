package dev.gwrun.cli.faults;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Docker Engine dies under a run (SIGKILL of a private dockerd, see {@link PrivateDockerd}): a
 * health wait and a {@code compose.up} stop long before their timeouts, saying the engine is out of
 * reach, the {@code always} block runs, and the run is recorded as failed at that step.
 */
class EngineFaultsIT {
    @TempDir
    Path dir;
    PrivateDockerd engine;

    @BeforeEach
    void startEngine() throws Exception {
        engine = PrivateDockerd.start();
    }

    @AfterEach
    void stopEngine() throws Exception {
        if (engine != null) engine.close();
    }

    private Map<String, String> env() {
        return Map.of("DOCKER_HOST", engine.host);
    }

    /** How a run ended after its engine was killed under it, and how many milliseconds after the kill. */
    private record Ended(GwrunProcess.Outcome outcome, long afterKillMillis) {}

    private Ended killEngineUnder(GwrunProcess run) throws Exception {
        long killed = System.nanoTime();
        engine.kill();
        GwrunProcess.Outcome o = run.finish(120);
        return new Ended(o, (System.nanoTime() - killed) / 1_000_000);
    }

    @Test
    void theEngineKilledDuringAHealthWaitEndsTheWaitWithinItsGraceNotAtTheTimeout() throws Exception {
        Files.writeString(dir.resolve("health.gwrun"), """
                runbook "health" {
                  step "start" {
                    docker.run(name: "gwf-api", image: "%s",
                               healthcheck: {test: "test -f /tmp/ready", interval: 200ms, start_period: 5m})
                  }
                  step "healthy" {
                    log "waiting for health"
                    wait until docker.healthy("gwf-api") every 500ms timeout 3m
                  }
                  always { sh("echo always >> always.txt") }
                }
                """.formatted(PrivateDockerd.IMAGE));
        GwrunProcess run = GwrunProcess.start(dir, "health", env(), "run", "health.gwrun");
        run.await("waiting until docker.healthy", 120);
        Thread.sleep(1000);
        Ended ended = killEngineUnder(run);
        GwrunProcess.Outcome o = ended.outcome();
        long stoppedAfter = ended.afterKillMillis();
        assertThat(o.exit()).as(o.all()).isEqualTo(1);
        assertThat(o.out()).contains("✖ healthy", "stopped waiting until docker.healthy(\"gwf-api\")",
                "container 'gwf-api', which the run started, has been out of reach for 1",
                "cannot reach the Docker Engine at " + engine.host + ": connection refused");
        // The grace is 10s, so that a restart of dockerd goes by; the wait's own timeout is 3 minutes.
        assertThat(stoppedAfter).as("ms from the kill to the end of the run").isBetween(9_000L, 60_000L);
        assertThat(dir.resolve("always.txt")).hasContent("always");
        assertThat(GwrunProcess.run(dir, "show", Map.of(), "show", "last").out()).containsPattern("outcome +failed").contains("healthy");
    }

    @Test
    void theEngineKilledDuringComposeUpFailsTheUpAtOnceNamingTheEngine() throws Exception {
        Files.writeString(dir.resolve("compose.yml"), """
                services:
                  db:
                    image: %1$s
                    healthcheck: {test: ["CMD", "true"], interval: 1s}
                  api:
                    image: %1$s
                    depends_on: {db: {condition: service_healthy}}
                    healthcheck: {test: ["CMD-SHELL", "test -f /tmp/ready"], interval: 1s, start_period: 5m}
                """.formatted(PrivateDockerd.IMAGE));
        Files.writeString(dir.resolve("up.gwrun"), """
                runbook "up" {
                  step "up" {
                    let app = compose.project("compose.yml", project_name: "gwfup")
                    compose.up(app, timeout: 3m)
                  }
                  always { sh("echo always >> always.txt") }
                }
                """);
        GwrunProcess run = GwrunProcess.start(dir, "up", env(), "run", "up.gwrun");
        // db is healthy and api created: up is waiting for api's health.
        run.await("compose: created gwfup-api-1", 120);
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (!engine.docker("ps", "--filter", "name=gwfup-api-1", "--format", "{{.Status}}").contains("Up") && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        Ended ended = killEngineUnder(run);
        GwrunProcess.Outcome o = ended.outcome();
        long stoppedAfter = ended.afterKillMillis();
        assertThat(o.exit()).as(o.all()).isEqualTo(1);
        assertThat(o.out()).contains("✖ up", "cannot reach the Docker Engine at " + engine.host);
        assertThat(stoppedAfter).as("ms from the kill to the end of the run").isLessThan(30_000L);
        assertThat(dir.resolve("always.txt")).hasContent("always");
    }
}
