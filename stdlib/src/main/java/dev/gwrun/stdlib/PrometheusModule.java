package dev.gwrun.stdlib;

import dev.gwrun.host.Args;
import dev.gwrun.host.CallContext;
import dev.gwrun.host.Effect;
import dev.gwrun.host.HostFunction;
import dev.gwrun.host.HostModule;
import dev.gwrun.host.ParamSpec;
import dev.gwrun.host.Signature;
import dev.gwrun.host.Type;
import dev.gwrun.runtime.Cancellation;
import dev.gwrun.runtime.Durations;
import dev.gwrun.runtime.GwrunError;
import dev.gwrun.runtime.Json;
import dev.gwrun.runtime.Values;
import okhttp3.Call;
import okhttp3.Credentials;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.ResponseBody;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code prometheus} module: {@code prometheus.query} and {@code prometheus.query_range} against
 * Prometheus's HTTP API ({@code /api/v1/query}, {@code /api/v1/query_range}), or anything that speaks
 * it (Thanos, Mimir, VictoriaMetrics). Results are plain values: an instant vector is a list of
 * {@code {labels, value}}, a range a list of {@code {labels, values: [[time, value], …]}}, a scalar a
 * float and a string a string. Sample values are floats, {@code NaN} and {@code ±Inf} included; a
 * comparison with NaN is false, so an error ratio of 0/0 (no traffic) never trips a threshold.
 */
public final class PrometheusModule implements HostModule {

    /** How long a query may take, when no {@code timeout:} is given; Prometheus is told the same. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    /** The most points query_range asks for when no {@code step:} is given (Prometheus refuses over 11,000). */
    static final int DEFAULT_POINTS = 250;

    private static final int DESCRIBE_SAMPLES = 3;
    /** Prometheus puts the PromQL position first: {@code 1:16: parse error: …}. */
    private static final Pattern POSITION = Pattern.compile("(\\d+):(\\d+): ");

    @Override public String name() { return "prometheus"; }

    @Override public String doc() { return "PromQL queries against a Prometheus server's HTTP API: instant and range, with basic or bearer auth."; }

    /** Builds the client and a request while the runbook is parsed: okhttp and its Kotlin runtime load ahead. */
    @Override
    public void prewarm() {
        try {
            HttpClients.shared().newBuilder().callTimeout(DEFAULT_TIMEOUT).build()
                    .newCall(new Request.Builder().url("http://127.0.0.1/api/v1/query").get().build());
        } catch (RuntimeException | LinkageError ignored) {
            // only a head start
        }
    }

    @Override
    public List<HostFunction> functions() {
        List<ParamSpec> query = new ArrayList<>(List.of(
                ParamSpec.required("url", Type.STRING, "the Prometheus server, e.g. http://127.0.0.1:9090 (a path prefix is kept)"),
                ParamSpec.required("promql", Type.STRING, "the PromQL expression"),
                ParamSpec.optional("at", Type.TIME, "the evaluation time (default: now, as the server sees it)")));
        query.addAll(common());
        List<ParamSpec> range = new ArrayList<>(List.of(
                ParamSpec.required("url", Type.STRING, "the Prometheus server, e.g. http://127.0.0.1:9090 (a path prefix is kept)"),
                ParamSpec.required("promql", Type.STRING, "the PromQL expression"),
                ParamSpec.required("start", Type.TIME, "the first evaluation time, e.g. now() - 10m"),
                ParamSpec.optional("end", Type.TIME, "the last evaluation time (default now())"),
                ParamSpec.optional("step", Type.DURATION, "the time between points (default: the range over " + DEFAULT_POINTS + ", at least 1s)")));
        range.addAll(common());
        return List.of(
                HostFunction.of(new Signature("prometheus.query", query, Type.ANY, Effect.READ,
                        "Evaluates PromQL at one instant: an instant vector is a list of {labels, value}, a scalar a float, a string a string."),
                        PrometheusModule::query),
                HostFunction.of(new Signature("prometheus.query_range", range, Type.LIST, Effect.READ,
                        "Evaluates PromQL over a range: a list of {labels, values}, each value a [time, float] pair."),
                        PrometheusModule::queryRange));
    }

    private static List<ParamSpec> common() {
        return List.of(
                ParamSpec.optional("user", Type.STRING, "basic auth user name"),
                ParamSpec.optional("password", Type.STRING, "basic auth password, from secret(); never printed"),
                ParamSpec.optional("bearer", Type.STRING, "a bearer token, from secret(); never printed"),
                ParamSpec.optional("timeout", Type.DURATION, "how long the query may take, here and on the server (default 30s)"));
    }

