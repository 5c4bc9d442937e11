package dev.gwrun.cli;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real bin/gwrun repl on a real pseudo-terminal (util-linux script): Ctrl-C reaches it as
 * SIGINT from the tty, and a session whose terminal is killed leaves its timeline complete on disk.
 */
class ReplProcessIT {
    @TempDir
    Path dir;

    @BeforeEach
    void needsScript() {
        boolean present = Files.isExecutable(Path.of("/usr/bin/script")) || Files.isExecutable(Path.of("/bin/script"));
        if (!present) System.err.println("ReplProcessIT skipped: util-linux 'script' is not installed, so there is no pseudo-terminal to drive");
        Assumptions.assumeTrue(present, "util-linux 'script' is needed for a pseudo-terminal");
    }

    /** bin/gwrun repl under script: what it shows, and a way to type into it. */
    private final class Session implements AutoCloseable {
        final Process process;
        final OutputStream keys;
        final ByteArrayOutputStream shown = new ByteArrayOutputStream();

        Session() throws IOException {
            String cmd = GwrunProcessIT.GWRUN + " repl";
            ProcessBuilder pb = new ProcessBuilder("script", "-qfec", cmd, "/dev/null").directory(dir.toFile()).redirectErrorStream(true);
            pb.environment().put("GWRUN_HOME", dir.resolve("home").toString());
            pb.environment().put("TERM", "xterm");
            pb.environment().put("NO_COLOR", "1");
            process = pb.start();
            keys = process.getOutputStream();
            Thread reader = new Thread(() -> {
                try (InputStream in = process.getInputStream()) {
                    byte[] buf = new byte[4096];
                    for (int n; (n = in.read(buf)) > 0; ) {
                        synchronized (shown) {
                            shown.write(buf, 0, n);
                        }
                    }
                } catch (IOException ignored) {
                    // the process ended
                }
            });
            reader.setDaemon(true);
            reader.start();
        }

        String screen() {
            synchronized (shown) {
                return ReplDriver.strip(shown.toString(StandardCharsets.UTF_8));
            }
        }

        int mark() { return screen().length(); }

        String await(String text, int from) throws InterruptedException {
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < deadline) {
                String s = screen();
                if (s.indexOf(text, Math.min(from, s.length())) >= 0) return s;
                Thread.sleep(10);
            }
            throw new AssertionError("timed out waiting for '" + text + "'; the screen shows:\n" + screen());
        }

        void type(String text) throws IOException {
            keys.write(text.getBytes(StandardCharsets.UTF_8));
            keys.flush();
        }

        /** SIGKILL to script, as when a terminal window is killed: its pty closes under gwrun, which must not lose the timeline. */
        void kill() throws Exception {
            List<ProcessHandle> gwrun = process.descendants().toList();
            process.destroyForcibly();
            process.waitFor();
            for (ProcessHandle h : gwrun) h.onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
        }

        @Override
        public void close() throws Exception {
            if (process.isAlive()) kill();
        }
    }

    private Path timeline() throws IOException {
        try (Stream<Path> files = Files.list(dir.resolve(".gwrun").resolve("incidents"))) {
            return files.findFirst().orElseThrow();
        }
    }

    @Test
    void ctrlCFromTheTtyStopsAWaitAndAKilledTerminalLeavesTheTimeline() throws Exception {
        try (Session s = new Session()) {
            s.await("gwrun> ", 0);
            int m = s.mark();
            s.type("let service = \"api\"\r");
            s.type("\"checking ${service}\"\r");
            s.await("checking api", m);
            m = s.mark();
            s.type("wait until false every 200ms timeout 10m\r");
            s.await("waiting until false", m);
            Thread.sleep(400);
            long pressed = System.nanoTime();
            s.type("\u0003");
            s.await("interrupted", m);
            long tookMs = (System.nanoTime() - pressed) / 1_000_000;
            assertThat(tookMs).as("Ctrl-C to 'interrupted' through a real tty").isLessThan(1000);
            m = s.mark();
            s.type(":note api restarted by hand\r");
            s.await("noted in", m);
            m = s.mark();
            s.type("wait until false every 1s timeout 10m\r");
            s.await("waiting until false", m);
            s.kill();
        }
        String t = Files.readString(timeline());
        assertThat(t).contains("let service = \"api\"", "checking api", "⏹ interrupted after", "> api restarted by hand");
        assertThat(t).endsWith("```gwrun\nwait until false every 1s timeout 10m\n```\n");
        String history = Files.readString(dir.resolve("home").resolve("history"));
        assertThat(history).contains("let service = \"api\"", ":note api restarted by hand");
    }
}
