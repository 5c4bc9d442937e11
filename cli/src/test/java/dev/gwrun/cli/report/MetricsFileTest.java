package dev.gwrun.cli.report;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code gwrun run --metrics FILE}: the deployment metrics of docs 000 for the run, in the OpenMetrics
 * text format, read back with a strict parser; labels from the declared params, secrets never a label;
 * and the file replaced atomically (a rename, never a partial file under the final name).
 */
class MetricsFileTest {
    @TempDir Path dir;

    private static final String DEPLOY = """
            runbook "deploy-api" {
              param service: string = "api"
              param environment: string = "staging"
              param version: string = "abc1234"
              param commit_sha: string = "0123456789abcdef"
              param token: secret = "s3cr3t-t0ken"
              param fail_it: bool = false
              step "deploy" {
                sleep(50ms)
                guard not fail_it else "broken ${token}"
              }
            }
            """;

    @Test
    void aSucceededRunWritesTheThreeDeploymentMetricsOfTheDocuments() throws IOException {
        String text = metrics(dir.resolve("textfile/gwrun.prom"), "deploy.gwrun", DEPLOY);
        assertThat(text).endsWith("\n# EOF\n");
        Map<String, OpenMetricsParser.Family> m = OpenMetricsParser.parse(text);
        assertThat(m.keySet()).containsExactly("deployments", "deployment_duration_seconds", "service_version_info");
        assertThat(m.get("deployments").type).isEqualTo("counter");
        assertThat(m.get("deployments").help).isEqualTo("Total number of deployments");
        assertThat(m.get("deployments").samples).containsExactly(new OpenMetricsParser.Sample("deployments_total",
                Map.of("service", "api", "environment", "staging", "status", "succeeded"), 1));

        OpenMetricsParser.Family duration = m.get("deployment_duration_seconds");
        assertThat(duration.type).isEqualTo("histogram");
        assertThat(duration.unit).isEqualTo("seconds");
        Map<String, String> se = Map.of("service", "api", "environment", "staging");
        assertThat(duration.value("deployment_duration_seconds_count", se)).isEqualTo(1);
        double seconds = duration.value("deployment_duration_seconds_sum", se);
        assertThat(seconds).isBetween(0.05, 120.0);
        assertThat(duration.value("deployment_duration_seconds_bucket", Map.of("service", "api", "environment", "staging", "le", "3600.0"))).isEqualTo(1);
        assertThat(duration.value("deployment_duration_seconds_bucket", Map.of("service", "api", "environment", "staging", "le", "+Inf"))).isEqualTo(1);

        assertThat(m.get("service_version_info").type).isEqualTo("gauge");
        assertThat(m.get("service_version_info").samples).containsExactly(new OpenMetricsParser.Sample("service_version_info",
                Map.of("service", "api", "version", "abc1234", "commit_sha", "0123456789abcdef"), 1));
    }

    @Test
    void aFailedRunCountsAFailureAndClaimsNoVersion() throws IOException {
        Path file = dir.resolve("m.prom");
        Gwrun.Result r = Gwrun.runbook(dir, "deploy.gwrun", DEPLOY, "--metrics", file.toString(), "-p", "fail_it=true", "-p", "environment=production");
        assertThat(r.exit()).as(r.all()).isEqualTo(1);

        Map<String, OpenMetricsParser.Family> m = OpenMetricsParser.parse(Files.readString(file));
        assertThat(m.get("deployments").samples).containsExactly(new OpenMetricsParser.Sample("deployments_total",
                Map.of("service", "api", "environment", "production", "status", "failed"), 1));
        assertThat(m.get("deployment_duration_seconds").value("deployment_duration_seconds_count", Map.of("service", "api", "environment", "production"))).isEqualTo(1);
        assertThat(m.get("service_version_info").samples).isEmpty();
        assertThat(Files.readString(file)).doesNotContain("s3cr3t");
    }

    @Test
    void aSecretParamNeverBecomesALabelValue() throws IOException {
        Path file = dir.resolve("m.prom");
        String text = metrics(file, "d.gwrun", """
                runbook "release" {
                  param env: string = "qa"
                  param version: secret
                  param commit_sha: string = "feedbeef"
                  step "go" { log "releasing ${version}" }
                }
                """, "-p", "version=v9-secret-build");
        assertThat(text).doesNotContain("v9-secret-build").doesNotContain("***");
        Map<String, OpenMetricsParser.Family> m = OpenMetricsParser.parse(text);
        // No service param: the runbook's name; env stands for environment.
        assertThat(m.get("deployments").samples).containsExactly(new OpenMetricsParser.Sample("deployments_total",
                Map.of("service", "release", "environment", "qa", "status", "succeeded"), 1));
        // Without its version the info series would say nothing true: it is left out.
        assertThat(m.get("service_version_info").samples).isEmpty();

        // A secret service name is no label at all (not the runbook's name in its place).
        String again = metrics(file, "h.gwrun", """
                runbook "hidden" {
                  param service: secret
                  param version: string = "v1"
                  step "go" { log "ok" }
                }
                """, "-p", "service=internal-billing");
        assertThat(again).doesNotContain("internal-billing").doesNotContain("hidden");
        assertThat(OpenMetricsParser.parse(again).get("service_version_info").samples).containsExactly(
                new OpenMetricsParser.Sample("service_version_info", Map.of("version", "v1"), 1));
    }

