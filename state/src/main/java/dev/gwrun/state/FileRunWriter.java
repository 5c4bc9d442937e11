package dev.gwrun.state;

import dev.gwrun.engine.Event;
import dev.gwrun.runtime.Json;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A run's events as JSON Lines, appended with one unbuffered write each (so a killed gwrun loses
 * nothing already emitted) and fsynced when a step or the run ends (so a machine crash does not lose
 * which steps succeeded and what they bound). bench/record-bench.sh shows what the fsyncs cost.
 */
final class FileRunWriter implements RunWriter {
    private final Path file;
    private FileChannel channel;
    private String problem;

    FileRunWriter(Path file) throws IOException {
        this.file = file;
        this.channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
    }

    @Override
    public synchronized void accept(Event e) {
        if (channel == null) return;
        try {
            ByteBuffer b = ByteBuffer.wrap((Json.write(EventJson.of(e)) + "\n").getBytes(StandardCharsets.UTF_8));
            while (b.hasRemaining()) channel.write(b);
            if (durable(e)) channel.force(false);
        } catch (IOException | RuntimeException ex) {
            problem = "cannot write the run record " + file + ": " + ex.getMessage();
            close();
        }
    }

    /**
     * One fsync per step: at its StepFinished, which directly follows its StepValues. A crash between
     * the two loses the step's success, so resume runs it again: the safe direction.
     */
    static boolean durable(Event e) {
        return e instanceof Event.RunStarted || e instanceof Event.StepFinished || e instanceof Event.RunFinished;
    }

    @Override
    public synchronized String problem() { return problem; }

    @Override
    public synchronized void close() {
        if (channel == null) return;
        try {
            channel.force(false);
            channel.close();
        } catch (IOException ignored) {
            // Every event was already written; a failed final fsync cannot be helped here.
        }
        channel = null;
    }
}
