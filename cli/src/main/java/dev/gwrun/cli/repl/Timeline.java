package dev.gwrun.cli.repl;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.function.UnaryOperator;

/**
 * The incident timeline: a Markdown file under {@code .gwrun/incidents/} that gets every input
 * as it starts, its outcome and duration when it ends, and {@code :note} entries, each with a UTC
 * time. Each entry is appended and forced to disk at once, so a crash or a killed terminal loses
 * nothing; an input that never finished shows as started with no outcome. Secrets are masked.
 */
final class Timeline implements AutoCloseable {
    private static final DateTimeFormatter FILE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH-mm-ss'Z'").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss'Z'").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    private final Path file;
    private final FileChannel channel;
    private final Clock clock;
    private final UnaryOperator<String> mask;

    private Timeline(Path file, FileChannel channel, Clock clock, UnaryOperator<String> mask) {
        this.file = file;
        this.channel = channel;
        this.clock = clock;
        this.mask = mask;
    }

    /** Starts a new timeline file in {@code dir} named after the UTC start time. */
    static Timeline start(Path dir, Clock clock, UnaryOperator<String> mask, String context) throws IOException {
        Files.createDirectories(dir);
        Instant now = clock.instant();
        String base = FILE.format(now);
        for (int n = 1; ; n++) {
            Path f = dir.resolve(base + (n == 1 ? "" : "-" + n) + ".md");
            try {
                FileChannel ch = FileChannel.open(f, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
                Timeline t = new Timeline(f, ch, clock, mask);
                t.append("# Incident timeline " + DAY.format(now) + "\n\n" + context + "\n");
                return t;
            } catch (FileAlreadyExistsException taken) {
                // another session started in the same second: take the next name
            }
        }
    }

    Path file() { return file; }

    /** An input as it starts: written before it runs, so it is on record even if gwrun dies running it. */
    void input(String text) {
        append("\n## " + TIME.format(clock.instant()) + "\n\n```gwrun\n" + text.stripTrailing() + "\n```\n");
    }

    /** How the input ended: "ok", "error", "interrupted", with what it printed (first lines) and how long it took. */
    void outcome(String status, String shown, Duration took) {
        StringBuilder b = new StringBuilder("\n").append(symbol(status)).append(' ').append(status)
                .append(" after ").append(millis(took)).append(" (").append(TIME.format(clock.instant())).append(")\n");
        if (shown != null && !shown.isBlank()) {
            String[] lines = shown.stripTrailing().split("\n", -1);
            int keep = Math.min(lines.length, 20);
            b.append("\n```text\n");
            for (int i = 0; i < keep; i++) b.append(lines[i]).append('\n');
            if (lines.length > keep) b.append("… ").append(lines.length - keep).append(" more lines\n");
            b.append("```\n");
        }
        append(b.toString());
    }

    void note(String text) {
        append("\n## " + TIME.format(clock.instant()) + " — note\n\n> " + text.strip().replace("\n", "\n> ") + "\n");
    }

    private static String symbol(String status) {
        return switch (status) {
            case "ok" -> "✔";
            case "interrupted" -> "⏹";
            default -> "✖";
        };
    }

    private static String millis(Duration d) {
        long ms = d.toMillis();
        return ms < 1000 ? ms + "ms" : String.format("%.2fs", ms / 1000.0);
    }

    private synchronized void append(String text) {
        try {
            ByteBuffer buf = ByteBuffer.wrap(mask.apply(text).getBytes(StandardCharsets.UTF_8));
            while (buf.hasRemaining()) channel.write(buf);
            channel.force(false);
        } catch (IOException e) {
            // The shell must keep working when the disk is full; the failure is shown once at close.
            failed = e;
        }
    }

    private IOException failed;

    /** The first write that failed, or null. */
    IOException failure() { return failed; }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException ignored) {
            // nothing left to write
        }
    }
}