    /** Runs a runbook that succeeds with --metrics {@code file}; the text it wrote. */
    private String metrics(Path file, String name, String runbook, String... args) throws IOException {
        List<String> all = new ArrayList<>(List.of("--metrics", file.toString()));
        all.addAll(List.of(args));
        Gwrun.Result r = Gwrun.runbook(dir, name, runbook, all.toArray(String[]::new));
        assertThat(r.exit()).as(r.all()).isZero();
        return Files.readString(file);
    }

    @Test
    void aRefusedRunIsCountedAsRefused() throws IOException {
        Path file = dir.resolve("m.prom");
        Gwrun.Result r = Gwrun.runbook(dir, "g.gwrun", """
                runbook "guarded" {
                  param service: string = "web \\"edge\\"\\\\1"
                  guard false else "frozen"
                  step "never" { log "no" }
                }
                """, "--metrics", file.toString());
        assertThat(r.exit()).as(r.all()).isEqualTo(4);

        String text = Files.readString(file);
        assertThat(text).contains("deployments_total{service=\"web \\\"edge\\\"\\\\1\",status=\"refused\"} 1\n");
        assertThat(OpenMetricsParser.parse(text).get("deployments").samples.get(0).labels()).containsEntry("service", "web \"edge\"\\1");
    }

    @Test
    void theFileIsReplacedByARenameSoNoReaderSeesAPartialFile() throws Exception {
        Path textfiles = Files.createDirectories(dir.resolve("textfile"));
        Path file = textfiles.resolve("gwrun.prom");
        Files.writeString(file, "# TYPE old gauge\nold 1\n# EOF\n");
        Object before = Files.readAttributes(file, BasicFileAttributes.class).fileKey();

        // A reader polling the final name the whole time, as a textfile collector scraping it would.
        List<String> seen = new CopyOnWriteArrayList<>();
        AtomicBoolean stop = new AtomicBoolean();
        Thread reader = new Thread(() -> {
            while (!stop.get()) {
                try {
                    seen.add(Files.readString(file));
                } catch (NoSuchFileException e) {
                    seen.add("<missing>");
                } catch (IOException e) {
                    seen.add("<error " + e + ">");
                }
            }
        });
        reader.start();
        Gwrun.Result r = Gwrun.runbook(dir, "deploy.gwrun", DEPLOY, "--metrics", file.toString());
        stop.set(true);
        reader.join();
        assertThat(r.exit()).as(r.all()).isZero();

        String after = Files.readString(file);
        assertThat(Files.readAttributes(file, BasicFileAttributes.class).fileKey()).as("a new file renamed over the old").isNotEqualTo(before);
        assertThat(seen).isNotEmpty().allSatisfy(t -> assertThat(t).isIn("# TYPE old gauge\nold 1\n# EOF\n", after));
        try (Stream<Path> s = Files.list(textfiles)) {
            assertThat(s.map(p -> p.getFileName().toString()).toList()).as("no temporary file is left, none was a .prom").containsExactly("gwrun.prom");
        }
    }

    @Test
    void theParserRejectsWhatTheFormatDoesNotAllow() {
        assertThatThrownBy(() -> OpenMetricsParser.parse("# TYPE a gauge\na 1\n")).hasMessageContaining("# EOF");
        assertThatThrownBy(() -> OpenMetricsParser.parse("# TYPE a counter\na 1\n# EOF\n")).hasMessageContaining("not a sample name");
        assertThatThrownBy(() -> OpenMetricsParser.parse("a 1\n# EOF\n")).hasMessageContaining("before any TYPE");
        assertThatThrownBy(() -> OpenMetricsParser.parse("# TYPE a gauge\na{x=\"1\",} 1\n# EOF\n")).hasMessageContaining("malformed label");
        assertThatThrownBy(() -> OpenMetricsParser.parse("# TYPE h histogram\nh_bucket{le=\"1.0\"} 2\nh_bucket{le=\"+Inf\"} 1\nh_count 1\nh_sum 1.0\n# EOF\n"))
                .hasMessageContaining("not cumulative");
        assertThatThrownBy(() -> OpenMetricsParser.parse("# TYPE h histogram\nh_bucket{le=\"+Inf\"} 1\nh_count 2\nh_sum 1.0\n# EOF\n"))
                .hasMessageContaining("_count is not the +Inf bucket");
        assertThatThrownBy(() -> OpenMetricsParser.parse("# TYPE a gauge\n\na 1\n# EOF\n")).hasMessageContaining("blank line");
    }
}
