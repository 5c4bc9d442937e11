package dev.gwrun.stdlib;

import dev.gwrun.host.CallContext;
import dev.gwrun.host.Effect;
import dev.gwrun.host.Registry;
import dev.gwrun.host.Signature;
import dev.gwrun.runtime.Cancellation;
import dev.gwrun.runtime.GwrunError;
import dev.gwrun.runtime.HostObject;
import dev.gwrun.runtime.Values;
import dev.gwrun.source.Span;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The http module against real servers on 127.0.0.1, called the way the evaluator calls it. */
class HttpModuleTest {
    private static final Registry REGISTRY = StandardLibrary.registry();

    @TempDir Path dir;
    private LoopbackServer server;
    private TestContext ctx;

    @BeforeEach
    void setUp() {
        server = LoopbackServer.start();
        ctx = new TestContext(new Cancellation(), dir);
    }

    @AfterEach
    void tearDown() {
        server.close();
    }

    // ---- Responses ----------------------------------------------------------------------

    @Test
    void getReturnsStatusBodyAndParsedJson() throws Exception {
        server.json("/health", 200, "{\"status\":\"healthy\",\"replicas\":3}");

        HostObject r = call("http.get", Map.of("url", server.url("/health")));

        assertThat(r.typeName()).isEqualTo("HTTP response");
        assertThat(r.fieldNames()).containsExactly("status", "ok", "body", "headers", "json", "elapsed", "url");
        assertThat(r.field("status")).isEqualTo(200L);
        assertThat(r.field("ok")).isEqualTo(true);
        assertThat(r.field("body")).isEqualTo("{\"status\":\"healthy\",\"replicas\":3}");
        assertThat(r.field("json")).isEqualTo(Map.of("status", "healthy", "replicas", 3L));
        assertThat(r.field("elapsed")).isInstanceOf(Duration.class);
        assertThat(r.field("url")).isEqualTo(server.url("/health"));
        assertThat(Values.typeName(r)).isEqualTo("HTTP response");
    }

    @Test
    void clientAndServerErrorsAreResponsesNotFailures() throws Exception {
        server.json("/missing", 404, "{\"error\": \"no such thing\"}");
        server.neverHealthy("/health");

        HostObject missing = call("http.get", Map.of("url", server.url("/missing")));
        HostObject starting = call("http.get", Map.of("url", server.url("/health")));

        assertThat(missing.field("status")).isEqualTo(404L);
        assertThat(missing.field("ok")).isEqualTo(false);
        assertThat(missing.describe()).isEqualTo("HTTP 404 {\"error\": \"no such thing\"}");
        assertThat(starting.field("status")).isEqualTo(503L);
        assertThat(starting.describe()).isEqualTo("HTTP 503 {\"status\":\"starting\"}");
        assertThat(Values.repr(starting)).isEqualTo("HTTP 503 {\"status\":\"starting\"}");
    }

    @Test
    void describeCollapsesWhitespaceAndCutsLongBodies() throws Exception {
        server.route("/pretty", (req, n) -> LoopbackServer.Reply.json(200, "{\n  \"a\": 1,\n\t\"b\": 2\n}\n"));
        server.route("/long", (req, n) -> LoopbackServer.Reply.text(500, "x".repeat(300)));

        assertThat(call("http.get", Map.of("url", server.url("/pretty"))).describe()).isEqualTo("HTTP 200 { \"a\": 1, \"b\": 2 }");
        assertThat(call("http.get", Map.of("url", server.url("/long"))).describe()).isEqualTo("HTTP 500 " + "x".repeat(200) + "...");
    }

    @Test
    void healthyAfterTurnsHealthyOnTheNthRequest() throws Exception {
        server.healthyAfter("/health", 3);
        List<Object> statuses = new ArrayList<>();
        for (int i = 0; i < 4; i++) statuses.add(call("http.get", Map.of("url", server.url("/health"))).field("status"));

        assertThat(statuses).containsExactly(503L, 503L, 200L, 200L);
        assertThat(server.requestCount("/health")).isEqualTo(4);
    }

    @Test
    void readingJsonOfANonJsonBodyFailsInWords() throws Exception {
        server.route("/text", (req, n) -> LoopbackServer.Reply.text(200, "hello"));
        server.route("/empty", (req, n) -> new LoopbackServer.Reply(204, Map.of(), ""));

        HostObject text = call("http.get", Map.of("url", server.url("/text")));
        HostObject empty = call("http.get", Map.of("url", server.url("/empty")));

        GwrunError e = catchThrowableOfType(GwrunError.class, () -> text.field("json"));
        assertThat(e.kind()).isEqualTo("http");
        assertThat(e.getMessage()).isEqualTo("the response body is not JSON: invalid JSON at line 1, column 1: unexpected 'h'");
        assertThat(text.describe()).isEqualTo("HTTP 200 hello");
        assertThat(catchThrowableOfType(GwrunError.class, () -> empty.field("json")))
                .hasMessage("the response body is not JSON: it is empty");
        assertThat(empty.describe()).isEqualTo("HTTP 204");
    }

