package dev.gwrun.cli.report;

import dev.gwrun.cli.Main;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Runs the real command line in process, as the other cli tests do. */
final class Gwrun {
    record Result(int exit, String out, String err) {
        String all() { return out + err; }
    }

    private Gwrun() {}

    static Result run(String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        int exit = Main.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(exit, out.toString(), err.toString());
    }

    /** Writes {@code source} to {@code dir/name} and runs it with the extra arguments. */
    static Result runbook(Path dir, String name, String source, String... extra) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, source);
        List<String> args = new ArrayList<>(List.of("run", file.toString()));
        args.addAll(List.of(extra));
        return run(args.toArray(new String[0]));
    }

    /** An --env-file with these KEY=VALUE lines. */
    static Path envFile(Path dir, String... lines) throws IOException {
        Path f = dir.resolve("ci.env");
        Files.writeString(f, String.join("\n", lines) + "\n");
        return f;
    }
}
