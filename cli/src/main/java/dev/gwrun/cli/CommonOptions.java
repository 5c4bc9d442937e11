package dev.gwrun.cli;

import dev.gwrun.source.DiagnosticRenderer;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;

/**
 * What the commands share, as a picocli mixin: {@code --debug} (read by {@link ErrorHandler} too),
 * where the command writes, and how it shows diagnostics (in colour on a terminal).
 */
final class CommonOptions {
    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    @Option(names = "--debug", description = "Show stack traces of internal errors.")
    boolean debug;

    PrintWriter out() { return mixee.commandLine().getOut(); }

    PrintWriter err() { return mixee.commandLine().getErr(); }

    DiagnosticRenderer renderer() { return new DiagnosticRenderer(Terminal.detect().color()); }
}
