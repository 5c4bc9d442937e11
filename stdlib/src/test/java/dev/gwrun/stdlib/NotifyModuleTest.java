package dev.gwrun.stdlib;

import dev.gwrun.runtime.GwrunError;
import dev.gwrun.runtime.HostObject;
import dev.gwrun.runtime.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The notify module against a real HTTP receiver on 127.0.0.1 that records every body it got:
 * delivery, retries after 5xx, the per-attempt timeout, check: true, secrets masked in what is
 * sent, and the webhook URL (a credential) quoted by nothing.
 */
class NotifyModuleTest {
    /** The part of a Slack webhook URL that is its credential. */
    private static final String TOKEN = "T0AAA/B0BBB/xoxbTokenPart42";

    @TempDir Path dir;
    private LoopbackServer server;
    private TestCallContext ctx;

    @BeforeEach
    void setUp() {
        server = LoopbackServer.start();
        ctx = new TestCallContext(dir);
    }

    @AfterEach
    void tearDown() {
        server.close();
    }

    private String hook() {
        return server.url("/services/" + TOKEN);
    }

    private String hookPath() {
        return "/services/" + TOKEN;
    }

    @Test
    void slackPostsTextAndBlocksAsJson() throws Exception {
        server.route(hookPath(), (r, n) -> LoopbackServer.Reply.text(200, "ok"));
        List<Object> blocks = List.of(Map.of("type", "section", "text", Map.of("type", "mrkdwn", "text", "*deploy* v2 started")));

        HostObject r = call("notify.slack", Map.of("webhook", hook(), "text", "deploy v2 started", "blocks", blocks));

        assertThat(r.typeName()).isEqualTo("notification");
        assertThat(r.field("sent")).isEqualTo(true);
        assertThat(r.field("status")).isEqualTo(200L);
        assertThat(r.field("attempts")).isEqualTo(1L);
        assertThat(r.field("error")).isEqualTo("");
        LoopbackServer.Request got = server.requests(hookPath()).get(0);
        assertThat(got.method()).isEqualTo("POST");
        assertThat(got.header("content-type")).startsWith("application/json");
        assertThat(Json.parse(got.body())).isEqualTo(Map.of("text", "deploy v2 started", "blocks", blocks));
        assertThat(ctx.lines("log")).containsExactly("notify.slack: delivered to 127.0.0.1 (HTTP 200)");
    }

    @Test
    void webhookPostsThePayloadWithItsHeaders() throws Exception {
        server.route("/events", (r, n) -> LoopbackServer.Reply.json(202, "{}"));

        HostObject r = call("notify.webhook", Map.of("url", server.url("/events"),
                "payload", Map.of("service", "api", "status", "succeeded", "replicas", 3L),
                "headers", Map.of("Authorization", "Bearer abc")));

        assertThat(r.field("sent")).isEqualTo(true);
        assertThat(r.field("status")).isEqualTo(202L);
        LoopbackServer.Request got = server.requests("/events").get(0);
        assertThat(got.header("authorization")).isEqualTo("Bearer abc");
        assertThat(Json.parse(got.body())).isEqualTo(Map.of("service", "api", "status", "succeeded", "replicas", 3L));
    }

    @Test
    void aServerErrorIsRetriedWithBackoff() throws Exception {
        server.route(hookPath(), (r, n) -> n == 1 ? LoopbackServer.Reply.text(500, "oops") : LoopbackServer.Reply.text(200, "ok"));

        HostObject r = call("notify.slack", Map.of("webhook", hook(), "text", "hi", "backoff", Duration.ofMillis(20)));

        assertThat(r.field("sent")).isEqualTo(true);
        assertThat(r.field("attempts")).isEqualTo(2L);
        assertThat(server.requestCount(hookPath())).isEqualTo(2);
        assertThat(server.requests(hookPath()).get(1).body()).isEqualTo(server.requests(hookPath()).get(0).body());
        assertThat(ctx.lines("log")).containsExactly(
                "notify.slack: the webhook answered HTTP 500; trying again in 20ms",
                "notify.slack: delivered to 127.0.0.1 (HTTP 200, attempt 2)");
    }

    @Test
    void aWebhookThatNeverAnswersTimesOutEachAttemptAndTheRunbookGoesOn() throws Exception {
        server.hang(hookPath());
        long start = System.nanoTime();

        HostObject r = call("notify.slack", Map.of("webhook", hook(), "text", "hi",
                "timeout", Duration.ofMillis(300), "attempts", 2L, "backoff", Duration.ofMillis(10)));

        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(r.field("sent")).isEqualTo(false);
        assertThat(r.field("status")).isEqualTo(0L);
        assertThat(r.field("attempts")).isEqualTo(2L);
        assertThat(r.field("error")).isEqualTo("no answer within 300ms (127.0.0.1:" + server.port() + ") (2 attempts)");
        assertThat(server.requestCount(hookPath())).isEqualTo(2);
        // Two attempts of 300ms and a 10ms backoff; generous for a loaded machine, far below a hang.
        assertThat(took).isBetween(Duration.ofMillis(600), Duration.ofSeconds(10));
        assertThat(ctx.lines("log")).contains("warning: notify.slack: not delivered: no answer within 300ms (127.0.0.1:" + server.port() + ") (2 attempts)");
    }

