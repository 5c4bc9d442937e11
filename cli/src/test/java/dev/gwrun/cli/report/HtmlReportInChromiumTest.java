package dev.gwrun.cli.report;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The HTML report opened in real headless Chromium by src/test/scripts/html-report-in-chromium.sh:
 * a screenshot is taken (kept as target/html-report.png to look at) and the rendered DOM must show
 * every step. Without Chromium the test fails when GWRUN_REQUIRE_CHROMIUM=1 (as in CI), else it is
 * skipped with a notice.
 */
class HtmlReportInChromiumTest {
    static final Path SCRIPT = Path.of("src/test/scripts/html-report-in-chromium.sh").toAbsolutePath();

    @TempDir
    Path dir;

    static String chromium() {
        String configured = System.getenv("CHROMIUM");
        if (configured != null && !configured.isBlank()) return configured;
        for (String dirName : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            for (String name : new String[]{"chromium", "chromium-browser"}) {
                Path p = Path.of(dirName, name);
                if (Files.isExecutable(p)) return p.toString();
            }
        }
        return null;
    }

    @Test
    void theReportShowsEveryStepInARealBrowser() throws Exception {
        String chrome = chromium();
        if (chrome == null) {
            String why = "headless Chromium not found (install Debian's chromium, or set CHROMIUM)";
            if ("1".equals(System.getenv("GWRUN_REQUIRE_CHROMIUM"))) fail(why + "; GWRUN_REQUIRE_CHROMIUM=1 requires it");
            System.err.println("SKIPPED HtmlReportInChromiumTest: " + why);
            Assumptions.abort(why);
        }
        Path html = dir.resolve("report.html");
        Gwrun.Result r = Gwrun.runbook(dir, "release.gwrun", """
                runbook "release" {
                  step "build image" { log "built" }
                  parallel {
                    step "deploy api" { sleep(200ms) }
                    step "deploy worker" { sleep(100ms) }
                  }
                  step "migrate" {
                    step "schema v42" { log "ok" }
                  }
                  step "notify" when false { log "no" }
                  step "smoke test" { fail "HTTP 503 from /health" }
                }
                """, "--report", html.toString());
        assertThat(r.exit()).isEqualTo(1);

        Path shot = dir.resolve("report.png");
        List<String> cmd = new ArrayList<>(List.of("bash", SCRIPT.toString(), html.toString(), shot.toString(),
                "build image", "deploy api", "deploy worker", "migrate", "schema v42", "notify", "smoke test"));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("CHROMIUM", chrome);
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();
        assertThat(p.exitValue()).as(output).isZero();
        assertThat(output).contains("all 7 step names shown");

        byte[] png = Files.readAllBytes(shot);
        assertThat(png.length).isGreaterThan(5_000);
        assertThat(new String(png, 1, 3, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("PNG");
        copyForPeople(shot);
    }

    @Test
    void theScriptFailsWhenAStepIsNotShown() throws Exception {
        String chrome = chromium();
        Assumptions.assumeTrue(chrome != null, "headless Chromium not found");
        Path html = dir.resolve("report.html");
        Gwrun.runbook(dir, "one.gwrun", "runbook \"one\" { step \"only step\" { log \"x\" } }", "--report", html.toString());
        ProcessBuilder pb = new ProcessBuilder("bash", SCRIPT.toString(), html.toString(), dir.resolve("s.png").toString(),
                "only step", "a step that never ran").redirectErrorStream(true);
        pb.environment().put("CHROMIUM", chrome);
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();
        assertThat(p.exitValue()).as(output).isEqualTo(1);
        assertThat(output).contains("step not shown in the rendered page: a step that never ran").doesNotContain("only step\n");
    }

    private static void copyForPeople(Path shot) throws IOException {
        Path target = Path.of("target");
        if (Files.isDirectory(target)) Files.copy(shot, target.resolve("html-report.png"), StandardCopyOption.REPLACE_EXISTING);
    }
}
