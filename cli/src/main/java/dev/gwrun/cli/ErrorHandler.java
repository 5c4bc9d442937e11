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

    /**
     * Runs a command bound without picocli's model (PlainCheck, PlainRun, PlainComposeConfig) as picocli's
     * execute would with this handler: an internal error is one line, there being no --debug on such a line.
     */
    static int callPlain(java.util.concurrent.Callable<Integer> command, PrintWriter err) {
        try {
            return command.call();
        } catch (Exception e) {
            // Their call() throws no checked exception: what arrives here is a RuntimeException.
            return report(e, err, false);
        }
    }

    /** The one line (and with --debug the stack trace) of an internal error; returns its exit code. */
    static int report(Exception ex, PrintWriter err, boolean debug) {
        err.println("gwrun: internal error: " + ex + (debug ? "" : " (rerun with --debug to see where)"));
        if (debug) ex.printStackTrace(err);
        err.flush();
        return ExitCodes.INTERNAL;
    }
}