    @Test
    void checkTrueMakesAFailedNotificationAnError() {
        server.route(hookPath(), (r, n) -> LoopbackServer.Reply.text(500, "down"));

        GwrunError e = failure("notify.slack", Map.of("webhook", hook(), "text", "hi", "check", true,
                "attempts", 2L, "backoff", Duration.ofMillis(10)));

        assertThat(e.kind()).isEqualTo("notify");
        assertThat(e.getMessage()).isEqualTo("notify.slack: not delivered: the webhook answered HTTP 500 (2 attempts)");
        assertThat(server.requestCount(hookPath())).isEqualTo(2);
    }

    @Test
    void aClientErrorIsNotRetried() throws Exception {
        server.route(hookPath(), (r, n) -> LoopbackServer.Reply.text(404, "no_service"));

        HostObject r = call("notify.slack", Map.of("webhook", hook(), "text", "hi", "backoff", Duration.ofMillis(10)));

        assertThat(r.field("sent")).isEqualTo(false);
        assertThat(r.field("status")).isEqualTo(404L);
        assertThat(r.field("attempts")).isEqualTo(1L);
        assertThat(r.field("error")).isEqualTo("the webhook answered HTTP 404");
        assertThat(server.requestCount(hookPath())).isEqualTo(1);
    }

    @Test
    void aRefusedConnectionIsRetriedThenReportedWithoutTheUrl() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        String url = "http://127.0.0.1:" + port + "/services/" + TOKEN;

        HostObject r = call("notify.slack", Map.of("webhook", url, "text", "hi", "attempts", 2L, "backoff", Duration.ofMillis(10)));

        assertThat(r.field("sent")).isEqualTo(false);
        assertThat(r.field("error")).isEqualTo("connection refused (127.0.0.1:" + port + ") (2 attempts)");
        assertThat(String.join("\n", ctx.lines("log"))).doesNotContain(TOKEN).contains("connection refused");
    }

    @Test
    void secretsAreMaskedInTheBodyThatIsSent() throws Exception {
        server.route(hookPath(), (r, n) -> LoopbackServer.Reply.text(200, "ok"));
        String secret = "pa55\"w0rd-9f3k";
        ctx.registerSecret(secret);

        call("notify.slack", Map.of("webhook", hook(), "text", "db password " + secret + " rotated",
                "blocks", List.of(Map.of("type", "section", "text", Map.of("type", "mrkdwn", "text", "token: " + secret)))));
        call("notify.webhook", Map.of("url", hook(), "payload", Map.of("key-" + secret, List.of("a", secret), "n", 1L)));

        List<LoopbackServer.Request> got = server.requests(hookPath());
        assertThat(got).hasSize(2);
        for (LoopbackServer.Request r : got) {
            assertThat(r.body()).doesNotContain("pa55").contains("***");
        }
        assertThat(Json.parse(got.get(0).body())).isEqualTo(Map.of("text", "db password *** rotated",
                "blocks", List.of(Map.of("type", "section", "text", Map.of("type", "mrkdwn", "text", "token: ***")))));
        assertThat(Json.parse(got.get(1).body())).isEqualTo(Map.of("key-***", List.of("a", "***"), "n", 1L));
    }

    @Test
    void theWebhookUrlIsRegisteredAsASecretAndQuotedByNothing() {
        server.route(hookPath(), (r, n) -> LoopbackServer.Reply.text(500, "err"));

        GwrunError e = failure("notify.slack", Map.of("webhook", hook(), "text", "hi", "check", true,
                "attempts", 2L, "backoff", Duration.ofMillis(10)));
        GwrunError bad = failure("notify.webhook", Map.of("url", "hxxp://hooks.example/" + TOKEN, "payload", "x", "check", true));

        assertThat(ctx.mask("posting to " + hook())).isEqualTo("posting to ***");
        assertThat(e.getMessage()).doesNotContain(TOKEN);
        assertThat(bad.getMessage()).isEqualTo("notify.webhook: not delivered: the URL is not an http:// or https:// URL");
        assertThat(ctx.lines()).isNotEmpty().allSatisfy(l -> assertThat(l.text()).doesNotContain(TOKEN));
    }

    @Test
    void badLimitsAreTypeErrors() {
        assertThat(failure("notify.slack", Map.of("webhook", hook(), "text", "hi", "attempts", 0L)).getMessage())
                .isEqualTo("notify.slack: attempts must be at least 1, got 0");
        assertThat(failure("notify.slack", Map.of("webhook", hook(), "text", "hi", "timeout", Duration.ZERO)).getMessage())
                .isEqualTo("notify.slack: timeout must be more than 0s, got 0s");
        assertThat(server.requestCount(hookPath())).isZero();
    }

    private HostObject call(String name, Map<String, Object> values) throws Exception {
        return HostCalls.object(ctx, name, values);
    }

    private GwrunError failure(String name, Map<String, Object> values) {
        return HostCalls.failure(ctx, name, values);
    }
}
