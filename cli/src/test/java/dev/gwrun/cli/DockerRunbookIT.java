package dev.gwrun.cli;

import dev.gwrun.stdlib.DockerTestSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The docker runbooks in runbooks/ run by the real bin/gwrun against the real Docker Engine: a
 * good version deploys blue-green with zero failed requests seen by a probe hitting the proxy the
 * whole time; a broken version fails, is removed, and the old one keeps serving; a rollback. (The
 * rolling update runs on the local stack's Compose files: DeploymentDocsIT.)
 */
@Timeout(600)
class DockerRunbookIT {
    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    static final String IMAGE = DockerTestSupport.PREFIX + "-demo";

    record Proc(int exit, String out) {}

    @BeforeAll
    static void engine() {
        DockerTestSupport.requireEngine();
    }

    @AfterAll
    static void cleanUp() {
        DockerTestSupport.cleanUp();
    }

    private static Proc gwrun(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(ROOT.resolve("bin/gwrun").toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).directory(ROOT.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(300, TimeUnit.SECONDS)).isTrue();
        return new Proc(p.exitValue(), out);
    }

    private static String version(int port) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/version")).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString()).body().strip();
    }

    /** Hits the service as fast as it answers, one new connection per request, counting every failure. */
    static final class Probe implements AutoCloseable {
        /**
         * Runs a deploy while a probe requests the port, checks its result, then that no request failed,
         * more than 20 were served and the versions answered were exactly these, in this order.
         */
        static <T> T during(int port, String what, Callable<T> deploy, Consumer<T> checkResult, String... versions) throws Exception {
            try (Probe probe = new Probe(port)) {
                T result = deploy.call();
                Thread.sleep(300);
                probe.close();
                System.err.println("probe during " + what + ": " + probe.ok.get() + " requests served, " + probe.failed.get() + " failed");
                checkResult.accept(result);
                assertThat(probe.failed.get()).as("failed requests during the switch; first: " + probe.firstFailure.get()).isZero();
                assertThat(probe.ok.get()).as("requests served during the deploy").isGreaterThan(20);
                assertThat(probe.versions).containsExactly(versions);
                return result;
            }
        }

        final AtomicInteger ok = new AtomicInteger();
        final AtomicInteger failed = new AtomicInteger();
        final AtomicReference<String> firstFailure = new AtomicReference<>();
        final List<String> versions = java.util.Collections.synchronizedList(new ArrayList<>());
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final Thread thread;

        Probe(int port) {
            thread = new Thread(() -> {
                HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
                HttpRequest req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/version"))
                        .timeout(Duration.ofSeconds(5)).build();
                while (running.get()) {
                    try {
                        HttpResponse<String> r = http.send(req, HttpResponse.BodyHandlers.ofString());
                        if (r.statusCode() == 200) {
                            ok.incrementAndGet();
                            String v = r.body().strip();
                            if (versions.isEmpty() || !versions.get(versions.size() - 1).equals(v)) versions.add(v);
                        } else {
                            fail("HTTP " + r.statusCode());
                        }
                    } catch (Exception e) {
                        fail(e.toString());
                    }
                }
            }, "probe");
            thread.start();
        }

        private void fail(String why) {
            failed.incrementAndGet();
            firstFailure.compareAndSet(null, why);
        }

        @Override
        public void close() throws InterruptedException {
            running.set(false);
            thread.join();
        }
    }

    @Test
    void blueGreenDeploysWithoutFailedRequestsRefusesABrokenVersionAndRollsBack() throws Exception {
        String service = DockerTestSupport.name("bg");
        int port = DockerTestSupport.freePort();
        String[] common = {"-p", "service=" + service, "-p", "image=" + IMAGE, "-p", "port=" + port};

        Proc first = gwrun(concat(new String[]{"run", "runbooks/blue-green.gwrun", "-p", "version=v1"}, common));
        assertThat(first.exit()).as(first.out()).isEqualTo(0);
        assertThat(first.out()).contains("first deploy: deploying v1 as " + service + "-blue");
        assertThat(version(port)).isEqualTo("v1");

        Proc second = Probe.during(port, "the blue-green switch",
                () -> gwrun(concat(new String[]{"run", "runbooks/blue-green.gwrun", "-p", "version=v2", "-p", "drain=500ms"}, common)),
                r -> assertThat(r.exit()).as(r.out()).isEqualTo(0), "v1", "v2");
        assertThat(second.out()).contains(service + "-blue is live; deploying v2 as " + service + "-green",
                "compose: removed " + service + "-blue", "docker: tagged " + IMAGE + ":v2 as " + IMAGE + ":prod");

        long start = System.nanoTime();
        Proc broken = gwrun(concat(new String[]{"run", "runbooks/blue-green.gwrun", "-p", "version=v3", "-p", "broken=true"}, common));
        assertThat(broken.exit()).as(broken.out()).isEqualTo(1);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("a broken version fails at once, not at the 1m health timeout").isLessThan(Duration.ofSeconds(45));
        assertThat(broken.out()).contains(
                "container '" + service + "-blue' is unhealthy",
                "last health check (exit 1): wget: server returned error: HTTP/1.1 404 Not Found",
                "demo API v3 listening on :8000",
                "compose: removed " + service + "-blue",
                "deploy of v3 failed in 'start the new colour'; " + service + "-green is still serving");
        assertThat(version(port)).isEqualTo("v2");

        Proc rollback = gwrun("run", "runbooks/rollback.gwrun", "-p", "to=v1", "-p", "service=" + service, "-p", "image=" + IMAGE, "-p", "port=" + port);
        assertThat(rollback.exit()).as(rollback.out()).isEqualTo(0);
        assertThat(rollback.out()).contains("the service reports v2 (HTTP 200); rolling back to v1", "the service reports v1");
        assertThat(version(port)).isEqualTo("v1");

        Proc nothing = gwrun("run", "runbooks/rollback.gwrun", "-p", "to=v9", "-p", "service=" + service, "-p", "image=" + IMAGE, "-p", "port=" + port);
        assertThat(nothing.exit()).as(nothing.out()).isEqualTo(4);
        assertThat(nothing.out()).contains("no image " + IMAGE + ":v9 on this engine: nothing to roll back to");
    }

    private static String[] concat(String[] a, String[] b) {
        String[] out = new String[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
