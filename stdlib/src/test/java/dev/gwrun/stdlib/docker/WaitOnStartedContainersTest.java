package dev.gwrun.stdlib.docker;

import dev.gwrun.ast.Runbook;
import dev.gwrun.engine.Event;
import dev.gwrun.engine.RunEngine;
import dev.gwrun.engine.RunOptions;
import dev.gwrun.engine.RunResult;
import dev.gwrun.host.Registry;
import dev.gwrun.parse.ParseResult;
import dev.gwrun.parse.Parsing;
import dev.gwrun.source.SourceFile;
import dev.gwrun.stdlib.DockerTestSupport;
import dev.gwrun.stdlib.StandardLibrary;
import dev.gwrun.stdlib.TestEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A wait gives up as soon as a container the run started dies, whatever its condition probes: the
 * candidate that exits 3 at once is reported with its exit code and what it printed, in seconds, not
 * after the wait's 20 s of "connection refused".
 */
@Timeout(90)
class WaitOnStartedContainersTest {
    private static final Registry REGISTRY = StandardLibrary.registry();
    @RegisterExtension static final TestEngine ENGINE = new TestEngine();

    private static RunResult run(String source, Map<String, String> params, List<Event> events) {
        ParseResult<Runbook> parsed = Parsing.parseRunbook(SourceFile.of("wait.gwrun", source));
        assertThat(parsed.ok()).as(parsed.diagnostics().toString()).isTrue();
        RunOptions o = new RunOptions();
        o.sink = events::add;
        o.params = params;
        return new RunEngine(REGISTRY).run(parsed.ast(), o);
    }

    @Test
    void aCandidateThatExitsEndsAWaitOnItsPortAtOnce() {
        String name = DockerTestSupport.name("dies");
        int port = DockerTestSupport.freePort();
        String source = """
                runbook "deploy" {
                  param name: string
                  param image: string
                  param port: string
                  step "start" {
                    docker.run(name: name, image: image, ports: ["${port}:8000"],
                               command: ["sh", "-c", "echo migrations missing: schema 7 > /dev/stderr; exit 3"])
                  }
                  step "healthy" {
                    wait until http.get("http://127.0.0.1:${port}/health").status == 200 every 200ms timeout 20s
                  }
                  always { docker.rm(name, force: true) }
                }
                """;
        List<Event> events = new ArrayList<>();
        long start = System.nanoTime();
        RunResult r = run(source, Map.of("name", name, "image", ENGINE.image(), "port", String.valueOf(port)), events);
        double seconds = (System.nanoTime() - start) / 1e9;
        assertThat(r.exitCode()).isEqualTo(1);
        String message = r.error().getMessage();
        assertThat(message).startsWith("stopped waiting until http.get(\"http://127.0.0.1:${port}/health\").status == 200 after ")
                .contains("container '" + name + "' exited with code 3")
                .contains("migrations missing: schema 7");
        assertThat(seconds).as("gave up long before the 20 s timeout").isLessThan(12);
    }

    @Test
    void aComposeServiceThatDiesEndsAWaitToo(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        String project = DockerTestSupport.name("cdies");
        java.nio.file.Files.writeString(dir.resolve("compose.yaml"), """
                services:
                  api:
                    image: %s
                    command: ["sh", "-c", "sleep 1; echo cannot open config > /dev/stderr; exit 4"]
                """.formatted(ENGINE.image()));
        String source = """
                runbook "deploy" {
                  param project: string
                  let app = compose.project("compose.yaml", project_name: project)
                  step "up" { compose.up(app, wait: false) }
                  step "healthy" {
                    wait until docker.exists("never-${project}") every 200ms timeout 30s
                  }
                  always { compose.down(app) }
                }
                """;
        java.nio.file.Path file = dir.resolve("deploy.gwrun");
        java.nio.file.Files.writeString(file, source);
        ParseResult<Runbook> parsed = Parsing.parseRunbook(new SourceFile(file.toString(), file, source));
        assertThat(parsed.ok()).as(parsed.diagnostics().toString()).isTrue();
        RunOptions o = new RunOptions();
        List<Event> events = new ArrayList<>();
        o.sink = events::add;
        o.params = Map.of("project", project);
        long start = System.nanoTime();
        RunResult r = new RunEngine(REGISTRY).run(parsed.ast(), o);
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.error().getMessage()).contains("container '" + project + "-api-1' exited with code 4").contains("cannot open config");
        assertThat((System.nanoTime() - start) / 1e9).as("long before the 30 s timeout").isLessThan(20);
    }

    @Test
    void aOneShotThatExitsZeroOrAContainerStoppedOnPurposeDoesNotCutAWaitShort() {
        String shot = DockerTestSupport.name("oneshot");
        String stopped = DockerTestSupport.name("stopped");
        String source = """
                runbook "deploy" {
                  param shot: string
                  param stopped: string
                  param image: string
                  step "start" {
                    docker.run(name: shot, image: image, command: ["true"])
                    docker.run(name: stopped, image: image, command: ["sleep", "60"], init: true)
                    docker.stop(stopped, timeout: 1s)
                  }
                  step "wait" {
                    wait until docker.inspect(shot).state == "exited" every 100ms timeout 10s
                    wait until docker.exists("never-${shot}") every 100ms timeout 1s
                  }
                  always {
                    docker.rm(shot, force: true)
                    docker.rm(stopped, force: true)
                  }
                }
                """;
        List<Event> events = new ArrayList<>();
        RunResult r = run(source, Map.of("shot", shot, "stopped", stopped, "image", ENGINE.image()), events);
        // The second wait runs out its time: neither the finished one-shot nor the stopped one ends it early.
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.error().getMessage()).startsWith("timed out after 1s waiting until docker.exists(\"never-${shot}\") (");
        assertThat(events).filteredOn(e -> e instanceof Event.WaitAttempt).hasSizeGreaterThan(5);
    }
}
