package dev.gwrun.cli;

import picocli.CommandLine;

import java.io.PrintWriter;

/** A bug in gwrun must not greet users with a stack trace: one line, and the trace only with --debug. */
final class ErrorHandler implements CommandLine.IExecutionExceptionHandler {
    @Override
    public int handleExecutionException(Exception ex, CommandLine cmd, CommandLine.ParseResult parsed) {
        boolean debug = false;
        // gwrun compose config --debug: the option belongs to the innermost subcommand.
        for (CommandLine.ParseResult p = parsed; p != null; p = p.subcommand()) debug |= p.hasMatchedOption("--debug");
        return report(ex, cmd.getErr(), debug);
    }

    /** The one line (and with --debug the stack trace) of an internal error; returns its exit code. */
    static int report(Exception ex, PrintWriter err, boolean debug) {
        err.println("gwrun: internal error: " + ex + (debug ? "" : " (rerun with --debug to see where)"));
        if (debug) ex.printStackTrace(err);
        err.flush();
        return ExitCodes.INTERNAL;
    }
}
