package dev.gwrun.stdlib;

import dev.gwrun.host.CallContext;
import dev.gwrun.runtime.Cancellation;
import dev.gwrun.source.Span;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** A CallContext for host-function tests: a cancellation the test controls, and every line it was given, masked. */
public final class TestCallContext implements CallContext {
    /** One line given to log() (stream "log") or output() ("stdout", "stderr"), with when it arrived. */
    public record Line(String stream, String text, long nanos) {}

    private final Cancellation cancellation = new Cancellation();
    private final List<Line> lines = new CopyOnWriteArrayList<>();
    private final List<String> secrets = new CopyOnWriteArrayList<>();
    private final Map<String, String> env;
    private final Path directory;

    public TestCallContext(Path directory, Map<String, String> env) {
        this.directory = directory;
        this.env = env;
    }

    public TestCallContext(Path directory) {
        this(directory, Map.of());
    }

    public List<Line> lines() { return List.copyOf(lines); }

    /** The texts of the lines given on one stream, in order. */
    public List<String> lines(String stream) {
        return lines.stream().filter(l -> l.stream().equals(stream)).map(Line::text).toList();
    }

    @Override public Cancellation cancellation() { return cancellation; }

    @Override public void log(String line) { lines.add(new Line("log", mask(line), System.nanoTime())); }

    @Override public void output(String stream, String line) { lines.add(new Line(stream, mask(line), System.nanoTime())); }

    @Override public String env(String name) { return env.get(name); }

    @Override public void registerSecret(String value) { secrets.add(value); }

    @Override
    public String mask(String text) {
        String out = text;
        for (String s : secrets) out = out.replace(s, "***");
        return out;
    }

    @Override public Path directory() { return directory; }

    @Override public Span callSite() { return null; }
}
