package dev.gwrun.cli;

import dev.gwrun.stdlib.DockerTestSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runbooks using the docker module, through the real command line (in process) against the real
 * Docker Engine; and the checker catching docker calls it cannot accept, with no engine needed.
 */
class DockerRunbookTest {
    @TempDir
    Path dir;

    @AfterAll
    static void cleanUp() {
        DockerTestSupport.cleanUp();
    }

    private GoldenTest.Result gwrun(String command, String source, String... params) throws IOException {
        Path file = dir.resolve("t.gwrun");
        Files.writeString(file, source);
        String[] args = new String[params.length * 2 + 2];
        args[0] = command;
        args[1] = file.toString();
        for (int i = 0; i < params.length; i++) {
            args[2 + 2 * i] = "-p";
            args[3 + 2 * i] = params[i];
        }
        return GoldenTest.run(args);
    }

    @Test
    void aRunbookStartsAContainerWaitsForItsHealthAndCleansUp() throws IOException {
        DockerTestSupport.requireEngine();
        String image = DockerTestSupport.testImage();
        String name = DockerTestSupport.name("e2e");
        int port = DockerTestSupport.freePort();
        GoldenTest.Result r = gwrun("run", """
                runbook "docker-e2e" {
                  param name: string
                  param image: string
                  param port: string
                  step "start" {
                    let c = docker.run(name: name, image: image, ports: ["${port}:80"], labels: {"app": "e2e"},
                                       command: ["sh", "-c", "echo ok > /index.html; exec httpd -f -p 80 -h /"],
                                       healthcheck: {test: "wget -q -O /dev/null http://127.0.0.1/", interval: 100ms})
                    log "state ${c.state}, ports ${c.ports}"
                    wait until docker.healthy(name) every 100ms timeout 30s
                  }
                  step "serves" {
                    guard http.get("http://127.0.0.1:${port}/").body.trim() == "ok" else "not serving"
                    let r = docker.exec(name, "echo from inside")
                    log "exec said ${r.stdout}"
                  }
                  always { docker.rm(name, force: true) }
                }
                """, "name=" + name, "image=" + image, "port=" + port);
        assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(0);
        assertThat(r.out()).contains(
                "docker: started " + name + " (" + image + ") on :" + port,
                "state running, ports {\"" + port + "\": \"80\"}",
                "exec said from inside",
                "docker: removed " + name + " (forced)");
        assertThat(DockerTestSupport.leftoverContainers()).isEmpty();
    }

    @Test
    void aWaitOnAContainerThatExitsFailsAtOnceWithItsExitCodeAndLogs() throws IOException {
        DockerTestSupport.requireEngine();
        String image = DockerTestSupport.testImage();
        String name = DockerTestSupport.name("dies");
        long start = System.nanoTime();
        GoldenTest.Result r = gwrun("run", """
                runbook "dies" {
                  param name: string
                  param image: string
                  step "start" {
                    # It would be healthy once /tmp/ready exists, but it crashes while starting.
                    docker.run(name: name, image: image, command: ["sh", "-c", "echo loading config; sleep 0.5; echo 'fatal: DATABASE_URL is not set' >&2; exit 78"],
                               healthcheck: {test: "test -f /tmp/ready", interval: 100ms, start_period: 1m})
                    wait until docker.healthy(name) every 200ms timeout 2m
                  }
                  always { docker.rm(name, force: true) }
                }
                """, "name=" + name, "image=" + image);
        long seconds = (System.nanoTime() - start) / 1_000_000_000;
        assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(1);
        assertThat(seconds).as("the wait must stop when the container exits, not at its 2m timeout").isLessThan(20);
        assertThat(r.out() + r.err()).contains(
                "container '" + name + "' exited with code 78",
                "last 20 log lines:",
                "  loading config",
                "  fatal: DATABASE_URL is not set");
        assertThat(r.out() + r.err()).doesNotContain("Exception", "\tat ");
    }

    @Test
    void aHealthWaitThatTimesOutSaysWhatTheContainerIsDoing() throws IOException {
        DockerTestSupport.requireEngine();
        String image = DockerTestSupport.testImage();
        String name = DockerTestSupport.name("stuck");
        GoldenTest.Result r = gwrun("run", """
                runbook "stuck" {
                  param name: string
                  param image: string
                  step "start" {
                    # Its check keeps failing, but inside the start period: health stays "starting".
                    docker.run(name: name, image: image, command: ["sleep", "3600"],
                               healthcheck: {test: "echo waiting for the database; exit 1", interval: 100ms, start_period: 10m})
                    wait until docker.healthy(name) every 200ms timeout 3s
                  }
                  always { docker.rm(name, force: true) }
                }
                """, "name=" + name, "image=" + image);
        assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(1);
        assertThat(r.out() + r.err()).containsPattern("timed out after 3s waiting until docker\\.healthy\\(name\\) \\(\\d+ attempts; last: false \\('"
                + name + "' is running, health: starting(, \\d+ failed checks? in a row|, 1 failed check)?, last check exit 1: waiting for the database\\)\\)");
    }

    @Test
    void theCheckerCatchesUnknownDockerFunctionsAndArgumentNames() throws IOException {
        GoldenTest.Result r = gwrun("check", """
                runbook "typos" {
                  step "deploy" {
                    docker.rn(name: "api", image: "api:1")
                    wait until docker.helthy("api")
                    let c = docker.run(nmae: "api", image: "api:1")
                    log c.stat
                    docker.stop("api", engine: "tcp://10.0.0.5:2376")
                    docker.stop("api", engine: docker.engine("tcp://10.0.0.5:2376"), timout: 5s)
                  }
                }
                """);
        assertThat(r.exit()).isEqualTo(3);
        assertThat(r.err()).contains(
                "t.gwrun:3:5: error: unknown function 'docker.rn' — did you mean 'docker.rm'?",
                "t.gwrun:4:16: error: unknown function 'docker.helthy' — did you mean 'docker.healthy'?",
                "t.gwrun:5:13: error: 'docker.run' needs the argument 'name'",
                "t.gwrun:5:24: error: 'docker.run' has no parameter 'nmae' — did you mean 'name'?",
                "t.gwrun:6:11: error: docker container has no field 'stat' — did you mean 'state'?",
                "t.gwrun:7:32: error: argument 'engine' of 'docker.stop' must be docker engine, got a string",
                "t.gwrun:8:70: error: 'docker.stop' has no parameter 'timout' — did you mean 'timeout'?",
                "1 file checked: 7 errors, 0 warnings");
    }
}
