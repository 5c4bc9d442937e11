package dev.gwrun.cli.repl;

import dev.gwrun.ast.Runbook;
import dev.gwrun.source.Diagnostic;

import java.util.List;

/** Reads, parses and checks a runbook file for {@code :load} (the CLI's own loader, so all commands agree). */
@FunctionalInterface
public interface RunbookLoader {
    /** The runbook (null when it has errors), every diagnostic, or why the file could not be read. */
    record Loaded(Runbook runbook, List<Diagnostic> diagnostics, String readError) {}

    Loaded load(String file);
}