    @Test
    void redirectsAreFollowedAndTheFinalUrlRecorded() throws Exception {
        server.route("/old", (req, n) -> new LoopbackServer.Reply(302, Map.of("Location", "/new"), ""));
        server.json("/new", 200, "{}");

        HostObject r = call("http.get", Map.of("url", server.url("/old")));

        assertThat(r.field("status")).isEqualTo(200L);
        assertThat(r.field("url")).isEqualTo(server.url("/new"));
    }

    @Test
    void headIsAnsweredWithoutABody() throws Exception {
        server.json("/health", 200, "{\"status\":\"healthy\"}");

        HostObject r = call("http.head", Map.of("url", server.url("/health")));

        assertThat(r.field("status")).isEqualTo(200L);
        assertThat(r.field("body")).isEqualTo("");
        assertThat(server.requests("/health")).extracting(LoopbackServer.Request::method).containsExactly("HEAD");
    }

    // ---- Requests -----------------------------------------------------------------------

    @Test
    void postSendsJsonWithItsContentTypeAndLogsTheCall() throws Exception {
        server.route("/items", (req, n) -> LoopbackServer.Reply.json(201, req.body()));
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("name", "api");
        item.put("replicas", 2L);
        item.put("tags", List.of("blue", "green"));

        HostObject r = call("http.post", Map.of("url", server.url("/items"), "json", item));

        LoopbackServer.Request received = server.requests("/items").get(0);
        assertThat(received.method()).isEqualTo("POST");
        assertThat(received.header("content-type")).isEqualTo("application/json");
        assertThat(received.body()).isEqualTo("{\"name\":\"api\",\"replicas\":2,\"tags\":[\"blue\",\"green\"]}");
        assertThat(r.field("status")).isEqualTo(201L);
        assertThat(r.field("json")).isEqualTo(item);
        assertThat(ctx.logs).singleElement().asString()
                .matches("http: POST " + java.util.regex.Pattern.quote(server.url("/items")) + " → 201 \\(\\d+ms\\)");
    }

    @Test
    void bodyIsSentAsIsWithTheContentTypeFromHeadersOrPlainText() throws Exception {
        server.route("/echo", (req, n) -> LoopbackServer.Reply.text(200, req.body()));

        call("http.put", Map.of("url", server.url("/echo"), "body", "name=api"));
        call("http.patch", Map.of("url", server.url("/echo"), "body", "<a/>", "headers", Map.of("Content-Type", "application/xml")));
        call("http.post", Map.of("url", server.url("/echo")));

        List<LoopbackServer.Request> got = server.requests("/echo");
        assertThat(got).extracting(LoopbackServer.Request::method).containsExactly("PUT", "PATCH", "POST");
        assertThat(got.get(0).body()).isEqualTo("name=api");
        assertThat(got.get(0).header("content-type")).isEqualTo("text/plain; charset=utf-8");
        assertThat(got.get(1).body()).isEqualTo("<a/>");
        assertThat(got.get(1).header("content-type")).isEqualTo("application/xml");
        assertThat(got.get(2).body()).isEmpty();
    }

    @Test
    void headersAreSentAndResponseHeadersReadWithLowercaseNames() throws Exception {
        server.route("/h", (req, n) -> new LoopbackServer.Reply(200,
                Map.of("X-Request-Id", "r-42", "Set-Cookie", "a=1\nb=2"), "ok"));

        HostObject r = call("http.get", Map.of("url", server.url("/h"),
                "headers", Map.of("Authorization", "Bearer t0ken", "X-Trace", 7L)));

        LoopbackServer.Request received = server.requests("/h").get(0);
        assertThat(received.header("authorization")).isEqualTo("Bearer t0ken");
        assertThat(received.header("x-trace")).isEqualTo("7");
        @SuppressWarnings("unchecked")
        Map<String, Object> headers = (Map<String, Object>) r.field("headers");
        assertThat(headers).containsEntry("x-request-id", "r-42").containsEntry("set-cookie", "a=1, b=2");
        assertThat(headers.keySet()).allMatch(k -> k.equals(k.toLowerCase()));
    }

