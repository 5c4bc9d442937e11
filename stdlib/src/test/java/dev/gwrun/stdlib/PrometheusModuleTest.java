package dev.gwrun.stdlib;

import dev.gwrun.ast.Runbook;
import dev.gwrun.engine.RunEngine;
import dev.gwrun.engine.RunOptions;
import dev.gwrun.engine.RunResult;
import dev.gwrun.host.Registry;
import dev.gwrun.parse.ParseResult;
import dev.gwrun.parse.Parsing;
import dev.gwrun.runtime.GwrunError;
import dev.gwrun.source.SourceFile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The prometheus module against the real Prometheus server: a loopback HTTP server exposes metrics in
 * the text format, the server scrapes it (a file_sd target this test writes), and the module reads it
 * back through /api/v1/query and /api/v1/query_range. Authentication is checked against a loopback
 * server standing in for an auth proxy, which records the headers it got.
 */
@Timeout(120)
class PrometheusModuleTest {
    private static final Registry REGISTRY = StandardLibrary.registry();
    /** The label every series of this test run carries (from its file_sd target). */
    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final String SELECT = "test=\"" + RUN + "\"";

    private static String url;
    private static LoopbackServer exporter;
    private static PrometheusTestSupport.Target target;
    private static final AtomicLong requests = new AtomicLong();

    @TempDir Path dir;

    @BeforeAll
    static void scraped() throws Exception {
        url = PrometheusTestSupport.require();
        exporter = LoopbackServer.start();
        exporter.route("/metrics", (req, n) -> LoopbackServer.Reply.text(200, String.join("\n",
                "# TYPE gwrun_test_value gauge",
                "gwrun_test_value{case=\"a\"} 42",
                "gwrun_test_value{case=\"b\"} NaN",
                "gwrun_test_value{case=\"c\"} +Inf",
                "# TYPE gwrun_test_requests_total counter",
                "gwrun_test_requests_total " + requests.addAndGet(10),
                "")));
        target = PrometheusTestSupport.scrape("prom-module", exporter.port(), "{\"test\": \"" + RUN + "\"}");
        // Two scrapes, so that rate() has two points.
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (true) {
            Object r = new PrometheusModuleTest().call("prometheus.query", Map.of("url", url,
                    "promql", "count_over_time(gwrun_test_requests_total{" + SELECT + "}[1m])"));
            if (r instanceof List<?> l && !l.isEmpty() && (Double) ((Map<?, ?>) l.get(0)).get("value") >= 2) break;
            assertThat(System.nanoTime()).as("Prometheus scraped the test exporter twice within 60 s").isLessThan(deadline);
            Thread.sleep(250);
        }
    }

    @AfterAll
    static void cleanUp() {
        if (target != null) target.close();
        if (exporter != null) exporter.close();
    }

    @Test
    void anInstantVectorIsAListOfLabelsAndFloatValuesNanAndInfIncluded() throws Exception {
        Object r = call("prometheus.query", Map.of("url", url, "promql", "gwrun_test_value{" + SELECT + "}"));

        assertThat(r).isInstanceOf(List.class);
        List<?> samples = (List<?>) r;
        assertThat(samples).hasSize(3);
        Map<String, Double> byCase = new HashMap<>();
        for (Object o : samples) {
            Map<?, ?> s = (Map<?, ?>) o;
            assertThat(new ArrayList<Object>(s.keySet())).containsExactly("labels", "value");
            @SuppressWarnings("unchecked") Map<String, Object> labels = (Map<String, Object>) s.get("labels");
            assertThat(labels).containsEntry("__name__", "gwrun_test_value").containsEntry("job", "gwrun-stack")
                    .containsEntry("test", RUN).containsEntry("instance", "127.0.0.1:" + exporter.port());
            byCase.put((String) labels.get("case"), (Double) s.get("value"));
        }
        assertThat(byCase.get("a")).isEqualTo(42.0);
        assertThat(byCase.get("b")).isNaN();
        assertThat(byCase.get("c")).isEqualTo(Double.POSITIVE_INFINITY);

        Object none = call("prometheus.query", Map.of("url", url, "promql", "gwrun_test_value{" + SELECT + ", case=\"z\"}"));
        assertThat(none).isEqualTo(List.of());
    }

    @Test
    void aQueryAtAnEarlierTimeSeesWhatWasThen() throws Exception {
        Object before = call("prometheus.query", Map.of("url", url, "promql", "gwrun_test_value{" + SELECT + ", case=\"a\"}",
                "at", Instant.now().minusSeconds(3600)));
        assertThat(before).as("nothing was scraped an hour ago").isEqualTo(List.of());
    }

