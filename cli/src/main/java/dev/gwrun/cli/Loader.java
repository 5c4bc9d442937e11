package dev.gwrun.cli;

import dev.gwrun.ast.Runbook;
import dev.gwrun.check.Checker;
import dev.gwrun.host.Registry;
import dev.gwrun.parse.ParseResult;
import dev.gwrun.parse.Parsing;
import dev.gwrun.source.Diagnostic;
import dev.gwrun.source.SourceFile;

import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads, parses and checks one runbook file; what `run` and `check` share. */
final class Loader {
    /** The runbook (null if it has errors) and every diagnostic; {@code readError} when the file could not be read. */
    record Loaded(Runbook runbook, List<Diagnostic> diagnostics, String readError) {
        boolean ok() {
            return readError == null && runbook != null && diagnostics.stream().noneMatch(Diagnostic::isError);
        }
    }

    private Loader() {}

    static Loaded load(String file, Registry registry) {
        Path path = Path.of(file);
        String text;
        try {
            text = Files.readString(path);
        } catch (NoSuchFileException e) {
            return new Loaded(null, List.of(), file + ": no such file");
        } catch (MalformedInputException e) {
            return new Loaded(null, List.of(), file + ": not a UTF-8 text file");
        } catch (IOException e) {
            return new Loaded(null, List.of(), file + ": cannot read: " + e.getMessage());
        }
        SourceFile source = new SourceFile(file, path, text);
        ParseResult<Runbook> parsed = Parsing.parseRunbook(source);
        StartupTrace.mark("parsed " + file);
        List<Diagnostic> diagnostics = new ArrayList<>(parsed.diagnostics());
        if (!parsed.ok()) return new Loaded(null, diagnostics, null);
        diagnostics.addAll(new Checker(registry).check(parsed.ast()));
        StartupTrace.mark("checked " + file);
        return new Loaded(parsed.ast(), diagnostics, null);
    }
}
