package dev.gwrun.stdlib.backup;

import dev.gwrun.host.CallContext;
import dev.gwrun.runtime.Cancellation;
import dev.gwrun.runtime.GwrunError;
import dev.gwrun.stdlib.postgres.PgUrl;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One PostgreSQL client program (pg_dump, pg_restore, psql) run for a call: found on PATH or where the
 * runbook says, the connection given through the libpq environment (PGPASSWORD, never the command
 * line), killed when the step is cancelled, its stderr kept for the one-line error.
 */
final class PgTool {
    private final String function;
    private final Path program;

    private PgTool(String function, Path program) {
        this.function = function;
        this.program = program;
    }

    /** {@code given} (a path) or the program of that name on PATH. */
    static PgTool find(String function, String name, String given, CallContext ctx) {
        if (given != null) {
            Path p = ctx.directory().resolve(given);
            if (!Files.isExecutable(p)) throw new GwrunError("backup", function + ": " + name + " " + p + " is not an executable file");
            return new PgTool(function, p);
        }
        String path = ctx.env("PATH") != null ? ctx.env("PATH") : System.getenv("PATH");
        if (path != null) {
            for (String dir : path.split(File.pathSeparator)) {
                if (dir.isEmpty()) continue;
                Path p = Path.of(dir, name);
                if (Files.isExecutable(p)) return new PgTool(function, p);
            }
        }
        throw new GwrunError("backup", function + ": " + name + " is not on PATH; install the PostgreSQL client (Debian: postgresql-client)"
                + " or give its path with " + name.replace('-', '_') + ":");
    }

    Path program() { return program; }

    /** What a finished run gave back. */
    record Outcome(int exit, String stdout, String stderr) {}

    /** Output consumer for programs whose stdout is the product (pg_dump). */
    interface Sink {
        void accept(InputStream stdout) throws IOException;
    }

    /** Input producer for programs that read the product from stdin (pg_restore); it closes stdin when done. */
    interface Feed {
        void feed(java.io.OutputStream stdin) throws IOException;
    }

    Outcome run(List<String> args, PgUrl url, CallContext ctx, Sink sink) {
        return run(args, url, ctx, sink, null);
    }

    Outcome run(List<String> args, PgUrl url, CallContext ctx, Sink sink, Feed feed) {
        List<String> command = new ArrayList<>();
        command.add(program.toString());
        command.addAll(args);
        ProcessBuilder b = new ProcessBuilder(command).directory(ctx.directory().toFile());
        Map<String, String> env = b.environment();
        env.putAll(ctx.envOverrides());
        // A PGPASSFILE or service file of the user's must not pick a different server than the URL names.
        env.remove("PGSERVICE");
        if (url != null) env.putAll(url.libpqEnvironment());
        ctx.cancellation().check();
        Process p;
        try {
            p = b.start();
        } catch (IOException e) {
            throw new GwrunError("backup", function + ": cannot run " + program + ": " + e.getMessage());
        }
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Thread errPump = pump(p.getErrorStream(), err);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (Cancellation.Registration ignored = ctx.cancellation().onCancel(p::destroyForcibly)) {
            IOException sinkFailure = null;
            if (feed != null) {
                Thread outPump = pump(p.getInputStream(), out);
                try {
                    feed.feed(p.getOutputStream());
                } catch (IOException e) {
                    // The feed refused to finish (its caller asks it why): stop the program before it can commit anything.
                    p.destroyForcibly();
                }
                outPump.join();
            } else if (sink != null) {
                p.getOutputStream().close();
                try {
                    sink.accept(p.getInputStream());
                } catch (IOException e) {
                    sinkFailure = e;
                    p.destroyForcibly();
                }
            } else {
                p.getOutputStream().close();
                p.getInputStream().transferTo(out);
            }
            int exit = p.waitFor();
            errPump.join();
            ctx.cancellation().check();
            if (sinkFailure != null) throw new GwrunError("backup", ctx.mask(function + ": " + sinkFailure.getMessage()));
            return new Outcome(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new GwrunError("interrupted", function + ": interrupted while running " + program.getFileName());
        } catch (IOException e) {
            p.destroyForcibly();
            ctx.cancellation().check();
            throw new GwrunError("backup", ctx.mask(function + ": " + program.getFileName() + ": " + e.getMessage()));
        }
    }

    /** The first line of a client program's error, without its "pg_dump: error: " prefix. */
    static String firstError(String stderr) {
        for (String line : stderr.split("\\R")) {
            String l = line.strip();
            if (l.isEmpty()) continue;
            return l.replaceFirst("^(pg_dump|pg_restore|psql): (error: )?", "").replaceAll("\\s+", " ");
        }
        return "no error message";
    }

    private static Thread pump(InputStream in, ByteArrayOutputStream to) {
        Thread t = new Thread(() -> {
            try (in) {
                in.transferTo(to);
            } catch (IOException ignored) {
                // The process was killed; what arrived is what there is.
            }
        }, "pg-stderr");
        t.setDaemon(true);
        t.start();
        return t;
    }
}
