package dev.gwrun.cli.repl;

import dev.gwrun.check.Checker;
import dev.gwrun.engine.Interactive;
import dev.gwrun.params.Masker;
import dev.gwrun.engine.Prompter;
import dev.gwrun.host.Prewarm;
import dev.gwrun.host.Registry;
import dev.gwrun.parse.Parsing;
import dev.gwrun.source.SourceFile;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Size;
import org.jline.terminal.Terminal;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code gwrun repl}: the incident shell. Reads inputs with JLine (multi-line, history, Tab
 * completion), runs statements in one session, dispatches {@code :commands}, and writes every
 * input and outcome to the incident timeline as it happens. Ctrl-C stops what is running and
 * returns to the prompt (or clears the line being typed); Ctrl-D leaves.
 */
public final class Repl {
    /** What the shell needs from the command line that started it. */
    public record Config(Terminal terminal, Registry registry, Map<String, String> env, Supplier<EventView> views,
                         RunbookLoader loader, Path home, Path incidents, boolean color,
                         String file, Map<String, String> params, boolean step) {}

    private final Config config;

    public Repl(Config config) {
        this.config = config;
    }

    /** Runs the shell until :quit or Ctrl-D; returns the exit code. */
    public int run() throws IOException {
        Terminal terminal = config.terminal();
        // A pty nobody sized (script with a pipe for stdin, some CI shells) reports 0 columns; JLine cannot draw in that.
        if (terminal.getWidth() <= 0) terminal.setSize(new Size(100, Math.max(24, terminal.getHeight())));
        PrintWriter out = terminal.writer();
        Masker masker = new Masker();
        ReplPrompter prompter = new ReplPrompter();
        Interactive session = new Interactive(config.registry(), masker, config.env(), prompter, Clock.systemUTC());
        String where = "Started by `gwrun repl` in `" + Path.of("").toAbsolutePath() + "` as " + System.getProperty("user.name")
                + (config.file() == null ? "" : ", with `" + config.file() + "`") + ".";
        try (Timeline timeline = startTimeline(out, masker, where)) {
            ReplContext ctx = new ReplContext(session, out, new Style(config.color()), config.views(), config.loader(), timeline);
            StepThrough stepThrough = new StepThrough(ctx);
            Commands commands = new Commands(ctx, stepThrough);
            Evaluation evaluation = new Evaluation(ctx);
            LineReader reader = LineReaderBuilder.builder()
                    .appName("gwrun")
                    .terminal(terminal)
                    .parser(new InputParser())
                    .completer(new ReplCompleter(ctx, commands.table()))
                    .history(new SecretFreeHistory(masker::mask))
                    .variable(LineReader.HISTORY_FILE, config.home().resolve("history"))
                    .variable(LineReader.HISTORY_FILE_SIZE, 10_000)
                    .variable(LineReader.SECONDARY_PROMPT_PATTERN, "%M%P > ")
                    .variable(LineReader.INDENTATION, 2)
                    // '!' is the language's "not equal", never history expansion.
                    .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true)
                    .option(LineReader.Option.AUTO_GROUP, true)
                    .build();
            ctx.reader = reader;
            prompter.reader = reader;
            terminal.handle(Terminal.Signal.INT, signal -> session.interrupt());

            out.println(ctx.style.bold("gwrun repl") + ctx.style.dim(" — :help for commands, Tab completes, Ctrl-D leaves. Timeline: " + timeline.file()));
            out.flush();
            if (config.file() != null) {
                commands.loadAtStart(config.file(), config.params());
                if (config.step() && ctx.stepper != null) stepThrough.all();
            }
            warmUp(ctx);
            String prompt = ctx.style.bold(ctx.style.cyan("gwrun")) + "> ";
            while (!ctx.quit) {
                String line;
                try {
                    line = reader.readLine(prompt);
                } catch (UserInterruptException e) {
                    continue; // Ctrl-C while typing: the line is dropped, a fresh prompt follows
                } catch (EndOfFileException e) {
                    break;
                }
                if (line.isBlank()) continue;
                try {
                    if (line.stripLeading().startsWith(":")) commands.dispatch(line);
                    else evaluation.run(line);
                } catch (RuntimeException bug) {
                    // A bug in gwrun must not take the shell away in the middle of an incident.
                    ctx.say(ctx.style.red("gwrun: internal error: " + bug) + " (the session goes on; please report it)");
                    timeline.outcome("internal error", String.valueOf(bug), java.time.Duration.ZERO);
                }
            }
            out.println(ctx.style.dim("timeline: " + timeline.file()));
            if (timeline.failure() != null) out.println(ctx.style.red("the timeline could not be written: " + timeline.failure().getMessage()));
            out.flush();
            reader.getHistory().save();
        }
        return 0;
    }

    private Timeline startTimeline(PrintWriter out, Masker masker, String where) throws IOException {
        try {
            return Timeline.start(config.incidents(), Clock.systemUTC(), masker::mask, where);
        } catch (IOException e) {
            // A read-only working directory must not keep the shell from starting during an incident.
            Path fallback = config.home().resolve("incidents");
            out.println("gwrun: cannot write the timeline under " + config.incidents() + " (" + e + "); writing it under " + fallback);
            return Timeline.start(fallback, Clock.systemUTC(), masker::mask, where);
        }
    }

    /**
     * Parses and checks a throwaway input while the user reads the prompt, then prewarms the modules
     * (docker's client and codecs, okhttp), so the first real input answers at once.
     */
    private static void warmUp(ReplContext ctx) {
        Thread t = new Thread(() -> {
            var parsed = Parsing.parseStatements(SourceFile.of("<warm-up>", "let w = [1, 2].len() + 1\nstep \"s\" { log \"${w}\" }"));
            if (parsed.ok()) new Checker(ctx.registry).check(parsed.ast());
            Prewarm.run(ctx.registry.modules());
        }, "gwrun-warm-up");
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY);
        t.start();
    }

    /** {@code confirm} at the prompt: asks on the same line reader; answers stay out of the history. */
    private static final class ReplPrompter implements Prompter {
        LineReader reader;

        @Override public boolean available() { return reader != null; }

        @Override
        public boolean confirm(String question) {
            reader.setVariable(LineReader.DISABLE_HISTORY, true);
            try {
                String a = reader.readLine(question + " [y/N] ").strip().toLowerCase();
                return a.equals("y") || a.equals("yes");
            } catch (UserInterruptException | EndOfFileException e) {
                return false;
            } finally {
                reader.setVariable(LineReader.DISABLE_HISTORY, false);
            }
        }
    }
}
