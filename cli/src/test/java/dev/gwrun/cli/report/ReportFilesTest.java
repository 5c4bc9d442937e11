package dev.gwrun.cli.report;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** --report FILE.md and FILE.html: summary, step table and timeline; written atomically, also for failed runs. */
class ReportFilesTest {
    @TempDir
    Path dir;

    static final String RUNBOOK = """
            runbook "release" {
              param version: string = "v7"
              step "build" { log "built" }
              parallel {
                step "deploy | api" { sleep(300ms) }
                step "deploy worker" { sleep(300ms) }
              }
              step "skip" when false { log "no" }
              step "verify" retry 2 backoff 10ms { fail "HTTP 503 <starting>" }
            }
            """;

    @Test
    void markdownHasSummaryStepTableAndTimeline() throws IOException {
        Path md = dir.resolve("r/report.md");
        Gwrun.Result r = Gwrun.runbook(dir, "release.gwrun", RUNBOOK, "--report", md.toString());
        assertThat(r.exit()).isEqualTo(1);
        String text = Files.readString(md);
        assertThat(text).startsWith("## ❌ Runbook `release` failed\n");
        assertThat(text).contains("| **outcome** | failed (exit code 1) |", "| **params** | `version=v7` |",
                "| **error** | `" + dir.resolve("release.gwrun") + ":9:")
                .contains("| step | outcome | duration | started | details |")
                .contains("| build | ✅ succeeded |", "| deploy \\| api | ✅ succeeded |", "| skip | ⏭️ skipped | – |")
                .contains("| verify | ❌ failed |", "HTTP 503 &lt;starting&gt;", "(1 retry)");
        // The timeline: one row per step in a text block; the parallel steps' bars overlap in time.
        String chart = text.substring(text.indexOf("```text\n") + 8, text.lastIndexOf("```"));
        List<String> rows = chart.lines().toList();
        assertThat(rows).hasSize(2 + 5);
        String api = rows.stream().filter(l -> l.startsWith("deploy | api")).findFirst().orElseThrow();
        String worker = rows.stream().filter(l -> l.startsWith("deploy worker")).findFirst().orElseThrow();
        int apiFrom = api.indexOf('█'), workerFrom = worker.indexOf('█');
        int apiTo = api.lastIndexOf('█'), workerTo = worker.lastIndexOf('█');
        assertThat(apiFrom).isPositive();
        assertThat(Math.max(apiFrom, workerFrom)).as("parallel bars overlap").isLessThan(Math.min(apiTo, workerTo));
        assertThat(apiTo - apiFrom).as("a 300ms step of a ~0.4s run spans most of the axis").isGreaterThan(MarkdownReport.BAR_WIDTH / 3);
        assertThat(rows.stream().filter(l -> l.startsWith("skip")).findFirst().orElseThrow()).contains("·", "– skipped");
    }

    @Test
    void htmlIsOneSelfContainedPage() throws IOException {
        Path html = dir.resolve("report.html");
        Path md = dir.resolve("report.md");
        Gwrun.Result r = Gwrun.runbook(dir, "release.gwrun", RUNBOOK, "--report", html.toString(), "--report", md.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(md).exists();
        String page = Files.readString(html);
        assertThat(page).startsWith("<!DOCTYPE html>").contains("<style>", "<svg class=\"timeline\"", "</html>");
        assertThat(page).contains(">build<", ">deploy | api<", ">deploy worker<", ">skip<", ">verify<", "HTTP 503 &lt;starting&gt;");
        assertThat(page.split("<rect class=\"bar\"", -1)).hasSize(1 + 5);
        // Nothing is fetched: no scripts, stylesheets, images or fonts from elsewhere.
        assertThat(page).doesNotContain("<script", "<link", "<img", "@import", "url(");
        assertThat(page.replace("http://www.w3.org/2000/svg", "")).doesNotContain("http://", "https://");
    }

    @Test
    void writesLeaveNoTemporaryFilesAndReplaceAnOlderReport() throws IOException {
        Path md = dir.resolve("out/report.md");
        Files.createDirectories(md.getParent());
        Files.writeString(md, "old report");
        Gwrun.Result r = Gwrun.runbook(dir, "ok.gwrun", "runbook \"ok\" { step \"a\" { log \"x\" } }", "--report", md.toString());
        assertThat(r.exit()).isZero();
        assertThat(Files.readString(md)).startsWith("## ✅ Runbook `ok` succeeded");
        try (Stream<Path> files = Files.list(md.getParent())) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("report.md");
        }
    }

    @Test
    void anUnknownReportExtensionIsAUsageErrorBeforeAnythingRuns() throws IOException {
        Path marker = dir.resolve("ran");
        Gwrun.Result r = Gwrun.runbook(dir, "x.gwrun", "runbook \"x\" { step \"a\" { sh(\"touch " + marker + "\") } }",
                "--report", dir.resolve("report.pdf").toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("--report " + dir.resolve("report.pdf") + ": the file name must end in .md or .html");
        assertThat(marker).doesNotExist();
    }

    @Test
    void anOutputPathThatCannotBeCreatedIsAUsageError() throws IOException {
        Path blocker = dir.resolve("file");
        Files.writeString(blocker, "not a directory");
        Gwrun.Result r = Gwrun.runbook(dir, "ok.gwrun", "runbook \"ok\" { step \"a\" { log \"x\" } }",
                "--junit", blocker.resolve("junit.xml").toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).startsWith("gwrun: cannot create the output files: ");
    }
}