    @Test
    void queryParametersAreEncodedAndAddedToTheUrlsOwn() throws Exception {
        server.json("/search", 200, "[]");
        Map<String, Object> query = new LinkedHashMap<>();
        query.put("q", "a b&c=d/é");
        query.put("n", 2L);
        query.put("tag", List.of("x", "y"));

        HostObject r = call("http.get", Map.of("url", server.url("/search?page=1"), "query", query));

        assertThat(server.requests("/search").get(0).rawQuery()).isEqualTo("page=1&q=a%20b%26c%3Dd%2F%C3%A9&n=2&tag=x&tag=y");
        assertThat(r.field("url")).isEqualTo(server.url("/search?page=1&q=a%20b%26c%3Dd%2F%C3%A9&n=2&tag=x&tag=y"));
    }

    @Test
    void deleteIsSentAndLogged() throws Exception {
        server.route("/items/7", (req, n) -> new LoopbackServer.Reply(204, Map.of(), ""));

        HostObject r = call("http.delete", Map.of("url", server.url("/items/7")));

        assertThat(r.field("status")).isEqualTo(204L);
        assertThat(server.requests("/items/7")).extracting(LoopbackServer.Request::method).containsExactly("DELETE");
        assertThat(ctx.logs).singleElement().asString().startsWith("http: DELETE " + server.url("/items/7") + " → 204 (");
    }

    @Test
    void readsAreNotLogged() throws Exception {
        server.json("/health", 200, "{}");

        call("http.get", Map.of("url", server.url("/health")));
        call("http.head", Map.of("url", server.url("/health")));

        assertThat(ctx.logs).isEmpty();
    }

    // ---- Failures -----------------------------------------------------------------------

