package dev.gwrun.cli;

import dev.gwrun.cli.repl.EventView;
import dev.gwrun.cli.repl.Repl;
import dev.gwrun.cli.repl.RunbookLoader;
import dev.gwrun.host.Registry;
import dev.gwrun.stdlib.StandardLibrary;
import org.jline.terminal.TerminalBuilder;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;

/** {@code gwrun repl [FILE] [--step] [-p name=value …]}: the incident shell. */
@Command(name = "repl", addMethodSubcommands = false, mixinStandardHelpOptions = true,
        description = {"An interactive shell for incidents.",
                "Every statement of the language, with Tab completion and history; :commands drive a runbook "
                        + "one step at a time; everything typed goes to a timeline in .gwrun/incidents/<UTC start>.md."})
final class ReplCommand implements Callable<Integer> {
    @Parameters(index = "0", arity = "0..1", paramLabel = "FILE", description = "A runbook to load (as :load FILE).")
    String file;

    @Option(names = "--step", description = "Step through FILE: show each step and ask before running it.")
    boolean step;

    @Option(names = {"-p", "--param"}, paramLabel = "NAME=VALUE", description = "Sets a param of FILE (repeatable).")
    Map<String, String> params = new LinkedHashMap<>();

    @Option(names = "--env-file", paramLabel = "FILE", description = "Reads KEY=VALUE lines into the environment seen by env() and secret() (repeatable).")
    List<Path> envFiles = List.of();

    @CommandLine.Mixin
    CommonOptions common;

    @Override
    public Integer call() throws IOException {
        PrintWriter err = common.err();
        if (step && file == null) {
            err.println("gwrun: --step needs a FILE to step through");
            return ExitCodes.USAGE;
        }
        Map<String, String> env = new LinkedHashMap<>();
        Map<String, String> files = EnvFile.readAll(envFiles, err);
        if (files == null) return ExitCodes.USAGE;
        env.putAll(files);
        // The terminal (a native library to load) and the standard library (its classes) take the
        // most of the time to the first prompt; build them side by side.
        CompletableFuture<Registry> registry = CompletableFuture.supplyAsync(StandardLibrary::registry);
        try (org.jline.terminal.Terminal terminal = TerminalBuilder.builder().name("gwrun").system(true).build()) {
            return new Repl(config(terminal, registry.join(), env, home(), Path.of(".gwrun", "incidents"))).run();
        }
    }

    Repl.Config config(org.jline.terminal.Terminal terminal, Registry registry, Map<String, String> env, Path home, Path incidents) {
        boolean dumb = org.jline.terminal.Terminal.TYPE_DUMB.equals(terminal.getType()) || org.jline.terminal.Terminal.TYPE_DUMB_COLOR.equals(terminal.getType());
        boolean noColor = System.getenv("NO_COLOR") != null && !System.getenv("NO_COLOR").isEmpty();
        Terminal term = new Terminal(!dumb, !dumb && !noColor);
        PrintWriter out = terminal.writer();
        RunbookLoader loader = f -> {
            Loader.Loaded l = Loader.load(f, registry);
            return new RunbookLoader.Loaded(l.runbook(), l.diagnostics(), l.readError());
        };
        return new Repl.Config(terminal, registry, env, () -> view(out, term), loader, home, incidents, term.color(), file, params, step);
    }

    private static EventView view(PrintWriter out, Terminal term) {
        TerminalRenderer renderer = new TerminalRenderer(out, term);
        return new EventView() {
            @Override public void accept(dev.gwrun.engine.Event e) { renderer.accept(e); }

            @Override public void close() { renderer.close(); }
        };
    }

    /** Where the history lives: $GWRUN_HOME, else ~/.gwrun. */
    static Path home() {
        String override = System.getenv("GWRUN_HOME");
        return override != null && !override.isBlank() ? Path.of(override) : Path.of(System.getProperty("user.home"), ".gwrun");
    }
}