    @Test
    void aRangeIsAListOfSeriesWithTimeValuePairs() throws Exception {
        Instant end = Instant.now();
        Object r = call("prometheus.query_range", Map.of("url", url, "promql", "gwrun_test_value{" + SELECT + ", case=\"a\"}",
                "start", end.minusSeconds(30), "end", end, "step", java.time.Duration.ofSeconds(1)));

        List<?> series = (List<?>) r;
        assertThat(series).hasSize(1);
        Map<?, ?> s = (Map<?, ?>) series.get(0);
        assertThat(new ArrayList<Object>(s.keySet())).containsExactly("labels", "values");
        assertThat(((Map<?, ?>) s.get("labels")).get("case")).isEqualTo("a");
        List<?> values = (List<?>) s.get("values");
        assertThat(values).hasSizeGreaterThanOrEqualTo(2);
        Instant previous = Instant.MIN;
        for (Object p : values) {
            List<?> point = (List<?>) p;
            assertThat(point.get(0)).isInstanceOf(Instant.class);
            assertThat((Instant) point.get(0)).isAfter(previous).isBetween(end.minusSeconds(31), end.plusSeconds(1));
            assertThat(point.get(1)).isEqualTo(42.0);
            previous = (Instant) point.get(0);
        }

        Object rate = call("prometheus.query_range", Map.of("url", url, "promql", "rate(gwrun_test_requests_total{" + SELECT + "}[10s])",
                "start", end.minusSeconds(5), "end", end));
        List<?> rated = (List<?>) ((Map<?, ?>) ((List<?>) rate).get(0)).get("values");
        // The series is seconds old, so rate()'s extrapolation over the 10 s window gives less than the 10/s it counts.
        assertThat((Double) ((List<?>) rated.get(rated.size() - 1)).get(1)).as("the counter grows 10 a scrape").isGreaterThan(0.5);
    }

    @Test
    void aScalarIsAFloatAndAStringAString() throws Exception {
        assertThat(call("prometheus.query", Map.of("url", url, "promql", "scalar(gwrun_test_value{" + SELECT + ", case=\"a\"}) * 2"))).isEqualTo(84.0);
        assertThat((Double) call("prometheus.query", Map.of("url", url, "promql", "0 / 0"))).isNaN();
        assertThat(call("prometheus.query", Map.of("url", url, "promql", "-1 / 0"))).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(call("prometheus.query", Map.of("url", url, "promql", "\"release v2\""))).isEqualTo("release v2");
    }

    @Test
    void aPromqlErrorQuotesPrometheusWithItsPositionAndACaret() {
        GwrunError e = failure("prometheus.query", Map.of("url", url, "promql", "sum(rate(gwrun_test_value[5m])"));
        assertThat(e.kind()).isEqualTo("prometheus");
        assertThat(e.getMessage()).isEqualTo("""
                prometheus.query: PromQL bad_data: 1:31: parse error: unclosed left parenthesis
                    sum(rate(gwrun_test_value[5m])
                                                  ^""");

        GwrunError braces = failure("prometheus.query_range", Map.of("url", url, "promql", "up{job=", "start", Instant.now().minusSeconds(60)));
        assertThat(braces.getMessage()).startsWith("prometheus.query_range: PromQL bad_data: 1:8: parse error: unexpected end of input inside braces");

        // A query that cannot finish in 1 ms (600,000 subquery steps: some 100 ms here); a cheap one sometimes came back
        // inside the millisecond on loopback, and the test failed for want of a timeout.
        GwrunError execution = failure("prometheus.query", Map.of("url", url, "promql", "count_over_time(vector(1)[10m:1ms])",
                "timeout", java.time.Duration.ofMillis(1)));
        assertThat(execution.getMessage()).as("the server's own timeout, or ours").containsAnyOf("PromQL timeout", "timed out after 1ms");
    }

