package dev.gwrun.stdlib.compose;

import dev.gwrun.ast.Runbook;
import dev.gwrun.check.Checker;
import dev.gwrun.engine.Event;
import dev.gwrun.engine.RunEngine;
import dev.gwrun.engine.RunOptions;
import dev.gwrun.engine.RunResult;
import dev.gwrun.host.Registry;
import dev.gwrun.parse.ParseResult;
import dev.gwrun.parse.Parsing;
import dev.gwrun.plan.PlanRenderer;
import dev.gwrun.plan.Planner;
import dev.gwrun.source.Diagnostic;
import dev.gwrun.source.SourceFile;
import dev.gwrun.stdlib.DockerTestSupport;
import dev.gwrun.stdlib.StandardLibrary;
import dev.gwrun.stdlib.TestEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The compose module from a runbook, as the runbooks use it: checked, planned and run, with a function as the rollout's probe. */
@Timeout(120)
class ComposeRunbookTest {
    private static final Registry REGISTRY = StandardLibrary.registry();
    @RegisterExtension static final TestEngine ENGINE = new TestEngine();

    private static final String RUNBOOK = """
            runbook "release" {
              param project_name: string
              let app = compose.project("compose.yaml", project_name: project_name)
              fn serves(c) {
                return http.get("http://${c.ip}:8000/version").body == "v2\\n"
              }
              step "up" { compose.up(app) }
              step "roll out v2" {
                let next = compose.project("compose.yaml", project_name: project_name, env_files: ["v2.env"])
                let r = compose.rollout(next, "api", probe: serves)
                log "rolled out ${r.new} in place of ${r.old}"
              }
              always { compose.down(app) }
            }
            """;
    private static final String COMPOSE = """
            services:
              api:
                image: ${IMAGE}
                command: sh -c 'mkdir -p /www && echo $$VERSION > /www/version && exec httpd -f -p 8000 -h /www'
                environment: {VERSION: "${VERSION}"}
                healthcheck: {test: "wget -q -O /dev/null http://127.0.0.1:8000/version", interval: 200ms}
                stop_grace_period: 1s
            """;

    @TempDir Path dir;

    private Runbook runbook() throws Exception {
        Files.writeString(dir.resolve("compose.yaml"), COMPOSE);
        Files.writeString(dir.resolve(".env"), "IMAGE=" + ENGINE.image() + "\nVERSION=v1\n");
        Files.writeString(dir.resolve("v2.env"), "IMAGE=" + ENGINE.image() + "\nVERSION=v2\n");
        Path file = dir.resolve("release.gwrun");
        Files.writeString(file, RUNBOOK);
        ParseResult<Runbook> parsed = Parsing.parseRunbook(new SourceFile(file.toString(), file, RUNBOOK));
        assertThat(parsed.ok()).as(parsed.diagnostics().toString()).isTrue();
        return parsed.ast();
    }

    @Test
    void checkReportsAComposeFileErrorAtItsYamlLineAndAnUnsetRequiredVariableAsAWarning() throws Exception {
        Files.writeString(dir.resolve("broken.yaml"), "services:\n  api:\n    image: x\n    imagee: typo\n");
        Files.writeString(dir.resolve("vars.yaml"), "services:\n  api:\n    image: ${GWRUN_TEST_SURELY_UNSET:?set it}\n");
        String text = """
                runbook "c" {
                  let a = compose.project("broken.yaml")
                  let b = compose.project(files: ["vars.yaml"])
                  let f = "computed.yaml"
                  let c = compose.project(f)
                }
                """;
        Path file = dir.resolve("c.gwrun");
        ParseResult<Runbook> parsed = Parsing.parseRunbook(new SourceFile(file.toString(), file, text));
        List<Diagnostic> found = new Checker(REGISTRY).check(parsed.ast());
        assertThat(found).filteredOn(Diagnostic::isError).singleElement()
                .satisfies(d -> assertThat(d.headline()).startsWith(dir.resolve("broken.yaml") + ":4:"));
        assertThat(found).filteredOn(d -> !d.isError()).anySatisfy(d -> assertThat(d.headline())
                .contains("vars.yaml:3:", "required variable GWRUN_TEST_SURELY_UNSET is missing a value", "unless the run sets it"));
    }

    @Test
    void checksPlansAndRunsARolloutWithAFunctionAsItsProbe() throws Exception {
        Runbook rb = runbook();
        assertThat(new Checker(REGISTRY).check(rb).stream().filter(Diagnostic::isError).toList()).isEmpty();
        String name = DockerTestSupport.name("runbook");

        String plan = PlanRenderer.text(Planner.plan(rb, Map.of("project_name", name), REGISTRY, true, System.getenv()));
        assertThat(plan).contains("compose.up(compose project " + name + " (api))", "not made; would create network " + name + "_default, create " + name + "-api-1");

        List<Event> events = new ArrayList<>();
        RunOptions o = new RunOptions();
        o.sink = events::add;
        o.params = Map.of("project_name", name);
        RunResult r = new RunEngine(REGISTRY).run(rb, o);
        assertThat(r.exitCode()).as(String.valueOf(r.error())).isZero();
        List<String> logs = events.stream().filter(e -> e instanceof Event.Log).map(e -> ((Event.Log) e).text()).toList();
        assertThat(logs).anyMatch(l -> l.startsWith("compose: created " + name + "-api-1 (image " + ENGINE.image() + ", "))
                .contains("compose: rollout api: retired " + name + "-api-1",
                        "rolled out [\"" + name + "-api-2\"] in place of [\"" + name + "-api-1\"]");
        assertThat(DockerTestSupport.leftoverContainers()).noneMatch(n -> n.contains(name));
    }
}
