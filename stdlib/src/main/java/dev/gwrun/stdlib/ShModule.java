package dev.gwrun.stdlib;

import dev.gwrun.host.Args;
import dev.gwrun.host.CallContext;
import dev.gwrun.host.Effect;
import dev.gwrun.host.HostFunction;
import dev.gwrun.host.HostModule;
import dev.gwrun.host.ParamSpec;
import dev.gwrun.host.Signature;
import dev.gwrun.host.Type;
import dev.gwrun.runtime.Cancellation;
import dev.gwrun.runtime.Durations;
import dev.gwrun.runtime.GwrunError;
import dev.gwrun.runtime.HostObject;
import dev.gwrun.runtime.Raw;
import dev.gwrun.runtime.Template;
import dev.gwrun.runtime.Values;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The global function sh: runs a shell command, streams its output to the log, returns what it printed. */
final class ShModule implements HostModule {

    /** What sh() returns; the checker reads these fields, so {@code r.stdot} is caught before anything runs. */
    public static final Type RESULT_TYPE = Type.object("sh result", Map.of(
            "exit", Type.INT, "stdout", Type.STRING, "stderr", Type.STRING, "ok", Type.BOOL, "elapsed", Type.DURATION));

    private static final Signature SIGNATURE = new Signature("sh", List.of(
            ParamSpec.required("command", Type.STRING,
                    "the command, run by /bin/sh -c; each interpolated ${value} is shell-quoted and stays one argument (raw(x) opts out)"),
            ParamSpec.optional("check", Type.BOOL, "fail when the command exits non-zero (default true); false returns the result instead"),
            ParamSpec.optional("cwd", Type.STRING, "the working directory, relative to the runbook's (default: the runbook's directory)"),
            ParamSpec.optional("env", Type.MAP, "environment variables to add for the command"),
            ParamSpec.optional("timeout", Type.DURATION, "stop the command and fail when it runs longer than this"),
            ParamSpec.optional("stdin", Type.STRING, "text written to the command's standard input (default: none, closed at once)")),
            RESULT_TYPE, Effect.CHANGE,
            "Runs a shell command, showing its output as it arrives; returns its exit, stdout, stderr, ok and elapsed."
                    + " Fails on a non-zero exit unless check: false.");

    /** How long output may stay open after the command exits: a background job (cmd &) can hold it forever. */
    private static final Duration OUTPUT_GRACE = Duration.ofSeconds(1);
    private static final int STDERR_TAIL_LINES = 20;

    @Override public String name() { return ""; }

    @Override public String doc() { return "Shell commands."; }

    @Override public List<HostFunction> functions() { return List.of(HostFunction.of(SIGNATURE, ShModule::sh)); }

    private static Object sh(Args a, CallContext ctx) {
        Object commandArg = a.value("command");
        String command = commandArg instanceof Template t ? t.render(ShellQuote::quote) : a.string("command");
        // Values are quoted after masking them, so a secret with a ' in it is still masked where the command is shown.
        String shown = commandArg instanceof Template t ? t.render(v -> ShellQuote.quote(masked(v, ctx))) : command;
        boolean check = a.bool("check", true);
        Duration timeout = a.duration("timeout", null);
        if (timeout != null && (timeout.isZero() || timeout.isNegative())) {
            throw new GwrunError("type", "sh: timeout must be longer than 0s, got " + Durations.format(timeout));
        }
        ProcessBuilder builder = processBuilder(command, a, ctx);
        String stdin = a.has("stdin") ? a.string("stdin") : null;

        ctx.cancellation().check();
        ctx.log("$ " + shown);
        ShResult result = run(builder, stdin, timeout, shown, ctx);
        if (check && result.exit() != 0) {
            String tail = lastLines(result.stderr(), STDERR_TAIL_LINES);
            throw new GwrunError("sh", "command failed with exit " + result.exit() + ": " + shown + (tail.isEmpty() ? "" : "\n" + tail));
        }
        return result;
    }

