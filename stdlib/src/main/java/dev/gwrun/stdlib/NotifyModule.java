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

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code notify} module: {@code notify.slack} posts to a Slack-compatible incoming webhook,
 * {@code notify.webhook} posts JSON anywhere. A notification is a side channel: by default it never
 * fails the runbook (a failure is a warning and the result says so); {@code check: true} makes it an
 * error. A chat channel is a wide audience, so every value known to be secret is masked as *** in the
 * message sent, not only in gwrun's own output. The webhook URL is a credential: it is registered as
 * a secret when the call is made and no message of this module ever quotes it.
 */
public final class NotifyModule implements HostModule {

    /** What both functions return. */
    public static final Type RESULT_TYPE = Type.object("notification", Map.of(
            "sent", Type.BOOL,
            "status", Type.INT,
            "attempts", Type.INT,
            "error", Type.STRING));

    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);
    static final Duration DEFAULT_BACKOFF = Duration.ofSeconds(1);
    static final long DEFAULT_ATTEMPTS = 3;
    private static final MediaType JSON = MediaType.parse("application/json");

    @Override public String name() { return "notify"; }

    @Override public String doc() { return "Notifications to Slack-compatible and plain JSON webhooks; secrets masked in what is sent."; }

    @Override
    public List<HostFunction> functions() {
        List<ParamSpec> slack = new ArrayList<>(List.of(
                ParamSpec.credential("webhook", "the incoming-webhook URL (a credential: pass a secret)"),
                ParamSpec.required("text", Type.STRING, "the message (Slack mrkdwn); secrets in it are sent as ***"),
                ParamSpec.optional("blocks", Type.LIST, "Block Kit blocks, sent as given (secrets masked)"),
                ParamSpec.optional("channel", Type.STRING, "a channel overriding the webhook's own, where allowed"),
                ParamSpec.optional("username", Type.STRING, "the name to post as, where allowed")));
        slack.addAll(delivery());
        List<ParamSpec> webhook = new ArrayList<>(List.of(
                ParamSpec.credential("url", "where to POST (a credential: pass a secret)"),
                ParamSpec.required("payload", Type.ANY, "the value sent as JSON; secrets in it are sent as ***"),
                ParamSpec.optional("headers", Type.MAP, "request headers by name (e.g. an Authorization token)")));
        webhook.addAll(delivery());
        return List.of(
                HostFunction.of(new Signature("notify.slack", slack, RESULT_TYPE, Effect.CHANGE,
                        "Posts {\"text\": …} (and blocks) to a Slack incoming webhook; never fails the runbook unless check: true."),
                        (a, ctx) -> {
                            Map<String, Object> body = new LinkedHashMap<>();
                            body.put("text", a.string("text"));
                            if (a.has("blocks")) body.put("blocks", a.list("blocks"));
                            if (a.has("channel")) body.put("channel", a.string("channel"));
                            if (a.has("username")) body.put("username", a.string("username"));
                            return deliver(a, ctx, a.string("webhook"), body, Headers.of());
                        }),
                HostFunction.of(new Signature("notify.webhook", webhook, RESULT_TYPE, Effect.CHANGE,
                        "Posts a value as JSON to a URL; never fails the runbook unless check: true."),
                        (a, ctx) -> deliver(a, ctx, a.string("url"), a.value("payload"), HttpClients.headers(a, "notify"))));
    }

    private static List<ParamSpec> delivery() {
        return List.of(
                ParamSpec.optional("check", Type.BOOL, "true: a notification not delivered fails the step (default false: a warning)"),
                ParamSpec.optional("timeout", Type.DURATION, "how long one attempt may take (default 5s)"),
                ParamSpec.optional("attempts", Type.INT, "how many times to try, on no answer, 429 or 5xx (default 3)"),
                ParamSpec.optional("backoff", Type.DURATION, "the wait before the second attempt, doubled after each (default 1s)"));
    }

    private static Result deliver(Args a, CallContext ctx, String url, Object payload, Headers headers) {
        String name = a.signature().name();
        // Registered before anything can fail, so no later message, event or record shows it.
        ctx.registerSecret(url);
        boolean check = a.bool("check", false);
        Duration timeout = a.duration("timeout", DEFAULT_TIMEOUT);
        Duration backoff = a.duration("backoff", DEFAULT_BACKOFF);
        long attempts = a.integer("attempts", DEFAULT_ATTEMPTS);
        if (timeout.isNegative() || timeout.isZero()) throw new GwrunError("type", name + ": timeout must be more than 0s, got " + Durations.format(timeout));
        if (backoff.isNegative()) throw new GwrunError("type", name + ": backoff must not be negative, got " + Durations.format(backoff));
        if (attempts < 1) throw new GwrunError("type", name + ": attempts must be at least 1, got " + attempts);
        HttpUrl target = HttpUrl.parse(url);
        if (target == null) {
            // Not quoted: a mistyped webhook URL is still a credential.
            return failed(ctx, name, check, 0, 0, "the URL is not an http:// or https:// URL");
        }
        byte[] body = Json.write(masked(payload, ctx)).getBytes(StandardCharsets.UTF_8);
        Request request = new Request.Builder().url(target).headers(headers).post(RequestBody.create(body, JSON)).build();
        OkHttpClient client = HttpClients.shared().newBuilder().retryOnConnectionFailure(false).callTimeout(timeout).build();
        Cancellation cancellation = ctx.cancellation();
        String problem = null;
        long status = 0;
        Duration wait = backoff;
        for (int attempt = 1; attempt <= attempts; attempt++) {
            if (attempt > 1) {
                cancellation.sleep(wait);
                wait = wait.multipliedBy(2);
            }
            cancellation.check();
            Call call = client.newCall(request);
            try (Cancellation.Registration ignored = cancellation.onCancel(call::cancel);
                 okhttp3.Response response = call.execute()) {
                status = response.code();
                if (response.isSuccessful()) {
                    ctx.log(name + ": delivered to " + target.host() + " (HTTP " + status + (attempt > 1 ? ", attempt " + attempt : "") + ")");
                    return new Result(true, status, attempt, "");
                }
                problem = "the webhook answered HTTP " + status;
                // Any other 4xx is a wrong URL, token or payload: asking again changes nothing.
                if (status != 429 && status < 500) return failed(ctx, name, check, status, attempt, problem);
            } catch (IOException e) {
                cancellation.check();
                status = 0;
                problem = reason(e, call, target, timeout);
            }
            if (attempt < attempts) ctx.log(name + ": " + problem + "; trying again in " + Durations.format(wait));
        }
        return failed(ctx, name, check, status, attempts, problem + (attempts > 1 ? " (" + attempts + " attempts)" : ""));
    }

    private static Result failed(CallContext ctx, String name, boolean check, long status, long attempts, String problem) {
        String message = name + ": not delivered: " + problem;
        if (check) throw new GwrunError("notify", message);
        ctx.warn(message);
        return new Result(false, status, attempts, problem);
    }

    /** Why no answer came, naming the host only: the path of a webhook URL is its token. */
    private static String reason(IOException e, Call call, HttpUrl url, Duration timeout) {
        String target = url.host() + ":" + url.port();
        if (e instanceof UnknownHostException) return "unknown host '" + url.host() + "'";
        if (e instanceof ConnectException) return "connection refused (" + target + ")";
        if (e instanceof InterruptedIOException || call.isCanceled()) return "no answer within " + Durations.format(timeout) + " (" + target + ")";
        if (e instanceof javax.net.ssl.SSLException) return "TLS failed (" + target + ")";
        return "request failed: " + e.getClass().getSimpleName() + " (" + target + ")";
    }

    /**
     * The value with every string (map keys too) masked, before it is encoded: masking the JSON text
     * would miss a secret holding a quote, which JSON escapes.
     */
    static Object masked(Object value, CallContext ctx) {
        if (value instanceof CharSequence s) return ctx.mask(s.toString());
        if (value instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : m.entrySet()) out.put(ctx.mask(String.valueOf(e.getKey())), masked(e.getValue(), ctx));
            return out;
        }
        if (value instanceof List<?> l) {
            List<Object> out = new ArrayList<>();
            for (Object v : l) out.add(masked(v, ctx));
            return out;
        }
        if (value instanceof HostObject o) return masked(Values.fieldsOf(o), ctx);
        return value;
    }

    /**
     * What a notification call returns: {@code sent}, the last HTTP {@code status} (0 when no answer
     * came), how many {@code attempts} it took, and the {@code error} ("" when sent).
     */
    record Result(boolean sent, long status, long attempts, String error) implements HostObject {
        private static final List<String> FIELDS = List.of("sent", "status", "attempts", "error");

        @Override public String typeName() { return "notification"; }

        @Override public List<String> fieldNames() { return FIELDS; }

        @Override
        public Object field(String name) {
            return switch (name) {
                case "sent" -> sent;
                case "status" -> status;
                case "attempts" -> attempts;
                case "error" -> error;
                default -> throw new IllegalArgumentException("no field " + name);
            };
        }

        @Override
        public String describe() {
            return sent ? "sent (HTTP " + status + ")" : "not sent: " + error;
        }
    }
}
