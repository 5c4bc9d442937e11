package dev.gwrun.stdlib;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A client that requests /version through a proxy's loopback port in a loop during a rollout or an
 * update, counting answers by version and every failed request: what "zero downtime" is measured with.
 */
public final class VersionProbe implements Runnable {
    private final int port;
    private final long pauseMillis;
    public final AtomicBoolean stop = new AtomicBoolean();
    public final AtomicInteger ok = new AtomicInteger();
    public final List<String> failures = new CopyOnWriteArrayList<>();
    public final Map<String, AtomicInteger> versions = new ConcurrentHashMap<>();
    public volatile String last;

    /** @param pause how long to wait between two requests */
    public VersionProbe(int port, Duration pause) {
        this.port = port;
        this.pauseMillis = pause.toMillis();
    }

    @Override
    public void run() {
        while (!stop.get()) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
                s.setSoTimeout(15000);
                OutputStream out = s.getOutputStream();
                out.write("GET /version HTTP/1.0\r\nHost: api\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                InputStream in = s.getInputStream();
                String answer = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                if (!answer.startsWith("HTTP/1.") || !answer.contains(" 200 ")) {
                    failures.add(answer.isEmpty() ? "(no answer)" : answer.lines().findFirst().orElse(""));
                } else {
                    String version = answer.substring(answer.indexOf("\r\n\r\n") + 4).strip();
                    versions.computeIfAbsent(version, k -> new AtomicInteger()).incrementAndGet();
                    last = version;
                    ok.incrementAndGet();
                }
            } catch (IOException e) {
                failures.add(e.toString());
            }
            try {
                Thread.sleep(pauseMillis);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /**
     * Waits for n more answers within the given time, and fails the test without them.
     *
     * @param forgiveStart before the first answer, connection failures (the proxy still starting) do not count
     */
    public void awaitAnswers(int n, Duration within, boolean forgiveStart) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        int target = ok.get() + n;
        boolean first = ok.get() == 0;
        while (ok.get() < target && System.nanoTime() < deadline) Thread.sleep(20);
        assertThat(ok.get()).as("answers through the proxy (failures: " + failures + ")").isGreaterThanOrEqualTo(target);
        if (forgiveStart && first) failures.clear();
    }
}