    private static ProcessBuilder processBuilder(String command, Args a, CallContext ctx) {
        Path dir = ctx.directory();
        if (a.has("cwd")) {
            try {
                dir = dir.resolve(a.string("cwd"));
            } catch (InvalidPathException e) {
                throw new GwrunError("sh", "sh: cwd is not a valid path: " + e.getMessage());
            }
        }
        if (!Files.isDirectory(dir)) throw new GwrunError("sh", "sh: working directory " + dir + " does not exist");
        ProcessBuilder builder = new ProcessBuilder("/bin/sh", "-c", command).directory(dir.toFile());
        // Values from --env-file are part of the run's environment, for commands as for env().
        builder.environment().putAll(ctx.envOverrides());
        for (Map.Entry<String, Object> e : a.map("env").entrySet()) {
            try {
                if (e.getValue() == null) builder.environment().remove(e.getKey());
                else builder.environment().put(e.getKey(), Values.str(e.getValue()));
            } catch (IllegalArgumentException bad) {
                throw new GwrunError("type", "sh: env: " + bad.getMessage());
            }
        }
        return builder;
    }

    private static ShResult run(ProcessBuilder builder, String stdin, Duration timeout, String shown, CallContext ctx) {
        long started = System.nanoTime();
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new GwrunError("sh", "cannot run /bin/sh: " + e.getMessage());
        }
        Pump out = new Pump(process.getInputStream(), "stdout", ctx);
        Pump err = new Pump(process.getErrorStream(), "stderr", ctx);
        feed(process.getOutputStream(), stdin);
        boolean timedOut;
        try (Cancellation.Registration ignored = ctx.cancellation().onCancel(() -> killTree(process))) {
            timedOut = !awaitExit(process, timeout);
        } catch (InterruptedException e) {
            killTree(process);
            Thread.currentThread().interrupt();
            throw new GwrunError("interrupted", "interrupted while running: " + shown);
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
        long deadline = System.nanoTime() + OUTPUT_GRACE.toNanos();
        String stdout = out.finish(deadline), stderr = err.finish(deadline);
        if (out.detached() || err.detached()) {
            ctx.log("note: the command exited, but something it started in the background still holds its output; later output is not shown");
        }
        ctx.cancellation().check();
        if (timedOut) throw new GwrunError("timeout", "command timed out after " + Durations.format(timeout) + ": " + shown);
        return new ShResult(process.exitValue(), stdout, stderr, elapsed);
    }

