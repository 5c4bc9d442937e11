package dev.gwrun.cli.report;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The run's deployment metrics where Prometheus picks them up: pushed to the real Pushgateway
 * ({@code GWRUN_TEST_PUSHGATEWAY_URL}, started by .ci/provision) and read back from its /metrics, and
 * written into the textfile directory of a real node_exporter (Debian's prometheus-node-exporter,
 * started here on a free loopback port) and read back from its /metrics. Without them these fail when
 * GWRUN_REQUIRE_PUSHGATEWAY=1 / GWRUN_REQUIRE_NODE_EXPORTER=1 (CI), else they are skipped.
 */
@Timeout(120)
class MetricsExportersTest {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final String NODE_EXPORTER = "/usr/bin/prometheus-node-exporter";

    @TempDir Path dir;

    private static final String DEPLOY = """
            runbook "deploy-api" {
              param service: string
              param environment: string = "ci"
              param version: string = "v7"
              param fail_it: bool = false
              step "deploy" {
                guard not fail_it else "broken"
              }
            }
            """;

    private static String pushgateway() {
        String url = System.getenv("GWRUN_TEST_PUSHGATEWAY_URL");
        String why = null;
        if (url == null || url.isBlank()) why = "GWRUN_TEST_PUSHGATEWAY_URL is not set (.ci/provision starts a Pushgateway)";
        else {
            try {
                if (get(url + "/-/ready").statusCode() != 200) why = "the Pushgateway at " + url + " is not ready";
            } catch (Exception e) {
                why = "no Pushgateway answers at " + url + " (" + e + ")";
            }
        }
        if (why != null) {
            if ("1".equals(System.getenv("GWRUN_REQUIRE_PUSHGATEWAY"))) throw new AssertionError(why + "; GWRUN_REQUIRE_PUSHGATEWAY=1 requires it");
            Assumptions.abort(why);
        }
        return url.replaceAll("/+$", "");
    }

    private static HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The lines of an exposition that carry this service's label. */
    private static List<String> linesOf(String exposition, String service) {
        return exposition.lines().filter(l -> !l.startsWith("#") && l.contains("service=\"" + service + "\"")).toList();
    }

    @Test
    void metricsPushedToThePushgatewayAreServedUnderTheGroupingKeyAndAPushReplacesTheLast() throws Exception {
        String gateway = pushgateway();
        String service = "i21n-" + ProcessHandle.current().pid() + "-" + System.nanoTime();
        String group = gateway + "/metrics/job/gwrun/service/" + service + "/environment/ci";
        try {
            Gwrun.Result ok = Gwrun.runbook(dir, "d.gwrun", DEPLOY, "--pushgateway", gateway, "-p", "service=" + service);
            assertThat(ok.exit()).as(ok.all()).isZero();

            List<String> lines = linesOf(get(gateway + "/metrics").body(), service);
            String labels = "environment=\"ci\",instance=\"\",job=\"gwrun\",service=\"" + service + "\"";
            assertThat(lines).contains(
                    "deployments_total{" + labels + ",status=\"succeeded\"} 1",
                    "deployment_duration_seconds_bucket{" + labels + ",le=\"+Inf\"} 1",
                    "deployment_duration_seconds_count{" + labels + "} 1",
                    "service_version_info{" + labels + ",version=\"v7\"} 1");
            assertThat(lines).anyMatch(l -> l.startsWith("push_time_seconds{" + labels + "} "));

            // The next run of the same service and environment replaces the group: its failure, no version.
            Gwrun.Result failed = Gwrun.runbook(dir, "d.gwrun", DEPLOY, "--pushgateway", gateway, "-p", "service=" + service, "-p", "fail_it=true");
            assertThat(failed.exit()).as(failed.all()).isEqualTo(1);
            List<String> after = linesOf(get(gateway + "/metrics").body(), service);
            assertThat(after).contains("deployments_total{" + labels + ",status=\"failed\"} 1");
            assertThat(after).noneMatch(l -> l.contains("status=\"succeeded\"") || l.startsWith("service_version_info"));
        } finally {
            HTTP.send(HttpRequest.newBuilder(URI.create(group)).DELETE().build(), HttpResponse.BodyHandlers.discarding());
        }
    }

    @Test
    void aPushThatFailsAfterARunThatSucceededExitsTwoWithoutThePassword() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Gwrun.Result r = Gwrun.runbook(dir, "d.gwrun", DEPLOY, "--pushgateway", "http://ops:pushp4ss@127.0.0.1:" + port, "-p", "service=api");

        assertThat(r.exit()).as(r.all()).isEqualTo(2);
        assertThat(r.err()).contains("gwrun: cannot push the metrics to the Pushgateway at http://ops:***@127.0.0.1:" + port + ": ");
        assertThat(r.all()).doesNotContain("pushp4ss");
        assertThat(r.out()).contains("run succeeded");

        Gwrun.Result bad = Gwrun.runbook(dir, "d.gwrun", DEPLOY, "--pushgateway", "localhost:9091", "-p", "service=api");
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.err()).contains("--pushgateway needs an http:// or https:// URL, got 'localhost:9091'");
        assertThat(bad.out()).doesNotContain("deploy-api");
    }

    @Test
    void nodeExportersTextfileCollectorReadsTheMetricsFile() throws Exception {
        if (!Files.isExecutable(Path.of(NODE_EXPORTER))) {
            String why = NODE_EXPORTER + " is not installed (.ci/provision installs prometheus-node-exporter)";
            if ("1".equals(System.getenv("GWRUN_REQUIRE_NODE_EXPORTER"))) throw new AssertionError(why + "; GWRUN_REQUIRE_NODE_EXPORTER=1 requires it");
            Assumptions.abort(why);
        }
        Path textfiles = Files.createDirectories(dir.resolve("textfile"));
        Gwrun.Result r = Gwrun.runbook(dir, "d.gwrun", DEPLOY, "--metrics", textfiles.resolve("gwrun.prom").toString(), "-p", "service=api");
        assertThat(r.exit()).as(r.all()).isZero();

        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Process exporter = new ProcessBuilder(NODE_EXPORTER, "--collector.disable-defaults", "--collector.textfile",
                "--collector.textfile.directory=" + textfiles, "--web.listen-address=127.0.0.1:" + port)
                .redirectErrorStream(true).redirectOutput(dir.resolve("node-exporter.log").toFile()).start();
        try {
            String body = null;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (body == null && System.nanoTime() < deadline) {
                try {
                    body = get("http://127.0.0.1:" + port + "/metrics").body();
                } catch (IOException e) {
                    Thread.sleep(100);
                }
            }
            assertThat(body).as(Files.readString(dir.resolve("node-exporter.log"))).isNotNull();
            assertThat(body).contains("node_textfile_scrape_error 0",
                    "deployments_total{environment=\"ci\",service=\"api\",status=\"succeeded\"} 1",
                    "deployment_duration_seconds_count{environment=\"ci\",service=\"api\"} 1",
                    "service_version_info{service=\"api\",version=\"v7\"} 1");
            assertThat(body).contains("# TYPE deployment_duration_seconds histogram", "# TYPE service_version_info gauge");
        } finally {
            exporter.destroy();
            exporter.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
