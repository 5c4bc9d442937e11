package dev.gwrun.stdlib;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The real Prometheus server of the tests (started by .ci/provision: {@code GWRUN_TEST_PROMETHEUS_URL},
 * scraping every 1 s the targets of the file_sd files in {@code GWRUN_TEST_PROMETHEUS_TARGETS}). A test
 * adds a scrape target with {@link #scrape}, one JSON file named by the run's prefix, removed when closed.
 * Without a server the tests are skipped with a notice, or fail when {@code GWRUN_REQUIRE_PROMETHEUS=1}.
 */
public final class PrometheusTestSupport {
    public static final String URL = env("GWRUN_TEST_PROMETHEUS_URL", "http://127.0.0.1:19090");
    public static final Path TARGETS = Path.of(env("GWRUN_TEST_PROMETHEUS_TARGETS", "/var/tmp/gwrun-prometheus/targets"));

    private PrometheusTestSupport() {}

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }

    /** The server's URL, once it answers ready and its targets directory is writable; else skips or fails. */
    public static String require() {
        String why = null;
        try {
            HttpResponse<String> r = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build()
                    .send(HttpRequest.newBuilder(URI.create(URL + "/-/ready")).timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) why = "Prometheus at " + URL + " is not ready (HTTP " + r.statusCode() + ")";
        } catch (IOException e) {
            why = "no Prometheus answers at " + URL + " (" + e.getMessage() + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            why = "interrupted";
        }
        if (why == null && !Files.isWritable(TARGETS)) why = "the file_sd directory " + TARGETS + " is not writable";
        if (why != null) {
            if ("1".equals(System.getenv("GWRUN_REQUIRE_PROMETHEUS"))) Assertions.fail(why + " and GWRUN_REQUIRE_PROMETHEUS=1");
            System.err.println("SKIPPED: " + why + "; start it with .ci/provision");
            Assumptions.abort(why);
        }
        return URL;
    }

    /** A scrape target of the gwrun-stack job while it is open: {@code 127.0.0.1:port} with the given labels. */
    public static Target scrape(String name, int port, String labelsJson) {
        Path file = TARGETS.resolve(DockerTestSupport.PREFIX + "-" + name + ".json");
        Path tmp = TARGETS.resolve("." + file.getFileName() + ".tmp");
        try {
            // Written then renamed: Prometheus must never read half a file.
            Files.writeString(tmp, "[{\"targets\": [\"127.0.0.1:" + port + "\"], \"labels\": " + labelsJson + "}]\n");
            Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Target(file);
    }

    /** A file_sd file; closing it removes the target. */
    public record Target(Path file) implements AutoCloseable {
        @Override
        public void close() {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
