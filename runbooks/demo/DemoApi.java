import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stand-in for the team's API, for the example runbooks: run with {@code java DemoApi.java PORT [WARMUP]}.
 * It listens on 127.0.0.1 only. /health answers 503 {"status":"starting"} for the first WARMUP
 * requests (default 3), as a real service does while it warms up, then 200 {"status":"healthy"}.
 * /health/detailed needs "Authorization: Bearer $DEMO_API_TOKEN". /version reports DEMO_VERSION.
 */
public class DemoApi {
    public static void main(String[] args) throws IOException {
        int port = Integer.parseInt(args[0]);
        int warmup = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        String token = System.getenv().getOrDefault("DEMO_API_TOKEN", "");
        String version = System.getenv().getOrDefault("DEMO_VERSION", "dev");
        AtomicInteger healthCalls = new AtomicInteger();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 16);
        server.createContext("/health", ex -> {
            if (ex.getRequestURI().getPath().equals("/health/detailed")) {
                String auth = ex.getRequestHeaders().getFirst("Authorization");
                if (!("Bearer " + token).equals(auth)) {
                    send(ex, 401, "{\"error\":\"unauthorized\"}");
                } else {
                    send(ex, 200, "{\"status\":\"healthy\",\"database\":\"ok\",\"cache\":\"ok\"}");
                }
            } else if (healthCalls.incrementAndGet() <= warmup) {
                send(ex, 503, "{\"status\":\"starting\"}");
            } else {
                send(ex, 200, "{\"status\":\"healthy\"}");
            }
        });
        server.createContext("/version", ex -> send(ex, 200, "{\"version\":\"" + version + "\"}"));
        server.createContext("/api/v1/", ex -> send(ex, 200, "[]"));
        server.createContext("/", ex -> send(ex, 404, "{\"error\":\"not found\"}"));
        server.start();
        System.out.println("demo API listening on 127.0.0.1:" + port);
    }

    private static void send(HttpExchange ex, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }
}