    private static Object query(Args args, CallContext ctx) throws IOException {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("query", args.string("promql"));
        if (args.has("at")) form.put("time", seconds((Instant) args.value("at")));
        return call("query", form, args, ctx);
    }

    private static Object queryRange(Args args, CallContext ctx) throws IOException {
        String name = args.signature().name();
        Instant start = (Instant) args.value("start");
        Instant end = args.has("end") ? (Instant) args.value("end") : Instant.now();
        if (!end.isAfter(start)) {
            throw new GwrunError("type", name + ": end must be after start, got start " + Values.repr(start) + " and end " + Values.repr(end));
        }
        Duration step = args.duration("step", null);
        if (step == null) {
            step = Duration.between(start, end).dividedBy(DEFAULT_POINTS);
            if (step.compareTo(Duration.ofSeconds(1)) < 0) step = Duration.ofSeconds(1);
        } else if (step.isNegative() || step.isZero()) {
            throw new GwrunError("type", name + ": step must be more than 0s, got " + Durations.format(step));
        }
        Map<String, String> form = new LinkedHashMap<>();
        form.put("query", args.string("promql"));
        form.put("start", seconds(start));
        form.put("end", seconds(end));
        form.put("step", seconds(step));
        return call("query_range", form, args, ctx);
    }

    /** One API call: the answer's data as values, or a GwrunError quoting the server. */
    private static Object call(String endpoint, Map<String, String> form, Args args, CallContext ctx) throws IOException {
        String name = args.signature().name();
        String promql = form.get("query");
        Duration timeout = args.duration("timeout", DEFAULT_TIMEOUT);
        if (timeout.isNegative() || timeout.isZero()) {
            throw new GwrunError("type", name + ": timeout must be more than 0s, got " + Durations.format(timeout));
        }
        form.put("timeout", seconds(timeout));
        HttpUrl base = base(args.string("url"), name);
        HttpUrl url = endpoint(base, endpoint, form);
        Request.Builder request = new Request.Builder().url(url).header("Accept", "application/json").get();
        String auth = authorization(args, base, ctx);
        if (auth != null) request.header("Authorization", auth);

        OkHttpClient client = HttpClients.shared().newBuilder().callTimeout(timeout).build();
        Cancellation cancellation = ctx.cancellation();
        cancellation.check();
        Call call = client.newCall(request.build());
        int status;
        String body;
        try (Cancellation.Registration ignored = cancellation.onCancel(call::cancel);
             okhttp3.Response response = call.execute()) {
            ResponseBody rb = response.body();
            status = response.code();
            body = rb == null ? "" : rb.string();
        } catch (IOException e) {
            cancellation.check();
            throw failure(e, call, url, timeout);
        }
        Object data = data(status, body, url, promql, name, ctx);
        ctx.describeResult(describe(promql, data));
        return data;
    }

    /** {@code url} + {@code /api/v1/<endpoint>}, keeping a path prefix (a server behind {@code /prometheus/}). */
    private static HttpUrl endpoint(HttpUrl base, String endpoint, Map<String, String> form) {
        HttpUrl.Builder b = base.newBuilder().username("").password("");
        List<String> segments = base.pathSegments();
        // A trailing slash leaves an empty last segment: drop it so the path does not get "//api".
        if (!segments.isEmpty() && segments.get(segments.size() - 1).isEmpty()) b.removePathSegment(segments.size() - 1);
        b.addPathSegments("api/v1/" + endpoint);
        for (Map.Entry<String, String> e : form.entrySet()) b.addQueryParameter(e.getKey(), e.getValue());
        return b.build();
    }

    private static HttpUrl base(String text, String name) {
        HttpUrl base = HttpUrl.parse(text);
        if (base == null) {
            String lower = text.toLowerCase(Locale.ROOT);
            boolean schemeOk = lower.startsWith("http://") || lower.startsWith("https://");
            throw new GwrunError("prometheus", name + ": invalid URL '" + text + "'" + (schemeOk ? "" : " (it must start with http:// or https://)"));
        }
        return base;
    }