    /** Waits for the process; false when it ran past the timeout (it is killed then). */
    private static boolean awaitExit(Process process, Duration timeout) throws InterruptedException {
        if (timeout == null) {
            process.waitFor();
            return true;
        }
        if (process.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS)) return true;
        killTree(process);
        process.waitFor();
        return false;
    }

    /** Descendants first: once the shell dies its children are re-parented and can no longer be found from it. */
    private static void killTree(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    /** Writes stdin on its own thread, so a command that never reads it cannot block the timeout or cancellation. */
    private static void feed(OutputStream in, String stdin) {
        if (stdin == null) {
            closeQuietly(in);
            return;
        }
        Thread writer = new Thread(() -> {
            try (in) {
                in.write(stdin.getBytes(StandardCharsets.UTF_8));
            } catch (IOException ignored) {
                // The command exited or closed its input without reading it all, as `true` or `head -1` do.
            }
        }, "sh-stdin");
        writer.setDaemon(true);
        writer.start();
    }

    private static void closeQuietly(OutputStream in) {
        try {
            in.close();
        } catch (IOException ignored) {
            // Nothing was written; a pipe that is already gone needs no closing.
        }
    }

    private static Object masked(Object value, CallContext ctx) {
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            for (Object o : list) out.add(masked(o, ctx));
            return out;
        }
        if (value instanceof CharSequence cs && !(value instanceof Raw)) return ctx.mask(cs.toString());
        return value;
    }

    static String lastLines(String text, int n) {
        if (text.isEmpty()) return "";
        String[] lines = text.split("\r?\n", -1);
        return String.join("\n", Arrays.copyOfRange(lines, Math.max(0, lines.length - n), lines.length));
    }

    /** The longest line logged as one; longer ones are logged in pieces of this length. */
    static final int MAX_LINE = 64 << 10;

    /**
     * Reads one output stream on its own thread: each line goes to the log as it arrives, the text to
     * the result (within {@link OutputCapture}'s bound).
     */
    private static final class Pump implements Runnable {
        private final Reader in;
        private final String stream;
        private final CallContext ctx;
        private final OutputCapture text = new OutputCapture();
        private final Thread thread;
        private volatile boolean detached;

        Pump(InputStream in, String stream, CallContext ctx) {
            this.in = new InputStreamReader(in, StandardCharsets.UTF_8);
            this.stream = stream;
            this.ctx = ctx;
            this.thread = new Thread(this, "sh-" + stream);
            thread.setDaemon(true);
            thread.start();
        }

        @Override
        public void run() {
            char[] buffer = new char[8192];
            StringBuilder line = new StringBuilder();
            try {
                for (int n; (n = in.read(buffer)) != -1; ) {
                    // Once detached the pump keeps draining, so a background job never blocks on a full pipe.
                    if (detached) continue;
                    text.append(buffer, 0, n);
                    for (int i = 0; i < n; i++) {
                        if (buffer[i] == '\n') {
                            emit(line);
                            line.setLength(0);
                        } else {
                            line.append(buffer[i]);
                            // Output with no line breaks (a binary, a minified file) is logged in pieces.
                            if (line.length() >= MAX_LINE) {
                                emit(line);
                                line.setLength(0);
                            }
                        }
                    }
                }
                if (line.length() > 0) emit(line);
            } catch (IOException ignored) {
                // The pipe broke as the process was killed; what was read so far is the output.
            }
        }

        private void emit(StringBuilder line) {
            int end = line.length();
            if (end > 0 && line.charAt(end - 1) == '\r') end--;
            if (!detached) ctx.output(stream, line.substring(0, end));
        }

        /** The text read, without one trailing newline; stops waiting for more at the deadline. */
        String finish(long deadlineNanos) {
            try {
                long left = deadlineNanos - System.nanoTime();
                if (left > 0) thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (thread.isAlive()) detached = true;
            String all = text.text();
            if (all.endsWith("\r\n")) return all.substring(0, all.length() - 2);
            if (all.endsWith("\n")) return all.substring(0, all.length() - 1);
            return all;
        }

        boolean detached() { return detached; }
    }

    /** The outcome of one command: what sh() returns. */
    record ShResult(long exit, String stdout, String stderr, Duration elapsed) implements HostObject {
        private static final List<String> FIELDS = List.of("exit", "stdout", "stderr", "ok", "elapsed");
        private static final int DESCRIBE_LIMIT = 200;

        @Override public String typeName() { return RESULT_TYPE.name(); }

        @Override public List<String> fieldNames() { return FIELDS; }

        @Override
        public Object field(String name) {
            return switch (name) {
                case "exit" -> exit;
                case "stdout" -> stdout;
                case "stderr" -> stderr;
                case "ok" -> exit == 0;
                case "elapsed" -> elapsed;
                default -> throw new IllegalArgumentException("sh result has no field " + name);
            };
        }

        /** {@code exit 1: <the last line of stderr, or else of stdout>}, for logs and wait reports. */
        @Override
        public String describe() {
            String line = lastLines(stderr.strip(), 1).strip();
            if (line.isEmpty()) line = lastLines(stdout.strip(), 1).strip();
            if (line.length() > DESCRIBE_LIMIT) line = line.substring(0, DESCRIBE_LIMIT - 1) + "…";
            return "exit " + exit + (line.isEmpty() ? "" : ": " + line);
        }
    }
}
