package dev.gwrun.check;

import dev.gwrun.ast.Runbook;
import dev.gwrun.host.Registry;
import dev.gwrun.parse.ParseResult;
import dev.gwrun.parse.Parsing;
import dev.gwrun.runtime.GwrunError;
import dev.gwrun.source.Diagnostic;
import dev.gwrun.source.SourceFile;
import dev.gwrun.source.Span;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The one loader of the runbook a {@code run "…"} names, below the checker's, the planner's and
 * the engine's use of it, so all three say the same when it is missing, unreadable or wrong.
 * Problems are GwrunErrors of kind "run" at the {@code run} statement's span.
 */
public final class SubRunbooks {
    private SubRunbooks() {}

    /** Reads and parses the file; {@code shownAs} is how messages name it. */
    public static Runbook parse(Path file, String shownAs, Span at) {
        return parse(read(file, shownAs, at), at);
    }

    /** Reads the file, named {@code shownAs} in its spans and in messages. */
    public static SourceFile read(Path file, String shownAs, Span at) {
        if (!Files.isRegularFile(file)) throw new GwrunError("run", "cannot find runbook '" + shownAs + "' (looked for " + file + ")", at);
        try {
            return new SourceFile(shownAs, file, Files.readString(file));
        } catch (IOException e) {
            throw new GwrunError("run", "cannot read runbook '" + shownAs + "': " + e.getMessage(), at);
        }
    }

    /** Parses the text of a file {@link #read} has read. */
    public static Runbook parse(SourceFile source, Span at) {
        ParseResult<Runbook> parsed = Parsing.parseRunbook(source);
        refuseErrors(source.name(), parsed.diagnostics(), at);
        return parsed.ast();
    }

    /** Parses and checks it, for the engine and plan: a runbook that does not check is not run. */
    public static Runbook load(Path file, String shownAs, Span at, Registry registry) {
        return load(read(file, shownAs, at), at, registry);
    }

    /** Parses and checks the text of a file {@link #read} has read. */
    public static Runbook load(SourceFile source, Span at, Registry registry) {
        Runbook rb = parse(source, at);
        refuseErrors(source.name(), new Checker(registry).check(rb), at);
        return rb;
    }

    /** Throws when any of the diagnostics is an error. */
    private static void refuseErrors(String shownAs, List<Diagnostic> diagnostics, Span at) {
        String errors = errors(shownAs, diagnostics);
        if (errors != null) throw new GwrunError("run", errors, at);
    }

    /** What is wrong with the runbook, naming its first error and how many more there are; null when nothing is. */
    static String errors(String shownAs, List<Diagnostic> diagnostics) {
        List<Diagnostic> errors = diagnostics.stream().filter(Diagnostic::isError).toList();
        if (errors.isEmpty()) return null;
        return "runbook '" + shownAs + "' has errors: " + errors.get(0).headline()
                + (errors.size() > 1 ? " (and " + (errors.size() - 1) + " more)" : "");
    }
}
