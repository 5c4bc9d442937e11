package dev.gwrun.cli;

import dev.gwrun.source.Diagnostic;
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

    /** Set when a command runs without picocli's model ({@link PlainCheck}, {@link PlainRun}, {@link PlainComposeConfig}); null otherwise. */
    private PrintWriter out, err;

    CommonOptions() {}

    /** The options' defaults, writing to the given streams: for a command run without picocli's model. */
    CommonOptions(PrintWriter out, PrintWriter err) {
        this.out = out;
        this.err = err;
    }

    PrintWriter out() { return out != null ? out : mixee.commandLine().getOut(); }

    PrintWriter err() { return err != null ? err : mixee.commandLine().getErr(); }

    DiagnosticRenderer renderer() { return new DiagnosticRenderer(Terminal.detect().color()); }

    /**
     * For a command that needs a valid runbook: false when it loaded without errors; else true after printing
     * why to standard error (the read error, or each error diagnostic), the command then choosing its exit.
     */
    boolean reportInvalid(Loader.Loaded loaded) {
        if (loaded.ok()) return false;
        PrintWriter err = err();
        if (loaded.readError() != null) {
            err.println("gwrun: " + loaded.readError());
        } else {
            DiagnosticRenderer renderer = renderer();
            for (Diagnostic d : loaded.diagnostics()) if (d.isError()) err.print(renderer.render(d));
        }
        return true;
    }
}