    @Test
    void connectionRefusedNamesTheAddress() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }

        GwrunError e = failure("http.get", Map.of("url", "http://127.0.0.1:" + port + "/health"));

        assertThat(e.kind()).isEqualTo("http");
        assertThat(e.getMessage()).isEqualTo("connection refused (127.0.0.1:" + port + ")");
    }

    @Test
    void aHangingServerTimesOutAfterTheGivenTimeout() {
        server.hang("/slow");
        long start = System.nanoTime();

        GwrunError e = failure("http.get", Map.of("url", server.url("/slow"), "timeout", Duration.ofMillis(300)));

        assertThat(e.kind()).isEqualTo("http");
        assertThat(e.getMessage()).isEqualTo("timed out after 300ms (GET " + server.url("/slow") + ")");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(250), Duration.ofSeconds(2));
        assertThat(server.requestCount("/slow")).isEqualTo(1);
    }

    @Test
    void cancellingTheTokenBreaksOffAHangingRequestWithTheTokensError() {
        server.hang("/slow");
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        try {
            timer.schedule(() -> ctx.cancellation.cancel(new GwrunError("timeout", "step 'deploy' timed out after 200ms")),
                    200, TimeUnit.MILLISECONDS);
            long start = System.nanoTime();

            GwrunError e = failure("http.post", Map.of("url", server.url("/slow"), "json", Map.of("a", 1L)));

            assertThat(e.kind()).isEqualTo("timeout");
            assertThat(e.getMessage()).isEqualTo("step 'deploy' timed out after 200ms");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
            assertThat(ctx.logs).isEmpty();
        } finally {
            timer.shutdownNow();
        }
    }

    @Test
    void anAlreadyCancelledTokenSendsNothing() {
        server.json("/health", 200, "{}");
        ctx.cancellation.cancel(new GwrunError("interrupted", "interrupted"));

        GwrunError e = failure("http.get", Map.of("url", server.url("/health")));

        assertThat(e.kind()).isEqualTo("interrupted");
        assertThat(server.requestCount("/health")).isZero();
    }

    @Test
    void badUrlsAndUnknownHostsFailInWords() {
        assertThat(failure("http.get", Map.of("url", "htp:/x")).getMessage())
                .startsWith("invalid URL 'htp:/x'");
        assertThat(failure("http.get", Map.of("url", "localhost:8080/health")).getMessage())
                .isEqualTo("invalid URL 'localhost:8080/health' (it must start with http:// or https://)");
        GwrunError unknown = failure("http.get", Map.of("url", "http://nosuch.invalid/health", "timeout", Duration.ofSeconds(10)));
        assertThat(unknown.kind()).isEqualTo("http");
        assertThat(unknown.getMessage()).isEqualTo("unknown host 'nosuch.invalid'");
    }

    @Test
    void headerProblemsNeverShowTheValue() {
        GwrunError e = failure("http.get", Map.of("url", server.url("/h"), "headers", Map.of("Authorization", "Bearer s3cret\n")));

        assertThat(e.getMessage()).contains("'Authorization'").doesNotContain("s3cret");
        assertThat(server.requestCount("/h")).isZero();
    }

    // ---- Arguments and signatures -------------------------------------------------------

    @Test
    void jsonAndBodyTogetherIsAnError() {
        GwrunError e = failure("http.post", Map.of("url", server.url("/items"), "json", Map.of(), "body", "x"));

        assertThat(e.getMessage()).isEqualTo("http.post: give json: or body:, not both");
        assertThat(server.requestCount("/items")).isZero();
    }

    @Test
    void aTimeoutMustBePositive() {
        assertThat(failure("http.get", Map.of("url", server.url("/"), "timeout", Duration.ZERO)).getMessage())
                .isEqualTo("http.get: timeout must be more than 0s, got 0s");
    }

    @Test
    void bindingProblemsComeFromTheSignature() {
        Signature post = REGISTRY.function("http.post").signature();
        Signature get = REGISTRY.function("http.get").signature();

        assertThat(post.bind(Arrays.asList(null, "jsn")).problems()).extracting(Signature.Problem::message)
                .containsExactly("'http.post' has no parameter 'jsn' — did you mean 'json'? (parameters: url, headers, timeout, query, json, body)");
        assertThat(get.bind(List.of("timeout")).problems()).extracting(Signature.Problem::message)
                .containsExactly("'http.get' needs the argument 'url'");
        assertThat(get.bind(Arrays.asList(null, "json")).problems()).extracting(Signature.Problem::message)
                .containsExactly("'http.get' has no parameter 'json' (parameters: url, headers, timeout, query)");
        assertThat(post.bind(Arrays.asList(null, "json")).problems()).isEmpty();
    }

    @Test
    void signaturesDescribeEveryFunction() {
        Map<String, Effect> effects = Map.of("http.get", Effect.READ, "http.head", Effect.READ, "http.post", Effect.CHANGE,
                "http.put", Effect.CHANGE, "http.patch", Effect.CHANGE, "http.delete", Effect.CHANGE);

        assertThat(REGISTRY.functionNames("http")).containsExactlyInAnyOrderElementsOf(effects.keySet());
        for (Map.Entry<String, Effect> e : effects.entrySet()) {
            Signature sig = REGISTRY.function(e.getKey()).signature();
            assertThat(sig.effect()).as(e.getKey()).isEqualTo(e.getValue());
            assertThat(sig.returns()).isSameAs(HttpModule.RESPONSE_TYPE);
            assertThat(sig.doc()).as(e.getKey()).isNotBlank();
            assertThat(sig.params()).allSatisfy(p -> assertThat(p.doc()).as(e.getKey() + " " + p.name()).isNotBlank());
        }
        assertThat(REGISTRY.function("http.get").signature().display())
                .isEqualTo("http.get(url: string, headers?: map, timeout?: duration, query?: map)");
        assertThat(REGISTRY.function("http.patch").signature().paramNames())
                .containsExactly("url", "headers", "timeout", "query", "json", "body");
        assertThat(HttpModule.RESPONSE_TYPE.fields()).containsOnlyKeys("status", "ok", "body", "headers", "json", "elapsed", "url");
        assertThat(REGISTRY.module("http").doc()).isNotBlank();
    }

    // ---- Helpers ------------------------------------------------------------------------

    private HostObject call(String name, Map<String, Object> values) throws Exception {
        return HostCalls.object(ctx, name, values);
    }

    private GwrunError failure(String name, Map<String, Object> values) {
        return HostCalls.failure(ctx, name, values);
    }

    /** A call context whose cancellation the test controls and whose log lines it can read. */
    static final class TestContext implements CallContext {
        final Cancellation cancellation;
        final List<String> logs = new CopyOnWriteArrayList<>();
        final List<String> output = new CopyOnWriteArrayList<>();
        final Map<String, String> env = new HashMap<>();
        private final Path directory;

        TestContext(Cancellation cancellation, Path directory) {
            this.cancellation = cancellation;
            this.directory = directory;
        }

        @Override public Cancellation cancellation() { return cancellation; }

        @Override public void log(String line) { logs.add(line); }

        @Override public void output(String stream, String line) { output.add(stream + ": " + line); }

        @Override public String env(String name) { return env.get(name); }

        @Override public void registerSecret(String value) {}

        @Override public String mask(String text) { return text; }

        @Override public Path directory() { return directory; }

        @Override public Span callSite() { return null; }
    }
}