    @Test
    void basicAuthAndBearerTokensAreSentAndNeverShown() throws Exception {
        String password = "pw-" + UUID.randomUUID();
        String token = "tok-" + UUID.randomUUID();
        try (LoopbackServer proxy = LoopbackServer.start()) {
            String expectBasic = "Basic " + Base64.getEncoder().encodeToString(("ops:" + password).getBytes());
            proxy.route("/prom/api/v1/query", (req, n) -> {
                String auth = req.header("authorization");
                if (expectBasic.equals(auth) || ("Bearer " + token).equals(auth)) {
                    return LoopbackServer.Reply.json(200, "{\"status\":\"success\",\"data\":{\"resultType\":\"scalar\",\"result\":[1796290000.5,\"0.25\"]}}");
                }
                return LoopbackServer.Reply.text(401, "Unauthorized");
            });
            TestCallContext ctx = new TestCallContext(dir);

            Object basic = call(ctx, "prometheus.query", Map.of("url", proxy.url("/prom/"), "promql", "up", "user", "ops", "password", password));
            Object bearer = call(ctx, "prometheus.query", Map.of("url", proxy.url("/prom"), "promql", "up", "bearer", token));
            Object inUrl = call(ctx, "prometheus.query", Map.of("url", "http://ops:" + password + "@127.0.0.1:" + proxy.port() + "/prom", "promql", "up"));

            assertThat(basic).isEqualTo(0.25);
            assertThat(bearer).isEqualTo(0.25);
            assertThat(inUrl).isEqualTo(0.25);
            List<LoopbackServer.Request> got = proxy.requests("/prom/api/v1/query");
            assertThat(got).extracting(r -> r.header("authorization")).containsExactly(expectBasic, "Bearer " + token, expectBasic);
            assertThat(got.get(0).rawQuery()).startsWith("query=up&timeout=30.000");

            GwrunError refused = failure(ctx, "prometheus.query", Map.of("url", proxy.url("/prom"), "promql", "up", "user", "ops", "password", "wrong-" + password));
            assertThat(refused.getMessage()).isEqualTo("prometheus.query: HTTP 401 from " + proxy.url("/prom/api/v1/query")
                    + " is not a Prometheus API answer: Unauthorized");
            for (String shown : List.of(ctx.mask(refused.getMessage()), ctx.mask("Authorization: " + expectBasic), ctx.mask("Bearer " + token))) {
                assertThat(shown).doesNotContain(password).doesNotContain(token).doesNotContain(expectBasic.substring(6));
            }
        }
    }

    @Test
    void aWaitThatTimesOutDescribesTheLastSampleItSaw() {
        String source = """
                runbook "watch" {
                  param url: string
                  param tag: string
                  step "errors drop" {
                    wait until prometheus.query(url, "gwrun_test_value{test=\\"${tag}\\", case=\\"a\\"}")[0].value < 10 every 200ms timeout 1s
                  }
                }
                """;
        RunResult r = run(source, Map.of("url", url, "tag", RUN));

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.error().getMessage()).matches("timed out after 1s waiting until prometheus\\.query\\(.*\\)\\[0\\]\\.value < 10 \\(\\d+ attempts; "
                + "last: false \\(prometheus gwrun_test_value\\{test=\"" + RUN + "\", case=\"a\"} → 1 series: \\{case=\"a\", instance=\"127\\.0\\.0\\.1:\\d+\", "
                + "job=\"gwrun-stack\", test=\"" + RUN + "\"} 42\\.0\\)\\)");
    }

    @Test
    void aWaitOnTheFirstSampleOfAnEmptyResultSaysTheResultWasEmpty() {
        String source = """
                runbook "watch" {
                  param url: string
                  step "errors appear" {
                    wait until prometheus.query(url, "gwrun_test_value{case=\\"none\\"}")[0].value > 1 every 200ms timeout 1s
                  }
                }
                """;
        RunResult r = run(source, Map.of("url", url));

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.error().getMessage()).endsWith("(prometheus gwrun_test_value{case=\"none\"} → no series))")
                .contains("attempts; last: index 0");
    }

    @Test
    void anUnreachableServerIsAnErrorInWords() {
        int port = DockerTestSupport.freePort();
        GwrunError e = failure("prometheus.query", Map.of("url", "http://127.0.0.1:" + port, "promql", "up"));
        assertThat(e.getMessage()).isEqualTo("connection refused (127.0.0.1:" + port + ")");
    }

    private static RunResult run(String source, Map<String, String> params) {
        ParseResult<Runbook> parsed = Parsing.parseRunbook(SourceFile.of("watch.gwrun", source));
        assertThat(parsed.ok()).as(parsed.diagnostics().toString()).isTrue();
        RunOptions o = new RunOptions();
        o.sink = e -> {};
        o.params = params;
        return new RunEngine(REGISTRY).run(parsed.ast(), o);
    }

    private Object call(String name, Map<String, Object> values) throws Exception {
        return call(new TestCallContext(dir == null ? Path.of(".") : dir), name, values);
    }

    private static Object call(TestCallContext ctx, String name, Map<String, Object> values) throws Exception {
        return HostCalls.call(ctx, name, values);
    }

    private GwrunError failure(String name, Map<String, Object> values) {
        return failure(new TestCallContext(dir), name, values);
    }

    private static GwrunError failure(TestCallContext ctx, String name, Map<String, Object> values) {
        return HostCalls.failure(ctx, name, values);
    }
}
