package dev.gwrun.stdlib;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A tiny HTTP server on 127.0.0.1 and a free port, for tests that need a real service to talk to:
 *
 * <pre>{@code
 * try (LoopbackServer server = LoopbackServer.start().healthyAfter("/health", 3)) {
 *     run("wait until http.get(\"" + server.url("/health") + "\").status == 200 every 10ms");
 *     assertThat(server.requestCount("/health")).isEqualTo(3);
 * }
 * }</pre>
 *
 * Routes match the path exactly (the query is not part of it); any other path answers 404. Every
 * request is recorded, as it arrives, so hanging ones are counted too.
 */
public final class LoopbackServer implements AutoCloseable {

    /** A request as the server received it: header names lowercased, the query still encoded. */
    public record Request(String method, String path, String rawQuery, Map<String, String> headers, String body) {
        /** A header's value (several joined by ", "), or null. */
        public String header(String name) { return headers.get(name.toLowerCase(Locale.ROOT)); }
    }

    /** What to answer: a status, response headers and a body; a header value with line breaks is sent as one header per line. */
    public record Reply(int status, Map<String, String> headers, String body) {
        public static Reply json(int status, String json) {
            return new Reply(status, Map.of("Content-Type", "application/json"), json);
        }

        public static Reply text(int status, String text) {
            return new Reply(status, Map.of("Content-Type", "text/plain; charset=utf-8"), text);
        }
    }

    /** Answers one request; {@code count} is 1 for the first request to the route's path, 2 for the next, … */
    @FunctionalInterface
    public interface Route {
        Reply answer(Request request, int count) throws Exception;
    }

    private final HttpServer server;
    private final ExecutorService threads;
    private final Map<String, Route> routes = new ConcurrentHashMap<>();
    private final Map<String, List<Request>> received = new ConcurrentHashMap<>();
    private final CountDownLatch closed = new CountDownLatch(1);

    private LoopbackServer(HttpServer server, ExecutorService threads) {
        this.server = server;
        this.threads = threads;
    }

    /** Starts a server with no routes on 127.0.0.1 and a port the system picks. */
    public static LoopbackServer start() {
        try {
            HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            // Daemon threads, one per request: a hanging route must not hold up the others or the JVM's exit.
            ExecutorService threads = Executors.newCachedThreadPool(r -> {
                Thread t = new Thread(r, "loopback-server");
                t.setDaemon(true);
                return t;
            });
            LoopbackServer server = new LoopbackServer(http, threads);
            http.createContext("/", server::handle);
            http.setExecutor(threads);
            http.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Answers requests to {@code path} with {@code route}; replaces an earlier route for the path. */
    public LoopbackServer route(String path, Route route) {
        routes.put(path, route);
        return this;
    }

    /** Always answers {@code status} with the JSON text {@code json}. */
    public LoopbackServer json(String path, int status, String json) {
        return route(path, (request, count) -> Reply.json(status, json));
    }

    /** 503 {@code {"status":"starting"}} for the first n-1 requests, then 200 {@code {"status":"healthy"}}. */
    public LoopbackServer healthyAfter(String path, int n) {
        return route(path, (request, count) -> count >= n
                ? Reply.json(200, "{\"status\":\"healthy\"}")
                : Reply.json(503, "{\"status\":\"starting\"}"));
    }

    /** Always 503 {@code {"status":"starting"}}. */
    public LoopbackServer neverHealthy(String path) {
        return route(path, (request, count) -> Reply.json(503, "{\"status\":\"starting\"}"));
    }

    /** Reads the request and never answers, until the client gives up or the server closes. */
    public LoopbackServer hang(String path) {
        return route(path, (request, count) -> {
            closed.await();
            return null;
        });
    }

    /** {@code http://127.0.0.1:<port>}, without a trailing slash. */
    public String url() {
        return "http://127.0.0.1:" + port();
    }

    /** {@code url() + path}. */
    public String url(String path) {
        return url() + path;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** How many requests to {@code path} have arrived so far, answered or not. */
    public int requestCount(String path) {
        return requests(path).size();
    }

    /** The requests to {@code path} so far, oldest first. */
    public List<Request> requests(String path) {
        return List.copyOf(received.getOrDefault(path, List.of()));
    }

    /** Stops the server, breaking off hanging requests. */
    @Override
    public void close() {
        closed.countDown();
        server.stop(0);
        threads.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try {
            Request request = read(exchange);
            List<Request> seen = received.computeIfAbsent(request.path(), p -> new CopyOnWriteArrayList<>());
            int count;
            synchronized (seen) {
                seen.add(request);
                count = seen.size();
            }
            Route route = routes.get(request.path());
            Reply reply;
            try {
                reply = route == null ? Reply.json(404, "{\"error\":\"no route for " + request.path() + "\"}") : route.answer(request, count);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                reply = Reply.text(500, "route failed: " + e);
            }
            if (reply != null) write(exchange, request, reply);
        } finally {
            exchange.close();
        }
    }

    private static Request read(HttpExchange exchange) throws IOException {
        Map<String, String> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((name, values) ->
                headers.put(name.toLowerCase(Locale.ROOT), String.join(", ", values)));
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        return new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                exchange.getRequestURI().getRawQuery(), headers, body);
    }

    private static void write(HttpExchange exchange, Request request, Reply reply) throws IOException {
        reply.headers().forEach((name, value) -> {
            for (String one : value.split("\n")) exchange.getResponseHeaders().add(name, one);
        });
        byte[] bytes = reply.body() == null ? new byte[0] : reply.body().getBytes(StandardCharsets.UTF_8);
        // -1 means "no body"; 0 would mean a chunked body of unknown length.
        boolean noBody = bytes.length == 0 || request.method().equals("HEAD");
        exchange.sendResponseHeaders(reply.status(), noBody ? -1 : bytes.length);
        if (!noBody) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }
}
