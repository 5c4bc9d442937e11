package dev.gwrun.cli.report;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** GITHUB_ACTIONS=true (set through --env-file, read like env()): groups, annotations, masks and the step summary. */
class GitHubActionsTest {
    @TempDir
    Path dir;

    private Gwrun.Result runInActions(String source, String... envLines) throws IOException {
        Files.createDirectories(dir.resolve("ops"));
        List<String> env = new ArrayList<>(List.of("GITHUB_ACTIONS=true", "GITHUB_WORKSPACE=" + dir,
                "GITHUB_STEP_SUMMARY=" + dir.resolve("summary.md")));
        env.addAll(List.of(envLines));
        Path envFile = Gwrun.envFile(dir, env.toArray(new String[0]));
        return Gwrun.runbook(dir, "ops/deploy.gwrun", source, "--env-file", envFile.toString());
    }

    @Test
    void eachTopLevelStepIsAGroupAndTheFailureAnAnnotationOnItsLine() throws IOException {
        Files.writeString(dir.resolve("summary.md"), "earlier step's summary\n");
        Gwrun.Result r = runInActions("""
                runbook "deploy" {
                  let token = secret("DEPLOY_TOKEN")
                  step "build" {
                    log "building with ${token}"
                    step "compile" { log "compiling" }
                  }
                  step "deploy: prod, eu" {
                    log "deploying"
                    fail "100% broken,\\nsee: logs"
                  }
                }
                """, "DEPLOY_TOKEN=tok-1234567");
        assertThat(r.exit()).isEqualTo(1);
        List<String> lines = List.of(r.out().split("\n"));

        // Groups: balanced, never nested, and each top-level step's lines inside its own.
        int open = -1;
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i);
            if (l.startsWith("::group::")) {
                assertThat(open).as("nested group at line %d", i).isEqualTo(-1);
                open = i;
            } else if (l.equals("::endgroup::")) {
                assertThat(open).as("endgroup without group at line %d", i).isNotEqualTo(-1);
                open = -1;
            }
        }
        assertThat(open).isEqualTo(-1);
        assertThat(r.out()).contains("::group::build\n● build\n  building with ***\n  ● compile\n    compiling\n  ✔ compile");
        assertThat(r.out()).containsPattern("✔ build \\([0-9.]+s\\)\n::endgroup::\n::group::deploy: prod, eu\n● deploy: prod, eu\n");
        assertThat(lines.stream().filter(l -> l.startsWith("::group::"))).containsExactly("::group::build", "::group::deploy: prod, eu");

        // The annotation: file relative to the workspace, line of the failing statement, escaped properties and message.
        assertThat(lines).contains("::error file=ops/deploy.gwrun,line=9,title=step 'deploy%3A prod%2C eu' failed::100%25 broken,%0Asee: logs");

        // The secret was registered before the first line that could show it.
        int mask = lines.indexOf("::add-mask::tok-1234567");
        assertThat(mask).isNotNegative().isLessThan(lines.indexOf("::group::build"));

        // The step summary gets the Markdown report, after what earlier steps wrote.
        String summary = Files.readString(dir.resolve("summary.md"));
        assertThat(summary).startsWith("earlier step's summary\n").contains("## ❌ Runbook `deploy` failed", "### Steps", "| build |", "### Timeline");
        assertThat(summary).doesNotContain("tok-1234567");
    }

    @Test
    void parallelTopLevelStepsShareAGroupNamedForAllOfThem() throws IOException {
        Gwrun.Result r = runInActions("""
                runbook "p" {
                  parallel {
                    step "api" { sleep(300ms) }
                    step "worker" { sleep(300ms) }
                  }
                }
                """);
        assertThat(r.exit()).as(r.all()).isZero();
        assertThat(r.out()).containsPattern("::group::(api ‖ worker|worker ‖ api)\n");
        long groups = r.out().lines().filter(l -> l.startsWith("::group::")).count();
        long ends = r.out().lines().filter(l -> l.equals("::endgroup::")).count();
        assertThat(groups).isEqualTo(ends);
    }

    @Test
    void refusedGuardsAndRecoveredStepsAreAnnotatedToo() throws IOException {
        Gwrun.Result refused = runInActions("""
                runbook "g" {
                  guard false else "change freeze"
                  step "a" { log "x" }
                }
                """);
        assertThat(refused.exit()).isEqualTo(4);
        assertThat(refused.out()).contains("::error file=ops/deploy.gwrun,line=2,title=guard refused::change freeze");

        Gwrun.Result recovered = runInActions("""
                runbook "r" {
                  step "cache" {
                    fail "cache cold"
                  } on failure { recover }
                }
                """);
        assertThat(recovered.exit()).isZero();
        assertThat(recovered.out()).contains("::warning file=ops/deploy.gwrun,line=3,title=step 'cache' recovered::cache cold");
        assertThat(recovered.out()).doesNotContain("::error");
    }

    @Test
    void checkErrorsAreAnnotatedWithTheirColumn() throws IOException {
        Gwrun.Result r = runInActions("""
                runbook "c" {
                  step "a" { http.gett("x") }
                }
                """);
        assertThat(r.exit()).isEqualTo(3);
        assertThat(r.out()).containsPattern("::error file=ops/deploy.gwrun,line=2,col=\\d+,title=gwrun check::unknown function 'http.gett'");
    }

    @Test
    void withoutGitHubActionsThereAreNoWorkflowCommands() throws IOException {
        Path env = Gwrun.envFile(dir, "GITHUB_ACTIONS=false");
        Gwrun.Result r = Gwrun.runbook(dir, "x.gwrun", "runbook \"x\" { step \"a\" { fail \"no\" } }", "--env-file", env.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).doesNotContain("::");
    }

    @Test
    void workflowCommandEscaping() {
        assertThat(GitHubActions.data("50% done\r\nnext: a,b")).isEqualTo("50%25 done%0D%0Anext: a,b");
        assertThat(GitHubActions.property("a:b,c%\n")).isEqualTo("a%3Ab%2Cc%25%0A");
    }
}
