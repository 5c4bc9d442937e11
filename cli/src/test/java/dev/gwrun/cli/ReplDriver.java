package dev.gwrun.cli;

import dev.gwrun.cli.repl.Repl;
import dev.gwrun.host.Registry;
import org.jline.terminal.Size;
import org.jline.terminal.Terminal;
import org.jline.terminal.impl.ExternalTerminal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Drives {@code gwrun repl} in process through a real JLine terminal over piped streams: keys go
 * in as bytes (Ctrl-C is byte 3, raised as SIGINT by JLine's line discipline, as a tty would), and
 * what the terminal shows comes back as text without colour codes.
 */
final class ReplDriver implements AutoCloseable {
    final Path home;
    final Path incidents;
    private final PipedOutputStream keys = new PipedOutputStream();
    private final Screen screen = new Screen();
    private final Terminal terminal;
    private final Thread thread;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private volatile Integer exit;

    ReplDriver(Path dir, Registry registry, Map<String, String> env, String file, boolean step, Map<String, String> params) throws IOException {
        this.home = dir.resolve("home");
        this.incidents = dir.resolve("incidents");
        PipedInputStream in = new PipedInputStream(keys, 1 << 16);
        // JLine's own line discipline over the streams (TerminalBuilder would put a pty in between,
        // whose SIGINT goes to a process group that is not this JVM): Ctrl-C raises INT as a tty does.
        terminal = new ExternalTerminal("gwrun-test", "xterm", in, screen, StandardCharsets.UTF_8);
        terminal.setSize(new Size(200, 60));
        ReplCommand command = new ReplCommand();
        command.file = file;
        command.step = step;
        command.params = new LinkedHashMap<>(params);
        Repl repl = new Repl(command.config(terminal, registry, env, home, incidents));
        thread = new Thread(() -> {
            try {
                exit = repl.run();
            } catch (Throwable t) {
                failure.set(t);
            }
        }, "repl-under-test");
        thread.setDaemon(true);
        thread.start();
    }

    /** Types text; "\n" is Enter. */
    ReplDriver type(String text) throws IOException {
        keys.write(text.getBytes(StandardCharsets.UTF_8));
        keys.flush();
        return this;
    }

    ReplDriver line(String text) throws IOException {
        return type(text + "\r");
    }

    /** Everything shown so far, colour codes removed. */
    String screen() {
        return strip(screen.text());
    }

    /** Waits until the screen shows {@code text} after the given mark; returns the screen. */
    String await(String text, int fromMark, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            String s = screen();
            if (s.indexOf(text, Math.min(fromMark, s.length())) >= 0) return s;
            if (failure.get() != null) throw new AssertionError("the repl failed", failure.get());
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new AssertionError("timed out waiting for '" + text + "'; the screen shows:\n" + screen().substring(Math.min(fromMark, screen().length())));
    }

    String await(String text) {
        return await(text, 0, Duration.ofSeconds(20));
    }

    /**
     * Waits until the shell waits at an empty prompt. JLine enters raw mode before it draws the
     * prompt; a key sent before that meets the terminal's line discipline instead, as on a tty.
     */
    void awaitPrompt() {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!screen().endsWith("gwrun> ")) {
            if (System.nanoTime() > deadline) throw new AssertionError("no prompt; the screen shows:\n" + screen());
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /**
     * Enters a line and waits until what the shell shows after it holds {@code text}; returns what it
     * showed from the line on.
     */
    String enter(String line, String text, Duration timeout) throws IOException {
        int from = mark();
        line(line);
        return await(text, from, timeout).substring(from);
    }

    /**
     * Types {@code text} (no Enter) and, once the line shows {@code echoed} (JLine completes only what it has
     * read), presses Tab; waits until the shell shows {@code until} and returns what it showed from the text on.
     */
    String tab(String text, String echoed, String until, Duration timeout) throws IOException {
        int from = mark();
        type(text);
        await(echoed, from, timeout);
        type("\t");
        return await(until, from, timeout).substring(from);
    }

    /** Ctrl-C while typing: drops the line, and waits for the empty prompt. */
    void dropLine() throws IOException {
        type("\u0003");
        awaitPrompt();
    }

    /** A position in the screen text; await(…, mark) looks only at what came after it. */
    int mark() { return screen().length(); }

    /** Sends Ctrl-D and waits for the shell to end; returns its exit code. */
    int quit() throws Exception {
        awaitPrompt();
        type("\u0004");
        thread.join(10_000);
        if (failure.get() != null) throw new AssertionError("the repl failed", failure.get());
        if (exit == null) throw new AssertionError("the repl did not end on Ctrl-D; screen:\n" + screen());
        return exit;
    }

    @Override
    public void close() throws IOException {
        if (thread.isAlive()) type("\u0004");
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        terminal.close();
    }

    static String strip(String s) {
        return s.replaceAll("\u001b\\[[0-9;?]*[A-Za-z]", "").replaceAll("\u001b[=>]", "").replace("\r", "");
    }

    /** The terminal's output: bytes collected thread-safely. */
    private static final class Screen extends OutputStream {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        @Override public synchronized void write(int b) { bytes.write(b); }

        @Override public synchronized void write(byte[] b, int off, int len) { bytes.write(b, off, len); }

        synchronized String text() { return bytes.toString(StandardCharsets.UTF_8); }
    }
}
