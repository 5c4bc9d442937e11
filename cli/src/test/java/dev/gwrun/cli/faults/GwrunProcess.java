package dev.gwrun.cli.faults;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real bin/gwrun as a process of its own, so a fault can be injected from outside it (a signal,
 * a killed daemon) while it runs: start it, wait for a line, do the damage, collect the outcome.
 * bin/gwrun execs java, so the process started is the JVM itself and a signal reaches gwrun.
 */
public final class GwrunProcess {
    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    static final Path GWRUN = ROOT.resolve("bin/gwrun");

    public record Outcome(int exit, String out, String err, long millis) {
        public String all() { return out + err; }
    }

    private final Path dir;
    private final String name;
    private final Process process;
    private final long started = System.nanoTime();

    private GwrunProcess(Path dir, String name, Process process) {
        this.dir = dir;
        this.name = name;
        this.process = process;
    }

    /** Starts {@code gwrun args…} in {@code dir}, its output in {@code dir/name.out} and {@code .err}. */
    public static GwrunProcess start(Path dir, String name, Map<String, String> env, String... args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(GWRUN.toString());
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile());
        pb.environment().putAll(env);
        pb.redirectOutput(dir.resolve(name + ".out").toFile()).redirectError(dir.resolve(name + ".err").toFile());
        return new GwrunProcess(dir, name, pb.start());
    }

    public static Outcome run(Path dir, String name, Map<String, String> env, String... args) throws Exception {
        return start(dir, name, env, args).finish(180);
    }

    public long pid() { return process.pid(); }

    public String out() throws IOException {
        Path f = dir.resolve(name + ".out");
        return Files.exists(f) ? Files.readString(f) : "";
    }

    /** Waits until standard output holds {@code text}; fails with what it printed after {@code seconds}. */
    public void await(String text, int seconds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            if (out().contains(text)) return;
            if (!process.isAlive()) break;
            Thread.sleep(50);
        }
        throw new AssertionError(name + " never printed '" + text + "':\n" + out() + Files.readString(dir.resolve(name + ".err")));
    }

    public void signal(String signal) throws Exception {
        assertThat(new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).start().waitFor()).isZero();
    }

    public Outcome finish(int seconds) throws Exception {
        boolean ended = process.waitFor(seconds, TimeUnit.SECONDS);
        if (!ended) process.destroyForcibly().waitFor();
        Outcome o = new Outcome(process.exitValue(), out(), Files.readString(dir.resolve(name + ".err")),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        assertThat(ended).as(name + " ends within " + seconds + "s:\n" + o.all()).isTrue();
        return o;
    }
}
