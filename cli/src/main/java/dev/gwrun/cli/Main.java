package dev.gwrun.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/** The gwrun command: run, check, fmt, plan, doc, runs, show, resume, repl, version. */
@Command(name = "gwrun", mixinStandardHelpOptions = true, versionProvider = VersionCommand.Provider.class,
        description = "Runs deployment runbooks written in the gwrun language.",
        subcommands = {RunCommand.class, CheckCommand.class, FmtCommand.class, PlanCommand.class, DocCommand.class,
                RunsCommand.class, ShowCommand.class, ResumeCommand.class, ReplCommand.class, VersionCommand.class},
        footer = {"", "Exit codes: 0 success, 1 the runbook failed, 2 usage error, 3 the file does not parse or check,",
                "4 a guard refused before any step ran, 5 a failure handler itself failed, 6 a lock is held by someone else,",
                "130 interrupted."})
public final class Main implements Runnable {
    private static final Set<String> COMMANDS = Set.of("run", "check", "fmt", "plan", "doc", "runs", "show", "resume", "repl", "version",
            "help", "-h", "--help", "-V", "--version");

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(String[] args) {
        System.exit(execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs gwrun with the given arguments and streams; returns the exit code (for tests and main). */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new Main());
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler(new ErrorHandler());
        cli.setParameterExceptionHandler((ex, a) -> {
            PrintWriter e = ex.getCommandLine().getErr();
            e.println("gwrun: " + ex.getMessage());
            e.println("Try '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help' for more information.");
            return ExitCodes.USAGE;
        });
        return cli.execute(shebang(args));
    }

    /** {@code #!/usr/bin/env gwrun} makes the OS call {@code gwrun ./deploy.gwrun -p …}: treat that as run. */
    static String[] shebang(String[] args) {
        if (args.length > 0 && !COMMANDS.contains(args[0]) && !args[0].startsWith("-") && Files.isRegularFile(Path.of(args[0]))) {
            List<String> withRun = new ArrayList<>();
            withRun.add("run");
            withRun.addAll(Arrays.asList(args));
            return withRun.toArray(new String[0]);
        }
        return args;
    }
}
