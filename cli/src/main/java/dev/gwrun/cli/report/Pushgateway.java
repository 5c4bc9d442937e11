package dev.gwrun.cli.report;

import dev.gwrun.engine.Masker;
import okhttp3.Credentials;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code --pushgateway URL}: PUTs a run's deployment metrics to a Prometheus Pushgateway under the
 * grouping key {@code job="gwrun"}, {@code service} and {@code environment}, so each service and
 * environment keeps the metrics of its last run (a PUT replaces the group's metrics). A user and
 * password in the URL are sent as basic auth and never printed.
 */
final class Pushgateway {
    private static final int ATTEMPTS = 3;
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private Pushgateway() {}

    /** The grouping key of a run's metrics: job, then service and environment when known. */
    static Map<String, String> groupingKey(DeploymentMetrics metrics) {
        Map<String, String> key = new LinkedHashMap<>();
        key.put("job", "gwrun");
        for (String name : new String[]{"service", "environment"}) {
            String v = metrics.labels().get(name);
            if (v != null) key.put(name, v);
        }
        return key;
    }

    /** {@code base/metrics/job/gwrun/service/api/...}; a value holding a '/' (or empty) is base64url-encoded, as the Pushgateway reads it. */
    static HttpUrl url(HttpUrl base, Map<String, String> key) {
        HttpUrl.Builder b = base.newBuilder();
        // A base with a path (a Pushgateway behind a prefix) keeps it; a trailing slash adds an empty segment.
        if (base.pathSegments().size() == 1 && base.pathSegments().get(0).isEmpty()) b.encodedPath("/");
        else if (base.pathSegments().get(base.pathSegments().size() - 1).isEmpty()) b.removePathSegment(base.pathSegments().size() - 1);
        b.addPathSegment("metrics");
        for (Map.Entry<String, String> e : key.entrySet()) {
            String v = e.getValue();
            if (v.isEmpty() || v.contains("/")) {
                b.addPathSegment(e.getKey() + "@base64");
                b.addPathSegment(v.isEmpty() ? "=" : Base64.getUrlEncoder().encodeToString(v.getBytes(StandardCharsets.UTF_8)));
            } else {
                b.addPathSegment(e.getKey());
                b.addPathSegment(v);
            }
        }
        return b.build();
    }

    /**
     * Pushes the metrics, trying again twice on no answer or a 5xx. Returns null when they were
     * accepted, else why not, in words that name the Pushgateway without its password.
     */
    static String push(String gateway, DeploymentMetrics metrics, Masker masker) {
        HttpUrl base = HttpUrl.parse(gateway);
        String shown = masker.mask(gateway);
        if (base == null) return "--pushgateway needs an http:// or https:// URL, got '" + shown + "'";
        HttpUrl target = url(base.newBuilder().username("").password("").build(), groupingKey(metrics));
        Request.Builder request = new Request.Builder().url(target)
                .put(RequestBody.create(metrics.prometheusText().getBytes(StandardCharsets.UTF_8), MediaType.parse(DeploymentMetrics.PROMETHEUS_TYPE)));
        if (!base.username().isEmpty()) request.header("Authorization", Credentials.basic(base.username(), base.password(), StandardCharsets.UTF_8));
        OkHttpClient client = new OkHttpClient.Builder().callTimeout(TIMEOUT).build();
        String problem = null;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            if (attempt > 1) sleep(Duration.ofMillis(500L * attempt));
            try (Response r = client.newCall(request.build()).execute()) {
                if (r.isSuccessful()) return null;
                String body = r.body() == null ? "" : r.body().string().strip();
                problem = "it answered HTTP " + r.code() + (body.isEmpty() ? "" : ": " + masker.mask(body));
                if (r.code() < 500) break;
            } catch (IOException e) {
                problem = e.getMessage() == null ? e.getClass().getSimpleName() : masker.mask(e.getMessage());
            }
        }
        return "cannot push the metrics to the Pushgateway at " + shown + ": " + problem;
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
