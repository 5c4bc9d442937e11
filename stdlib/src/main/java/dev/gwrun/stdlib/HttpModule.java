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
import dev.gwrun.runtime.HostObject;
import dev.gwrun.runtime.Json;
import dev.gwrun.runtime.Values;
import okhttp3.Call;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.ResponseBody;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code http} module: {@code http.get}, {@code head}, {@code post}, {@code put}, {@code patch}
 * and {@code delete}. A response is returned whatever its status, so {@code wait until
 * http.get(url).status == 200} can poll a service that still answers 503; only failures to get
 * any answer (refused, timed out, unknown host) are errors.
 */
public final class HttpModule implements HostModule {

    /** What every http function returns; the checker uses it to catch {@code r.stauts}. */
    public static final Type RESPONSE_TYPE = Type.object("HTTP response", Map.of(
            "status", Type.INT,
            "ok", Type.BOOL,
            "body", Type.STRING,
            "headers", Type.MAP,
            "json", Type.ANY,
            "elapsed", Type.DURATION,
            "url", Type.STRING));

    /** How long a call may take, headers and body together, when no {@code timeout:} is given. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    private static final String DEFAULT_BODY_TYPE = "text/plain; charset=utf-8";
    private static final String JSON_TYPE = "application/json";

    @Override public String name() { return "http"; }

    @Override public String doc() { return "HTTP requests; 4xx and 5xx answers are responses, not errors."; }

    /** Builds the shared okhttp client and a request: okhttp and its Kotlin runtime load ahead. */
    @Override
    public void prewarm() {
        try {
            Request request = new Request.Builder().url("http://127.0.0.1/").headers(Headers.of("accept", "*/*")).get().build();
            HttpClients.shared().newBuilder().callTimeout(DEFAULT_TIMEOUT).build().newCall(request);
        } catch (RuntimeException | LinkageError ignored) {
            // only a head start
        }
    }

    @Override
    public List<HostFunction> functions() {
        return List.of(
                function("GET", Effect.READ, false, "Fetches a URL; the response is returned whatever its status."),
                function("HEAD", Effect.READ, false, "Asks for a URL's status and headers without its body."),
                function("POST", Effect.CHANGE, true, "Sends json: or body: to a URL with POST."),
                function("PUT", Effect.CHANGE, true, "Sends json: or body: to a URL with PUT."),
                function("PATCH", Effect.CHANGE, true, "Sends json: or body: to a URL with PATCH."),
                function("DELETE", Effect.CHANGE, false, "Deletes the resource at a URL."));
    }

    private static HostFunction function(String method, Effect effect, boolean sendsBody, String doc) {
        List<ParamSpec> params = new ArrayList<>(List.of(
                ParamSpec.required("url", Type.STRING, "the URL, starting with http:// or https://"),
                ParamSpec.optional("headers", Type.MAP, "request headers by name"),
                ParamSpec.optional("timeout", Type.DURATION, "how long the whole call may take (default 30s)"),
                ParamSpec.optional("query", Type.MAP, "query parameters to add to the URL, encoded for you")));
        if (sendsBody) {
            params.add(ParamSpec.optional("json", Type.ANY, "a value sent as JSON (content-type application/json)"));
            params.add(ParamSpec.optional("body", Type.STRING, "text sent as is (content-type from headers, else text/plain)"));
        }
        Signature sig = new Signature("http." + method.toLowerCase(Locale.ROOT), params, RESPONSE_TYPE, effect, doc);
        return HostFunction.of(sig, (args, ctx) -> {
            Response r = send(method, args, ctx);
            // GETs run in tight wait loops, so only calls that change something are logged.
            if (effect == Effect.CHANGE) {
                ctx.log("http: " + method + " " + r.requested + " → " + r.status + " (" + r.elapsed.toMillis() + "ms)");
            }
            return r;
        });
    }

    private static Response send(String method, Args args, CallContext ctx) {
        String name = args.signature().name();
        HttpUrl url = url(args);
        Headers headers = HttpClients.headers(args, "http");
        RequestBody body = body(method, args, headers);
        Duration timeout = args.duration("timeout", DEFAULT_TIMEOUT);
        if (timeout.isNegative() || timeout.isZero()) {
            throw new GwrunError("type", name + ": timeout must be more than 0s, got " + Durations.format(timeout));
        }
        Request request = new Request.Builder().url(url).headers(headers).method(method, body).build();
        // Shares the connection pool and threads; only the limit differs.
        OkHttpClient client = HttpClients.shared().newBuilder().callTimeout(timeout).build();
        Cancellation cancellation = ctx.cancellation();
        cancellation.check();
        Call call = client.newCall(request);
        long start = System.nanoTime();
        try (Cancellation.Registration ignored = cancellation.onCancel(call::cancel);
             okhttp3.Response response = call.execute()) {
            // The body is read inside the registration: a server that stalls mid-body is cut off too.
            ResponseBody rb = response.body();
            String text = rb == null ? "" : rb.string();
            Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
            return new Response(response.code(), text, responseHeaders(response.headers()), elapsed,
                    response.request().url().toString(), url.toString());
        } catch (IOException e) {
            cancellation.check();
            throw failure(e, call, method, url, timeout);
        }
    }

