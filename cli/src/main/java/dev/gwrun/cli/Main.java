package dev.gwrun.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The gwrun command: run, check, fmt, plan, doc, compose, runs, show, resume, repl, version. */
@Command(name = "gwrun", addMethodSubcommands = false, mixinStandardHelpOptions = true, versionProvider = VersionCommand.Provider.class,
        description = "Runs deployment runbooks written in the gwrun language.",
        footer = {"", "Exit codes: 0 success, 1 the runbook failed, 2 usage error,",
                "  3 the file does not parse or check, 4 a guard refused before any step ran,",
                "  5 a failure handler itself failed, 6 a lock is held by someone else,",
                "  70 an internal error in gwrun, 130 interrupted."})
public final class Main implements Runnable {
    /** The subcommands, in the order help lists them. */
    private static final List<String> SUBCOMMANDS = List.of("run", "check", "fmt", "plan", "doc", "compose", "runs", "show", "resume", "repl", "version");
    private static final Set<String> VERSION = Set.of("version", "--version", "-V");
    private static final Set<String> COMMANDS = Set.of("run", "check", "fmt", "plan", "doc", "compose", "runs", "show", "resume", "repl", "version",
            "help", "-h", "--help", "-V", "--version");

    /**
     * A new instance of the named subcommand, null for no such name. A switch, not a table of
     * constructor references: the first lambda of a process costs a few ms of method-handle set-up.
     */
    private static Object subcommand(String name) {
        return switch (name) {
            case "run" -> new RunCommand();
            case "check" -> new CheckCommand();
            case "fmt" -> new FmtCommand();
            case "plan" -> new PlanCommand();
            case "doc" -> new DocCommand();
            case "compose" -> new ComposeCommand();
            case "runs" -> new RunsCommand();
            case "show" -> new ShowCommand();
            case "resume" -> new ResumeCommand();
            case "repl" -> new ReplCommand();
            case "version" -> new VersionCommand();
            default -> null;
        };
    }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(String[] args) {
        StartupTrace.mark("main");
        String[] argv = shebang(args);
        RunPrewarm.start(argv);
        System.exit(execute(argv, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs gwrun with the given arguments and streams; returns the exit code (for tests and main). */
    public static int execute(String[] args, PrintWriter out, PrintWriter rawErr) {
        String[] argv = shebang(args);
        if (argv.length == 1 && VERSION.contains(argv[0])) {
            // What picocli would print, without building its model: annotation reflection and a proxy
            // class per annotation type are most of the cost of a one-word command.
            out.println(VersionCommand.line());
            out.flush();
            return ExitCodes.OK;
        }
        // No URL password reaches standard error, whichever path prints it (see MaskingWriter).
        PrintWriter err = new PrintWriter(new MaskingWriter(rawErr, new dev.gwrun.params.Masker()), true);
        StartupTrace.mark("execute");
        if (argv.length > 0 && !argv[0].startsWith("-") && !COMMANDS.contains(argv[0])) {
            // Without this, 'gwrun nosuch --help' printed the root help and exited 0.
            err.println("gwrun: unknown command '" + argv[0] + "'" + dev.gwrun.source.Suggest.didYouMean(argv[0], SUBCOMMANDS)
                    + " (commands: " + String.join(", ", SUBCOMMANDS) + ")");
            err.println("Try 'gwrun --help' for more information.");
            err.flush();
            return ExitCodes.USAGE;
        }
        if (PlainCheck.applies(argv)) return PlainCheck.execute(argv, out, err);
        if (PlainRun.applies(argv)) return PlainRun.execute(argv, out, err);
        if (PlainComposeConfig.applies(argv)) return PlainComposeConfig.execute(argv, out, err);
        int code = picocli(argv, out, err, false);
        StartupTrace.threads("executed");
        return code;
    }

    /**
     * The command line parsed and run by picocli, with no fast path; with {@code everySubcommand} false,
     * picocli's model is built for the subcommand argv names alone (all of them for the root's help).
     */
    static int picocli(String[] argv, PrintWriter out, PrintWriter err, boolean everySubcommand) {
        CommandLine cli = new CommandLine(new Main());
        StartupTrace.mark("root model built");
        // picocli builds the model of every subcommand it is given, by reflection, which is most of
        // a short command's start-up: when the first argument names one, only that one is built.
        Object only = argv.length > 0 && !everySubcommand ? subcommand(argv[0]) : null;
        if (only != null) {
            cli.addSubcommand(only);
        } else {
            for (String name : SUBCOMMANDS) cli.addSubcommand(subcommand(name));
        }
        StartupTrace.mark("subcommand models built");
        cli.getHelpSectionMap().put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_COMMAND_LIST, Main::commandList);
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler(new ErrorHandler());
        cli.setParameterExceptionHandler((ex, a) -> {
            PrintWriter e = ex.getCommandLine().getErr();
            e.println("gwrun: " + ex.getMessage());
            e.println("Try '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help' for more information.");
            return ExitCodes.USAGE;
        });
        return cli.execute(argv);
    }

    /**
     * The whole command model, every subcommand built, with the command list of {@code gwrun --help}: what the
     * release's man pages and shell completion are generated from (dist/), so they never drift from --help.
     */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new Main());
        for (String name : SUBCOMMANDS) cli.addSubcommand(subcommand(name));
        cli.getHelpSectionMap().put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_COMMAND_LIST, Main::commandList);
        return cli;
    }

    /**
     * The command list of {@code gwrun --help}: each command with the first sentence of its description,
     * whole (picocli's default shows only the first line of the description, cut mid-sentence).
     */
    private static String commandList(CommandLine.Help help) {
        Map<String, CommandLine.Help> subs = help.subcommands();
        if (subs.isEmpty()) return "";
        int width = subs.keySet().stream().mapToInt(String::length).max().orElse(0) + 2;
        CommandLine.Help.TextTable table = CommandLine.Help.TextTable.forColumns(help.colorScheme(),
                new CommandLine.Help.Column(width + 2, 2, CommandLine.Help.Column.Overflow.SPAN),
                new CommandLine.Help.Column(help.commandSpec().usageMessage().width() - width - 2, 2, CommandLine.Help.Column.Overflow.WRAP));
        for (Map.Entry<String, CommandLine.Help> e : subs.entrySet()) {
            String text = String.join(" ", e.getValue().commandSpec().usageMessage().description()).strip();
            int end = text.indexOf(". ");
            String sentence = end < 0 ? text : text.substring(0, end + 1);
            table.addRowValues(e.getKey(), sentence);
        }
        return table.toString();
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