    /**
     * Basic auth from {@code user:} and {@code password:} (or the URL's user info), or a bearer token.
     * The secret parts are registered with the masker, so no output can show them.
     */
    private static String authorization(Args args, HttpUrl url, CallContext ctx) {
        String name = args.signature().name();
        String user = args.has("user") ? args.string("user") : url.username().isEmpty() ? null : url.username();
        String password = args.has("password") ? args.string("password") : url.password().isEmpty() ? null : url.password();
        if (args.has("bearer")) {
            if (user != null || password != null) throw new GwrunError("type", name + ": give user:/password: or bearer:, not both");
            String token = args.string("bearer");
            ctx.registerSecret(token);
            return "Bearer " + token;
        }
        if (password != null && user == null) throw new GwrunError("type", name + ": password: needs user:");
        if (user == null) return null;
        if (password != null) ctx.registerSecret(password);
        String basic = Credentials.basic(user, password == null ? "" : password, StandardCharsets.UTF_8);
        ctx.registerSecret(basic.substring("Basic ".length()));
        return basic;
    }

    private static Object data(int status, String body, HttpUrl url, String promql, String name, CallContext ctx) {
        Object parsed;
        try {
            parsed = body.isBlank() ? null : Json.parse(body);
        } catch (IllegalArgumentException e) {
            parsed = null;
        }
        if (!(parsed instanceof Map<?, ?> answer) || !(answer.get("status") instanceof String outcome)) {
            // Not the API's envelope: an auth proxy's 401, a load balancer's 502, the wrong URL.
            throw new GwrunError("prometheus", name + ": HTTP " + status + " from " + redacted(url) + " is not a Prometheus API answer"
                    + excerpt(body));
        }
        if (answer.get("warnings") instanceof List<?> warnings) {
            for (Object w : warnings) ctx.log("prometheus: warning: " + w);
        }
        if (!"success".equals(outcome)) {
            throw promqlError(Values.str(answer.get("errorType")), Values.str(answer.get("error")), promql, name);
        }
        if (!(answer.get("data") instanceof Map<?, ?> data)) {
            throw new GwrunError("prometheus", name + ": the answer has no data" + excerpt(body));
        }
        String type = Values.str(data.get("resultType"));
        Object result = data.get("result");
        return switch (type) {
            case "vector" -> samples(result, false);
            case "matrix" -> samples(result, true);
            case "scalar" -> number(point(result).get(1));
            case "string" -> Values.str(point(result).get(1));
            default -> throw new GwrunError("prometheus", name + ": unknown result type '" + type + "'");
        };
    }

    /**
     * PromQL's own words, with the expression and a caret under the column it names:
     * {@code PromQL bad_data: 1:16: parse error: unclosed left parenthesis}.
     */
    static GwrunError promqlError(String type, String error, String promql, String name) {
        String message = error.startsWith("invalid parameter \"query\": ") ? error.substring("invalid parameter \"query\": ".length()) : error;
        StringBuilder b = new StringBuilder(name).append(": PromQL ").append(type).append(": ").append(message);
        Matcher m = POSITION.matcher(message);
        if (m.lookingAt()) {
            int line = Integer.parseInt(m.group(1));
            int col = Integer.parseInt(m.group(2));
            String[] lines = promql.split("\n", -1);
            if (line >= 1 && line <= lines.length && col >= 1 && col <= lines[line - 1].length() + 1) {
                b.append("\n    ").append(lines[line - 1]).append("\n    ").append(" ".repeat(col - 1)).append('^');
            }
        }
        return new GwrunError("prometheus", b.toString());
    }

    private static List<Object> samples(Object result, boolean range) {
        List<Object> out = new ArrayList<>();
        if (!(result instanceof List<?> series)) return out;
        for (Object s : series) {
            Map<?, ?> one = (Map<?, ?>) s;
            Map<String, Object> sample = new LinkedHashMap<>();
            Map<String, Object> labels = new LinkedHashMap<>();
            if (one.get("metric") instanceof Map<?, ?> metric) {
                for (Map.Entry<?, ?> e : metric.entrySet()) labels.put(String.valueOf(e.getKey()), Values.str(e.getValue()));
            }
            sample.put("labels", labels);
            if (range) {
                List<Object> values = new ArrayList<>();
                if (one.get("values") instanceof List<?> points) {
                    for (Object p : points) {
                        List<?> point = (List<?>) p;
                        values.add(List.of(time(point.get(0)), number(point.get(1))));
                    }
                }
                sample.put("values", values);
            } else {
                sample.put("value", number(point(one.get("value")).get(1)));
            }
            out.add(sample);
        }
        return out;
    }

