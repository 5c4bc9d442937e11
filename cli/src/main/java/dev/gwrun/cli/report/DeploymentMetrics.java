package dev.gwrun.cli.report;

import dev.gwrun.engine.Event;
import dev.gwrun.engine.Masker;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * {@code --metrics} and {@code --pushgateway}: the deployment metrics of the deployment documents
 * (docs 000, "Deployment Metrics", prometheus_client) for one run, rendered from its events:
 *
 * <ul>
 *   <li>{@code deployments_total{service, environment, status}}: a counter, 1 for this run;
 *   <li>{@code deployment_duration_seconds{service, environment}}: a histogram with the run's duration;
 *   <li>{@code service_version_info{service, version, commit_sha}}: a gauge of 1, for a run that succeeded.
 * </ul>
 *
 * The labels come from the runbook's declared params: {@code service} (else the runbook's name),
 * {@code environment} (else {@code env}), {@code version}, {@code commit_sha} (else {@code commit}).
 * A label whose value is secret (a {@code secret} param, or a value the masker hides) is left out.
 * The OpenMetrics text ends with {@code # EOF}; it also reads as the Prometheus text format
 * (node_exporter's textfile collector: the counter's samples then keep their {@code _total} name). The
 * Prometheus text format (0.0.4), which the Pushgateway takes, is rendered by {@link #prometheusText}.
 */
public final class DeploymentMetrics {
    /** Deployments take seconds to an hour: prometheus_client's default buckets (5ms to 10s) would say nothing. */
    static final double[] BUCKETS = {1, 5, 10, 30, 60, 120, 300, 600, 1200, 1800, 3600};

    public static final String OPENMETRICS_TYPE = "application/openmetrics-text; version=1.0.0; charset=utf-8";
    public static final String PROMETHEUS_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final Map<String, String> labels;
    private final String status;
    private final double seconds;
    private final boolean succeeded;

    private DeploymentMetrics(Map<String, String> labels, String status, double seconds, boolean succeeded) {
        this.labels = labels;
        this.status = status;
        this.seconds = seconds;
        this.succeeded = succeeded;
    }

    /** The metrics of the run the record saw; null when it never started. */
    public static DeploymentMetrics of(RunRecord record, Masker masker) {
        if (!record.started()) return null;
        Map<String, String> params = record.params() == null ? Map.of() : record.params();
        Map<String, String> labels = new LinkedHashMap<>();
        boolean secretService = !label(labels, "service", masker, params, "service");
        // A runbook that names no service is one: its name. A secret service name is no label at all.
        if (!labels.containsKey("service") && !secretService) labels.put("service", record.runbook());
        label(labels, "environment", masker, params, "environment", "env");
        label(labels, "version", masker, params, "version");
        label(labels, "commit_sha", masker, params, "commit_sha", "commit");
        Event.RunFinished end = record.end();
        String status = end == null ? "incomplete" : end.outcome().name().toLowerCase(Locale.ROOT);
        double seconds = Math.round(record.elapsed().toNanos() / 1e6) / 1000.0;
        return new DeploymentMetrics(labels, status, seconds, end != null && end.outcome() == Event.Outcome.SUCCEEDED);
    }

    /**
     * The first declared param of {@code names} with a value that is not secret. Values are masked
     * again with everything the run learnt: a param that turned out to equal a secret read later
     * is hidden too. Returns false when the value was left out for being secret.
     */
    private static boolean label(Map<String, String> labels, String label, Masker masker, Map<String, String> params, String... names) {
        for (String name : names) {
            if (!params.containsKey(name)) continue;
            String shown = params.get(name);
            if (shown == null || shown.isEmpty()) return true;
            if (shown.contains(Masker.MASK) || !masker.mask(shown).equals(shown)) return false;
            labels.put(label, shown);
            return true;
        }
        return true;
    }

    /** The labels it carries, by name (service, environment, version, commit_sha; absent when unknown or secret). */
    public Map<String, String> labels() { return labels; }

    /** The OpenMetrics text (application/openmetrics-text 1.0.0), ending with {@code # EOF}. */
    public String openMetrics() {
        return render(true);
    }

    /** The Prometheus text format 0.0.4, as the Pushgateway takes it. */
    public String prometheusText() {
        return render(false);
    }

    private String render(boolean openMetrics) {
        StringBuilder b = new StringBuilder();
        Map<String, String> se = pick("service", "environment");

        // OpenMetrics names a counter's family without _total and its sample with it; the 0.0.4 format uses one name.
        String counter = openMetrics ? "deployments" : "deployments_total";
        b.append("# HELP ").append(counter).append(" Total number of deployments\n");
        b.append("# TYPE ").append(counter).append(" counter\n");
        Map<String, String> withStatus = new LinkedHashMap<>(se);
        withStatus.put("status", status);
        sample(b, "deployments_total", withStatus, "1");

        b.append("# HELP deployment_duration_seconds Time spent on deployments\n");
        b.append("# TYPE deployment_duration_seconds histogram\n");
        if (openMetrics) b.append("# UNIT deployment_duration_seconds seconds\n");
        for (double le : BUCKETS) {
            Map<String, String> l = new LinkedHashMap<>(se);
            l.put("le", number(le));
            sample(b, "deployment_duration_seconds_bucket", l, seconds <= le ? "1" : "0");
        }
        Map<String, String> inf = new LinkedHashMap<>(se);
        inf.put("le", "+Inf");
        sample(b, "deployment_duration_seconds_bucket", inf, "1");
        sample(b, "deployment_duration_seconds_count", se, "1");
        sample(b, "deployment_duration_seconds_sum", se, number(seconds));

        b.append("# HELP service_version_info Service version information\n");
        b.append("# TYPE service_version_info gauge\n");
        // Only a deployment that succeeded says which version runs.
        if (succeeded && labels.containsKey("version")) sample(b, "service_version_info", pick("service", "version", "commit_sha"), "1");

        if (openMetrics) b.append("# EOF\n");
        return b.toString();
    }

    private Map<String, String> pick(String... names) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String n : names) if (labels.containsKey(n)) out.put(n, labels.get(n));
        return out;
    }

    private static void sample(StringBuilder b, String name, Map<String, String> labels, String value) {
        b.append(name);
        if (!labels.isEmpty()) {
            b.append('{');
            boolean first = true;
            for (Map.Entry<String, String> e : labels.entrySet()) {
                if (!first) b.append(',');
                first = false;
                b.append(e.getKey()).append("=\"").append(escape(e.getValue())).append('"');
            }
            b.append('}');
        }
        b.append(' ').append(value).append('\n');
    }

    /** A label value as both text formats escape it: backslash, double quote and line feed. */
    static String escape(String v) {
        return v.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    /** A float as OpenMetrics writes it canonically: 1.0, 0.25, 1234.5. */
    static String number(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) return (long) v + ".0";
        return Double.toString(v);
    }
}