    private static HttpUrl url(Args args) {
        String text = args.string("url");
        HttpUrl parsed = HttpUrl.parse(text);
        if (parsed == null) {
            String lower = text.toLowerCase(Locale.ROOT);
            boolean schemeOk = lower.startsWith("http://") || lower.startsWith("https://");
            throw new GwrunError("http", "invalid URL '" + text + "'" + (schemeOk ? "" : " (it must start with http:// or https://)"));
        }
        HttpUrl.Builder b = parsed.newBuilder();
        for (Map.Entry<String, Object> e : args.map("query").entrySet()) {
            if (e.getValue() instanceof List<?> values) {
                for (Object v : values) b.addQueryParameter(e.getKey(), v == null ? null : Values.str(v));
            } else {
                b.addQueryParameter(e.getKey(), e.getValue() == null ? null : Values.str(e.getValue()));
            }
        }
        return b.build();
    }

    private static RequestBody body(String method, Args args, Headers headers) {
        if (args.signature().param("body") == null) return null;
        if (args.has("json") && args.has("body")) {
            throw new GwrunError("type", args.signature().name() + ": give json: or body:, not both");
        }
        String declared = headers.get("Content-Type");
        if (args.has("json")) {
            return bytes(Json.write(args.value("json")), declared != null ? declared : JSON_TYPE);
        }
        if (args.has("body")) return bytes(args.string("body"), declared != null ? declared : DEFAULT_BODY_TYPE);
        // POST, PUT and PATCH must carry a body in okhttp; an empty one is what curl sends too.
        return bytes("", declared);
    }

    // Bytes, not a String body: okhttp would append "; charset=utf-8" to a String body's content type.
    private static RequestBody bytes(String text, String contentType) {
        MediaType type = contentType == null ? null : MediaType.parse(contentType);
        return RequestBody.create(text.getBytes(StandardCharsets.UTF_8), type);
    }

    private static Map<String, Object> responseHeaders(Headers headers) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (int i = 0; i < headers.size(); i++) {
            String name = headers.name(i).toLowerCase(Locale.ROOT);
            Object before = out.get(name);
            out.put(name, before == null ? headers.value(i) : before + ", " + headers.value(i));
        }
        return out;
    }

    /** A failure to get any answer, in words that start with the reason (wait reports print them after "last:"). */
    private static GwrunError failure(IOException e, Call call, String method, HttpUrl url, Duration timeout) {
        String target = url.host() + ":" + url.port();
        String request = method + " " + url;
        String message;
        if (e instanceof UnknownHostException) {
            message = "unknown host '" + url.host() + "'";
        } else if (e instanceof ConnectException || e instanceof NoRouteToHostException) {
            String reason = rootMessage(e);
            message = (reason.toLowerCase(Locale.ROOT).contains("refused") ? "connection refused" : lowerFirst(reason)) + " (" + target + ")";
        } else if (e instanceof InterruptedIOException || call.isCanceled()) {
            // okhttp reports its call timeout as an InterruptedIOException and cancels the call.
            message = "timed out after " + Durations.format(timeout) + " (" + request + ")";
        } else if (e instanceof javax.net.ssl.SSLException) {
            message = "TLS failed: " + rootMessage(e) + " (" + target + ")";
        } else {
            message = "request failed: " + rootMessage(e) + " (" + request + ")";
        }
        return new GwrunError("http", message, null, e);
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) t = t.getCause();
        String m = t.getMessage() != null ? t.getMessage() : e.getMessage();
        return m != null ? m : t.getClass().getSimpleName();
    }

    private static String lowerFirst(String s) {
        return s.isEmpty() ? s : Character.toLowerCase(s.charAt(0)) + s.substring(1);
    }

    /**
     * An HTTP response as runbooks see it: {@code status}, {@code ok}, {@code body}, {@code headers}
     * (lowercase names), {@code json} (the body parsed on first read), {@code elapsed} and the final
     * {@code url} after redirects.
     */
    public static final class Response implements HostObject {
        private static final List<String> FIELDS = List.of("status", "ok", "body", "headers", "json", "elapsed", "url");
        private static final int DESCRIBE_LIMIT = 200;

        private final long status;
        private final String body;
        private final Map<String, Object> headers;
        private final Duration elapsed;
        private final String url;
        private final String requested;
        private Object json;
        private boolean parsed;

        Response(long status, String body, Map<String, Object> headers, Duration elapsed, String url, String requested) {
            this.status = status;
            this.body = body;
            this.headers = headers;
            this.elapsed = elapsed;
            this.url = url;
            this.requested = requested;
        }

        @Override public String typeName() { return "HTTP response"; }

        @Override public List<String> fieldNames() { return FIELDS; }

        @Override
        public Object field(String name) {
            return switch (name) {
                case "status" -> status;
                case "ok" -> status >= 200 && status <= 299;
                case "body" -> body;
                case "headers" -> headers;
                case "json" -> json();
                case "elapsed" -> elapsed;
                case "url" -> url;
                default -> throw new IllegalArgumentException("no field " + name);
            };
        }

        private synchronized Object json() {
            if (!parsed) {
                if (body.isBlank()) throw new GwrunError("http", "the response body is not JSON: it is empty");
                try {
                    json = Json.parse(body);
                } catch (IllegalArgumentException e) {
                    throw new GwrunError("http", "the response body is not JSON: " + e.getMessage());
                }
                parsed = true;
            }
            return json;
        }

        /** {@code HTTP 503 {"status":"starting"}}: the shape wait reports show as the last answer. */
        @Override
        public String describe() {
            String text = body.strip().replaceAll("\\s+", " ");
            if (text.length() > DESCRIBE_LIMIT) text = text.substring(0, DESCRIBE_LIMIT) + "...";
            return "HTTP " + status + (text.isEmpty() ? "" : " " + text);
        }

        @Override public String toString() { return describe(); }
    }
}
