package dev.gwrun.cli.report;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The composite action's run step (.github/action/run-runbook.sh), run as the runner would, with the real bin/gwrun. */
class ActionScriptIT {
    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    static final Path SCRIPT = ROOT.resolve(".github/action/run-runbook.sh");

    @TempDir
    Path dir;

    record Run(int exit, Map<String, String> outputs, String log) {}

    private Run action(String runbook, String params, String reports) throws Exception {
        Path output = dir.resolve("github_output");
        ProcessBuilder pb = new ProcessBuilder("bash", SCRIPT.toString()).directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().remove("GITHUB_ACTIONS");
        pb.environment().put("GWRUN", ROOT.resolve("bin/gwrun").toString());
        pb.environment().put("INPUT_RUNBOOK", runbook);
        pb.environment().put("INPUT_PARAMS", params);
        pb.environment().put("INPUT_ENV_FILE", "");
        pb.environment().put("INPUT_REPORTS", reports);
        pb.environment().put("INPUT_YES", "false");
        pb.environment().put("GITHUB_OUTPUT", output.toString());
        Process p = pb.start();
        String log = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        Map<String, String> outputs = new LinkedHashMap<>();
        for (String l : Files.readAllLines(output)) outputs.put(l.substring(0, l.indexOf('=')), l.substring(l.indexOf('=') + 1));
        return new Run(p.exitValue(), outputs, log);
    }

    @Test
    void paramsOnePerLineReachTheRunbookAsTheyAreAndTheReportsAreWritten() throws Exception {
        Files.writeString(dir.resolve("greet.gwrun"), """
                runbook "greet" {
                  param who: string
                  param note: string = "none"
                  step "greet" { log "hello ${who} (${note})" }
                }
                """);
        Run r = action("greet.gwrun", "who=ops team; touch pwned\r\n\n# a comment\n  note=a=b \"quoted\"\n", "out/reports");
        assertThat(r.exit()).as(r.log()).isZero();
        assertThat(r.log()).contains("hello ops team; touch pwned (a=b \"quoted\")");
        assertThat(dir.resolve("pwned")).doesNotExist();
        assertThat(r.outputs()).containsEntry("outcome", "succeeded").containsEntry("exit-code", "0")
                .containsEntry("report", "out/reports/report.md").containsEntry("junit", "out/reports/junit.xml");
        for (String f : new String[]{"events.jsonl", "junit.xml", "report.md", "report.html"}) {
            assertThat(dir.resolve("out/reports").resolve(f)).isNotEmptyFile();
        }
    }

    @Test
    void aFailedRunFailsTheStepAndStillLeavesItsReports() throws Exception {
        Files.writeString(dir.resolve("f.gwrun"), "runbook \"f\" { step \"a\" { fail \"no\" } }");
        Run r = action("f.gwrun", "", "reports");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.outputs()).containsEntry("outcome", "failed").containsEntry("exit-code", "1");
        assertThat(Files.readString(dir.resolve("reports/report.md"))).contains("Runbook `f` failed");
    }
}