    private static List<?> point(Object o) {
        if (o instanceof List<?> l && l.size() == 2) return l;
        throw new GwrunError("prometheus", "a sample is not a [time, value] pair: " + Values.repr(o));
    }

    /** Prometheus writes sample values as strings: "0.25", "NaN", "+Inf", "-Inf". */
    static Double number(Object o) {
        String s = Values.str(o);
        return switch (s) {
            case "NaN" -> Double.NaN;
            case "+Inf", "Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            default -> {
                try {
                    yield Double.parseDouble(s);
                } catch (NumberFormatException e) {
                    throw new GwrunError("prometheus", "a sample value is not a number: " + Json.quote(s));
                }
            }
        };
    }

    private static Instant time(Object o) {
        double seconds = ((Number) o).doubleValue();
        return Instant.ofEpochMilli(Math.round(seconds * 1000));
    }

    private static String seconds(Instant t) {
        return String.format(Locale.ROOT, "%d.%03d", t.getEpochSecond(), t.getNano() / 1_000_000);
    }

    private static String seconds(Duration d) {
        // Float seconds: Prometheus's duration syntax has no fractions ("1.5s" is refused), a float does.
        return String.format(Locale.ROOT, "%d.%03d", d.getSeconds(), d.getNano() / 1_000_000);
    }

    /**
     * What a result was, for a wait's report when its condition stayed false: {@code up{job="api"} → 2 series:
     * {instance="a", job="api"} 0.0, {instance="b", job="api"} 1.0}.
     */
    static String describe(String promql, Object data) {
        String shown;
        if (data instanceof List<?> list) {
            if (list.isEmpty()) {
                shown = "no series";
            } else {
                List<String> parts = new ArrayList<>();
                for (Object o : list.subList(0, Math.min(DESCRIBE_SAMPLES, list.size()))) parts.add(sample((Map<?, ?>) o));
                shown = list.size() + " series: " + String.join(", ", parts) + (list.size() > DESCRIBE_SAMPLES ? ", …" : "");
            }
        } else if (data instanceof Double d) {
            shown = show(d);
        } else {
            shown = Json.quote(Values.str(data));
        }
        return "prometheus " + promql.replaceAll("\\s+", " ").strip() + " → " + shown;
    }

    private static String sample(Map<?, ?> s) {
        StringBuilder b = new StringBuilder("{");
        boolean first = true;
        for (Map.Entry<?, ?> e : ((Map<?, ?>) s.get("labels")).entrySet()) {
            if (e.getKey().equals("__name__")) continue;
            if (!first) b.append(", ");
            first = false;
            b.append(e.getKey()).append('=').append(Json.quote(Values.str(e.getValue())));
        }
        b.append("} ");
        if (s.get("value") instanceof Double d) {
            b.append(show(d));
        } else if (s.get("values") instanceof List<?> values && !values.isEmpty()) {
            Object last = ((List<?>) values.get(values.size() - 1)).get(1);
            b.append(values.size()).append(" points, last ").append(show((Double) last));
        } else {
            b.append("no points");
        }
        return b.toString();
    }

    private static String show(double d) {
        if (Double.isNaN(d)) return "NaN";
        if (Double.isInfinite(d)) return d > 0 ? "+Inf" : "-Inf";
        return Values.formatFloat(d);
    }

    private static String excerpt(String body) {
        String text = body.strip().replaceAll("\\s+", " ");
        if (text.isEmpty()) return "";
        return ": " + (text.length() > 200 ? text.substring(0, 200) + "..." : text);
    }

    /** The URL without user info or query: what an error may show. */
    private static String redacted(HttpUrl url) {
        return url.newBuilder().username("").password("").query(null).build().toString();
    }

    private static GwrunError failure(IOException e, Call call, HttpUrl url, Duration timeout) {
        String target = url.host() + ":" + url.port();
        String message;
        if (e instanceof UnknownHostException) {
            message = "unknown host '" + url.host() + "'";
        } else if (e instanceof ConnectException) {
            message = "connection refused (" + target + ")";
        } else if (e instanceof InterruptedIOException || call.isCanceled()) {
            message = "timed out after " + Durations.format(timeout) + " (" + redacted(url) + ")";
        } else {
            message = "request failed: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()) + " (" + redacted(url) + ")";
        }
        return new GwrunError("prometheus", message, null, e);
    }
}
