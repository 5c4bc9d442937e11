package dev.gwrun.cli;

import dev.gwrun.stdlib.DockerTestSupport;
import dev.gwrun.stdlib.Postgres;
import dev.gwrun.stdlib.PrometheusTestSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * runbooks/monitor.gwrun deciding a rollback from PromQL, run by the real bin/gwrun against the local
 * stack deployed in production (two colours, so there is one to roll back to) and the real Prometheus
 * scraping the API's /metrics through the front proxy (a file_sd target labelled with the stack).
 * Traffic is a client requesting /api/v1/items all along. In order: a healthy window passes, with the
 * metrics read; a slow version trips the P95 trigger (auto_rollback off, so the colour stays); the
 * /admin/unhealthy switch makes the live version answer 500s and the error-ratio trigger rolls back,
 * before the health-check trigger could.
 */
@Timeout(600)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MonitorMetricsIT {
    private static final Path ROOT = ExampleRunbookIT.ROOT;
    private static final String IMAGE = DockerTestSupport.PREFIX + "-mon";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @TempDir static Path work;
    private static Postgres db;
    private static String prometheus;
    private static String stack;
    private static int port;
    private static PrometheusTestSupport.Target target;
    private static Traffic traffic;

    private record Proc(int exit, String out) {}

    @BeforeAll
    static void deployTwoColours() throws Exception {
        DockerTestSupport.requireEngine();
        Postgres.server();
        prometheus = PrometheusTestSupport.require();
        db = Postgres.freshDatabase("monitor");
        Path dir = Files.createDirectories(work.resolve("runbooks"));
        ExampleRunbookIT.copyRunbooks(dir);
        stack = DockerTestSupport.name("mon");
        port = DockerTestSupport.freePort();
        Files.writeString(dir.resolve(".env.production"), String.join("\n", "# written by MonitorMetricsIT",
                "ENVIRONMENT=production", "STACK=" + stack, "COMPOSE_PROJECT_NAME=" + stack, "IMAGE=" + IMAGE,
                "API_PORT=" + port, "DB_RELAY_PORT=" + DockerTestSupport.freePort(), "DB_NAME=" + db.name(),
                "BACKUP_DIR=backups/production", ""));
        for (String version : List.of("m1", "m2")) {
            Proc p = gwrun("run", "deploy.gwrun", "--yes", "-p", "env=production", "-p", "version=" + version);
            assertThat(p.exit()).as(p.out()).isZero();
        }
        assertThat(get("/version").strip()).isEqualTo("m2");
        target = PrometheusTestSupport.scrape("monitor", port, "{\"stack\": \"" + stack + "\"}");
        traffic = new Traffic(port);
    }

    @AfterAll
    static void cleanUp() throws Exception {
        if (traffic != null) traffic.close();
        if (target != null) target.close();
        try {
            if (stack != null) gwrun("run", "stack-down.gwrun", "--env-file", ".env.production", "-p", "images=true");
        } finally {
            DockerTestSupport.cleanUp();
            if (db != null) db.close();
        }
    }

    @Test
    @Order(1)
    void aHealthyWindowPassesWithTheMetricsRead() throws Exception {
        awaitMetric("sum(increase(http_requests_total{stack=\"" + stack + "\", handler=\"/api/v1/items\", code=\"200\"}[15s])) > 10");

        Proc monitor = monitor("period=3s", "interval=1s");

        assertThat(monitor.exit()).as(monitor.out()).isZero();
        assertThat(monitor.out()).contains("error ratio: (sum(rate(http_requests_total{stack=\"" + stack + "\", handler=~\"/api/.*\", code=~\"5..\"}[15s])) or vector(0))",
                "error ratio 0.0%, P95 ", "healthy for 3s: no rollback trigger", "✔ check 3 of 3")
                .doesNotContain("metrics unavailable", "no API requests", "rollback trigger:");
        Matcher p95 = Pattern.compile("P95 (\\d+)ms over the last 15s").matcher(monitor.out());
        assertThat(p95.find()).as(monitor.out()).isTrue();
        assertThat(Integer.parseInt(p95.group(1))).as("the shell API answers in milliseconds").isLessThan(2000);
    }

    @Test
    @Order(2)
    void aSlowVersionTripsTheP95Trigger() throws Exception {
        post("/admin/slow?seconds=2.6");
        try {
            awaitMetric("histogram_quantile(0.95, sum by (le) (rate(http_request_duration_seconds_bucket{stack=\"" + stack
                    + "\", handler=\"/api/v1/items\"}[15s]))) > 2");

            Proc monitor = monitor("period=5s", "interval=1s", "auto_rollback=false");

            assertThat(monitor.exit()).as(monitor.out()).isEqualTo(1);
            assertThat(monitor.out()).containsPattern("rollback trigger: metric: P95 latency \\d+ms over the last 15s is above 2s")
                    .contains("a rollback is needed (auto_rollback is off): metric: P95 latency")
                    .doesNotContain("error ratio over", "health check failed");
            assertThat(get("/version").strip()).as("auto_rollback=false leaves the colour").isEqualTo("m2");
        } finally {
            post("/admin/fast");
        }
    }

    @Test
    @Order(3)
    void errorsFromTheUnhealthySwitchRollBackByTheErrorRatioMetric() throws Exception {
        post("/admin/unhealthy");
        awaitMetric("sum(rate(http_requests_total{stack=\"" + stack + "\", handler=~\"/api/.*\", code=~\"5..\"}[15s]))"
                + " / sum(rate(http_requests_total{stack=\"" + stack + "\", handler=~\"/api/.*\"}[15s])) > 0.1");

        Proc monitor = monitor("period=10s", "interval=500ms");

        assertThat(monitor.exit()).as(monitor.out()).isEqualTo(1);
        assertThat(monitor.out()).containsPattern("rollback trigger: metric: error ratio [\\d.]+% over the last 15s is above 10.0%")
                .contains("traffic back on " + stack + "-blue (m1)", "the deployment was rolled back: metric: error ratio")
                .doesNotContain("consecutive health-check failures", "health check failed");
        assertThat(get("/version").strip()).isEqualTo("m1");
    }

    private static Proc monitor(String... params) throws Exception {
        List<String> args = new ArrayList<>(List.of("run", "monitor.gwrun", "--env-file", ".env.production",
                "-p", "prometheus_url=" + prometheus, "-p", "window=15s"));
        for (String p : params) args.addAll(List.of("-p", p));
        return gwrun(args.toArray(String[]::new));
    }

    /** Polls Prometheus until the PromQL condition has a result: the scrapes have caught up with the traffic. */
    private static void awaitMetric(String promql) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        String last = "";
        while (System.nanoTime() < deadline) {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(prometheus + "/api/v1/query?query="
                    + URLEncoder.encode(promql, StandardCharsets.UTF_8))).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            last = r.body();
            if (r.statusCode() == 200 && last.contains("\"value\"")) return;
            Thread.sleep(500);
        }
        throw new AssertionError("Prometheus never saw " + promql + " within 60 s; last answer: " + last + "; traffic: " + traffic);
    }

    private static Proc gwrun(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(ROOT.resolve("bin/gwrun").toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(work.resolve("runbooks").toFile()).redirectErrorStream(true);
        pb.environment().put("DATABASE_URL", db.url());
        pb.environment().remove("PROMETHEUS_URL");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(300, TimeUnit.SECONDS)).isTrue();
        assertThat(out).as("the database password never shows").doesNotContain(db.password());
        return new Proc(p.exitValue(), out);
    }

    private static String get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private static void post(String path) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .POST(HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
    }

    /** API requests through the proxy, a few a second, from the deploy until the end. */
    private static final class Traffic implements AutoCloseable {
        final AtomicInteger ok = new AtomicInteger();
        final AtomicInteger errors = new AtomicInteger();
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final List<Thread> threads = new ArrayList<>();

        Traffic(int port) {
            // Two clients: a slow answer (the P95 test) holds up one, not the traffic.
            for (int i = 0; i < 2; i++) {
                Thread t = new Thread(() -> {
                    HttpRequest req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/items")).timeout(Duration.ofSeconds(10)).build();
                    while (running.get()) {
                        try {
                            int status = HTTP.send(req, HttpResponse.BodyHandlers.discarding()).statusCode();
                            (status == 200 ? ok : errors).incrementAndGet();
                            Thread.sleep(100);
                        } catch (InterruptedException e) {
                            return;
                        } catch (Exception e) {
                            errors.incrementAndGet();
                        }
                    }
                }, "traffic-" + i);
                t.setDaemon(true);
                t.start();
                threads.add(t);
            }
        }

        @Override
        public void close() throws InterruptedException {
            running.set(false);
            for (Thread t : threads) t.join(15_000);
        }

        @Override
        public String toString() { return ok.get() + " answered 200, " + errors.get() + " not"; }
    }
}
