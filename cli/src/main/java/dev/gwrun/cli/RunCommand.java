package dev.gwrun.cli;

import dev.gwrun.cli.report.CiOutputs;
import dev.gwrun.params.Params;
import dev.gwrun.engine.RunControl;
import dev.gwrun.engine.RunEngine;
import dev.gwrun.engine.RunOptions;
import dev.gwrun.engine.RunResult;
import dev.gwrun.engine.UsageException;
import dev.gwrun.host.Registry;
import dev.gwrun.runtime.Durations;
import dev.gwrun.runtime.GwrunError;
import dev.gwrun.source.Diagnostic;
import dev.gwrun.source.DiagnosticRenderer;
import dev.gwrun.state.RunRecord;
import dev.gwrun.stdlib.StandardLibrary;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import sun.misc.Signal;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.UnaryOperator;

/** {@code gwrun run FILE -p name=value …}: check, then run a runbook. */
@Command(name = "run", addMethodSubcommands = false, mixinStandardHelpOptions = true,
        description = {"Checks and runs a runbook.", "Nothing runs when the file does not parse or check (exit 3)."})
final class RunCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FILE", description = "The .gwrun file to run.")
    String file;

    @Option(names = {"-p", "--param"}, paramLabel = "NAME=VALUE", description = "Sets a param (repeatable).")
    Map<String, String> params = new LinkedHashMap<>();

    @Option(names = "--env-file", paramLabel = "FILE", description = "Reads KEY=VALUE lines into the environment seen by env() and secret() (repeatable; later files win).")
    List<Path> envFiles = List.of();

    @Option(names = {"-y", "--yes"}, description = "Answers yes to every confirm (needed when there is no terminal).")
    boolean yes;

    @CommandLine.Mixin
    CommonOptions common;

    @Option(names = "--events", paramLabel = "FILE|-", description = "Writes every event as a line of JSON (see docs/events.md) to FILE, or to standard output with - (the terminal view then goes to standard error).")
    String events;

    @Option(names = "--junit", paramLabel = "FILE", description = "Writes a JUnit XML report: one testcase per step.")
    Path junit;

    @Option(names = "--report", paramLabel = "FILE", description = "Writes a report of the run: FILE.md (Markdown) or FILE.html (one self-contained page); repeatable.")
    List<Path> reports = new ArrayList<>();

    @Option(names = "--metrics", paramLabel = "FILE", description = "Writes the run's deployment metrics (deployments_total, deployment_duration_seconds, service_version_info) to FILE in the OpenMetrics text format, atomically: a node_exporter textfile directory works (name it *.prom).")
    Path metrics;

    @Option(names = "--pushgateway", paramLabel = "URL", description = "Pushes the same metrics to a Prometheus Pushgateway (PUT, grouping key job=gwrun, service, environment). After a run that succeeded, an output not written or not pushed exits 2.")
    String pushgateway;

    @CommandLine.Mixin
    StateOption state = new StateOption();

    @Option(names = "--lock", paramLabel = "NAME", description = "Holds the named lock for the whole run (repeatable); exit 6 when someone else holds it.")
    List<String> locks = new ArrayList<>();

    @Option(names = "--lock-wait", paramLabel = "DURATION", description = "Waits up to DURATION (e.g. 10m) for a --lock held by someone else instead of failing at once.")
    String lockWait;

    /** Set by `gwrun resume`: the run whose succeeded steps this one skips. */
    RunRecord resuming;

    @Override
    public Integer call() {
        PrintWriter out = common.out();
        PrintWriter err = common.err();
        Terminal term = Terminal.detect();
        Registry registry = StandardLibrary.registry();

        Map<String, String> env = new LinkedHashMap<>();
        Map<String, String> files = EnvFile.readAll(envFiles, err);
        if (files == null) return ExitCodes.USAGE;
        env.putAll(files);

        // GITHUB_ACTIONS and friends are read like env(): --env-file values over the process environment.
        UnaryOperator<String> lookup = name -> env.containsKey(name) ? env.get(name) : System.getenv(name);
        CiOutputs.Request request = new CiOutputs.Request(events, junit, reports, metrics, pushgateway);
        List<String> usage = CiOutputs.problems(request);
        if (!usage.isEmpty()) {
            for (String p : usage) err.println("gwrun: " + p);
            return ExitCodes.USAGE;
        }

        Loader.Loaded loaded = Loader.load(file, registry);
        if (loaded.readError() != null) {
            err.println("gwrun: " + loaded.readError());
            return ExitCodes.USAGE;
        }
        if (!loaded.ok()) {
            CiOutputs.diagnostics(loaded.diagnostics(), lookup, out);
            DiagnosticRenderer renderer = new DiagnosticRenderer(term.color());
            long errors = loaded.diagnostics().stream().filter(Diagnostic::isError).count();
            for (Diagnostic d : loaded.diagnostics()) err.print(renderer.render(d));
            err.println("gwrun: " + file + " has " + errors + " error" + (errors == 1 ? "" : "s") + "; nothing was run");
            return ExitCodes.INVALID;
        }

        Duration lockWaitValue = Duration.ZERO;
        if (lockWait != null) {
            try {
                lockWaitValue = Durations.parse(lockWait.trim());
            } catch (IllegalArgumentException e) {
                err.println("gwrun: --lock-wait needs a duration like 30s or 10m, got '" + lockWait + "'");
                return ExitCodes.USAGE;
            }
        }

        // With the event stream on standard output, people read the terminal view on standard error.
        PrintWriter shown = "-".equals(events) ? err : out;
        TerminalRenderer view = new TerminalRenderer(shown, term);
        RunOptions options = new RunOptions();
        // Before the run record, the terminal or any report shows the params.
        Params.registerSecrets(loaded.runbook(), params, options.masker);
        CiOutputs ci;
        try {
            ci = CiOutputs.open(request, options.masker, lookup, view, shown, out);
        } catch (IOException | RuntimeException e) {
            err.println("gwrun: cannot create the output files: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        options.params = params;
        options.env = env;
        options.assumeYes = yes;
        options.sink = ci.sink();
        options.prompter = new TerminalPrompter(view);
        options.control = new RunControl();
        options.runLocks = List.copyOf(locks);
        options.runLockWait = lockWaitValue;
        RunRecording recording;
        try {
            recording = RunRecording.start(state.open(), loaded.runbook(), Path.of(file), params, envFiles, locks, resuming, options, VersionCommand.version());
        } catch (IOException e) {
            err.println("gwrun: cannot record this run: " + e.getMessage() + " (choose another place with --state)");
            return ExitCodes.USAGE;
        }
        options.sink = recording.tee(ci.sink());
        installInterruptHandler(options.control, err);

        RunResult result;
        List<String> unwritten;
        try {
            result = new RunEngine(registry).run(loaded.runbook(), options);
        } catch (UsageException e) {
            recording.discard();
            for (String p : e.problems()) err.println("gwrun: " + p);
            err.println("Try 'gwrun run --help' for more information.");
            return ExitCodes.USAGE;
        } finally {
            view.close();
            // Reports are written whatever happened: a failed or interrupted run is when they are read.
            unwritten = ci.finish();
            recording.close();
        }
        if (recording.problem() != null) err.println("gwrun: warning: " + recording.problem());
        // Refusals were each shown with their location; an interrupt needs no source excerpt.
        if (result.error() != null && result.exitCode() != ExitCodes.INTERRUPTED && result.exitCode() != ExitCodes.REFUSED) {
            printError(shown, term, result.error(), options);
        }
        if (result.exitCode() == ExitCodes.LOCKED && result.error() != null && result.error().span() == null && lockWait == null) {
            shown.println(term.dim("to wait for it instead of failing at once, add --lock-wait 10m"));
        }
        if (result.exitCode() == ExitCodes.FAILED || result.exitCode() == ExitCodes.HANDLER_FAILED || result.exitCode() == ExitCodes.INTERRUPTED) {
            shown.println(term.dim("run " + recording.id() + " is recorded; once the cause is fixed, continue it with: gwrun resume " + recording.id()));
        }
        shown.flush();
        for (String p : unwritten) err.println("gwrun: " + p);
        // A green job with a missing report would hide the problem: a run that succeeded fails as a usage error.
        if (!unwritten.isEmpty() && result.exitCode() == ExitCodes.OK) return ExitCodes.USAGE;
        return result.exitCode();
    }

    /** The failure, where it happened and in which step, with the source line and a caret. */
    private void printError(PrintWriter out, Terminal term, GwrunError e, RunOptions options) {
        String where = e.span() == null ? "" : e.span().location() + ": ";
        String step = e.step() == null ? "" : " (in step '" + e.step() + "')";
        out.println(where + term.red(term.bold("error:")) + " " + options.masker.mask(e.getMessage()) + step);
        if (e.span() != null) out.print(options.masker.mask(DiagnosticRenderer.excerpt(e.span(), term.color())));
        if (common.debug && e.getCause() != null) e.getCause().printStackTrace(out);
    }

    /** Ctrl-C (or SIGTERM from a CI runner) cancels the steps; `always` still runs; a third press exits at once. */
    private static void installInterruptHandler(RunControl control, PrintWriter err) {
        try {
            sun.misc.SignalHandler handler = sig -> {
                int n = control.interrupt();
                if (n == 1) err.println("\ngwrun: interrupted — stopping; 'always' blocks still run (press Ctrl-C again to cancel them)");
                else if (n >= 3) Runtime.getRuntime().halt(ExitCodes.INTERRUPTED);
                err.flush();
            };
            Signal.handle(new Signal("INT"), handler);
            Signal.handle(new Signal("TERM"), handler);
        } catch (IllegalArgumentException | UnsupportedOperationException ignored) {
            // signals unavailable on this platform: the JVM's default handling stays
        }
    }
}
