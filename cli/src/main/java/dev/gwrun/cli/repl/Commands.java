package dev.gwrun.cli.repl;

import dev.gwrun.ast.Runbook;
import dev.gwrun.check.Checker;
import dev.gwrun.params.Params;
import dev.gwrun.engine.Stepper;
import dev.gwrun.engine.UsageException;
import dev.gwrun.host.HostFunction;
import dev.gwrun.host.HostModule;
import dev.gwrun.host.ParamSpec;
import dev.gwrun.host.Signature;
import dev.gwrun.parse.ParseResult;
import dev.gwrun.parse.Parsing;
import dev.gwrun.runtime.Values;
import dev.gwrun.source.Diagnostic;
import dev.gwrun.source.DiagnosticRenderer;
import dev.gwrun.source.SourceFile;
import dev.gwrun.source.Suggest;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/** The {@code :commands} of the shell and what each does. */
final class Commands {
    private static final Pattern SECRET_NAME = Pattern.compile("(?i).*(secret|token|passw|pass$|key|credential|auth).*");
    private final ReplContext ctx;
    private final StepThrough stepThrough;
    private final CommandTable table = new CommandTable();

    Commands(ReplContext ctx, StepThrough stepThrough) {
        this.ctx = ctx;
        this.stepThrough = stepThrough;
        table.add("help", "", "this list", a -> help())
             .add("load", "FILE [-p NAME=VALUE]…", "parse, check and bind the params of a runbook, to run its steps from here", this::load)
             .add("steps", "", "the loaded runbook's steps, with their status", a -> steps())
             .add("run", "", "run the loaded runbook's remaining steps", a -> run())
             .add("step", "", "show the next step and the values it will use, then ask: run, skip, retry, abort", a -> step())
             .add("goto", "NAME", "make the named step the next one (steps passed over are skipped)", this::goTo)
             .add("skip", "", "skip the next step", a -> skip())
             .add("retry", "", "run the last step again", a -> retry())
             .add("vars", "", "the session's variables and their values", a -> vars())
             .add("env", "[PREFIX]", "environment variables (values of secret-looking names hidden)", this::env)
             .add("doc", "NAME", "help for a function or module: its signature and parameters", this::doc)
             .add("save", "FILE", "write what ran without error this session as a runbook", this::save)
             .add("note", "TEXT", "add a note to the incident timeline", this::note)
             .add("quit", "", "leave (Ctrl-D does too)", a -> ctx.quit = true);
    }

    CommandTable table() { return table; }

    /** Runs one :command line; the timeline gets it and how it ended. */
    void dispatch(String line) {
        CommandTable.Lookup found = table.lookup(line);
        if (found.command() == null) {
            ctx.timeline.input(line.strip());
            ctx.say(ctx.style.red("error:") + " " + found.problem());
            ctx.timeline.outcome("error", found.problem(), java.time.Duration.ZERO);
            return;
        }
        // A note is its own timeline entry, not an input with an outcome.
        if (found.command().name().equals("note")) {
            guarded(found.command().name(), a -> note(found.args()));
            return;
        }
        // The timeline keeps what was typed, masked: a secret param's value must be known as one first.
        if (found.command().name().equals("load")) {
            try {
                LoadArgs load = loadArgs(found.args());
                maskSecretParams(load.file(), load.params());
            } catch (Problem notYet) {
                // the command itself reports it
            }
        }
        execute(line.strip(), found.command().name(), a -> found.command().action().run(found.args()));
    }

    /** Registers the values given for the runbook's secret params with the masker (when it parses). */
    private void maskSecretParams(String file, Map<String, String> params) {
        if (params.isEmpty()) return;
        RunbookLoader.Loaded loaded = ctx.loader.load(file);
        if (loaded.runbook() != null) Params.registerSecrets(loaded.runbook(), params, ctx.session.masker());
    }

    /** Loads the FILE given on the command line, as :load would. */
    void loadAtStart(String file, Map<String, String> params) {
        maskSecretParams(file, params);
        StringBuilder shown = new StringBuilder(":load " + file);
        params.forEach((k, v) -> shown.append(" -p ").append(k).append('=').append(v));
        execute(shown.toString(), "load", a -> load(file, params));
    }

    private void execute(String shown, String name, CommandTable.Action action) {
        long start = System.nanoTime();
        ctx.timeline.input(shown);
        String problem = guarded(name, action);
        ctx.timeline.outcome(problem == null ? "ok" : "error", problem, Evaluation.since(start));
    }

    /** Runs a command; a problem is shown in one line and returned (null when it went well). */
    private String guarded(String name, CommandTable.Action action) {
        try {
            action.run("");
            return null;
        } catch (Problem p) {
            ctx.say(ctx.style.red("error:") + " " + p.getMessage());
            return p.getMessage();
        } catch (Exception e) {
            String msg = ":" + name + ": " + (e.getMessage() == null ? e.toString() : e.getMessage());
            ctx.say(ctx.style.red("error:") + " " + msg);
            return msg;
        }
    }

    /** A command used wrongly: one line, no stack trace. */
    static final class Problem extends RuntimeException {
        Problem(String message) { super(message, null, false, false); }
    }

    private void help() {
        int width = 0;
        for (CommandTable.Command c : table.all()) width = Math.max(width, (c.name() + " " + c.usage()).length());
        ctx.say("Type any statement or expression of the language; a value is printed. Commands:");
        for (CommandTable.Command c : table.all()) {
            String head = (c.name() + " " + c.usage()).strip();
            ctx.say("  :" + head + " ".repeat(width - head.length() + 2) + ctx.style.dim(c.help()));
        }
        ctx.say(ctx.style.dim("Tab completes; Ctrl-C stops what runs (or clears the line); Ctrl-R searches history; Ctrl-D leaves."));
    }

    void load(String args) {
        LoadArgs load = loadArgs(args);
        load(load.file(), load.params());
    }

    record LoadArgs(String file, Map<String, String> params) {}

    /** FILE [-p NAME=VALUE]… as :load takes them. */
    static LoadArgs loadArgs(String args) {
        List<String> words = List.of(args.strip().split("\\s+"));
        String file = null;
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 0; i < words.size(); i++) {
            String w = words.get(i);
            if (w.isEmpty()) continue;
            String kv = null;
            if (w.equals("-p") || w.equals("--param")) {
                if (i + 1 >= words.size()) throw new Problem("-p needs NAME=VALUE");
                kv = words.get(++i);
            } else if (w.startsWith("-p")) {
                kv = w.substring(2);
            } else if (w.startsWith("--param=")) {
                kv = w.substring(8);
            } else if (file == null) {
                file = w;
                continue;
            } else {
                throw new Problem("unexpected '" + w + "' (usage: :load FILE [-p NAME=VALUE]…)");
            }
            int eq = kv.indexOf('=');
            if (eq <= 0) throw new Problem("expected NAME=VALUE after -p, got '" + kv + "'");
            params.put(kv.substring(0, eq), kv.substring(eq + 1));
        }
        if (file == null) throw new Problem("usage: :load FILE [-p NAME=VALUE]…");
        return new LoadArgs(file, params);
    }

    /** Loads a runbook; returns whether it loaded (also used for the FILE given on the command line). */
    boolean load(String file, Map<String, String> params) {
        RunbookLoader.Loaded loaded = ctx.loader.load(file);
        if (loaded.readError() != null) throw new Problem(loaded.readError());
        DiagnosticRenderer renderer = new DiagnosticRenderer(ctx.style.color());
        for (Diagnostic d : loaded.diagnostics()) ctx.out.print(ctx.mask(renderer.render(d)));
        long errors = loaded.diagnostics().stream().filter(Diagnostic::isError).count();
        if (loaded.runbook() == null || errors > 0) {
            throw new Problem(file + " has " + errors + " error" + (errors == 1 ? "" : "s") + "; not loaded");
        }
        Stepper stepper;
        try {
            stepper = new Stepper(ctx.session, loaded.runbook(), params);
        } catch (UsageException e) {
            throw new Problem(String.join("\n       ", e.problems()));
        }
        ctx.stepper = stepper;
        Runbook rb = loaded.runbook();
        int n = stepper.entries().size();
        ctx.say("loaded '" + rb.name() + "' (" + file + "): " + n + " step" + (n == 1 ? "" : "s")
                + (rb.description() == null ? "" : " — " + rb.description()));
        if (!rb.params().isEmpty()) {
            List<String> shown = new ArrayList<>();
            for (var p : rb.params()) shown.add(p.name() + " = " + StepThrough.abbreviate(Values.repr(ctx.session.variables().get(p.name()))));
            ctx.say(ctx.style.dim("  params: " + String.join(", ", shown)));
        }
        ctx.say(ctx.style.dim("  :steps lists them, :step runs the next one, :run runs the rest"));
        return true;
    }

    private Stepper loaded() {
        if (ctx.stepper == null) throw new Problem("no runbook loaded: use :load FILE first");
        return ctx.stepper;
    }

    private Stepper pending() {
        Stepper st = loaded();
        if (st.done()) throw new Problem("all steps of '" + st.runbook().name() + "' have run (use :goto NAME to run one again)");
        return st;
    }

    private void steps() {
        Stepper st = loaded();
        ctx.say(ctx.style.bold(st.runbook().name()) + ctx.style.dim(" (" + st.runbook().source().name() + ")"));
        for (int i = 0; i < st.entries().size(); i++) {
            Stepper.Status s = st.status(i);
            String mark = switch (s) {
                case SUCCEEDED -> ctx.style.green("✔");
                case RECOVERED -> ctx.style.yellow("✔");
                case FAILED -> ctx.style.red("✖");
                case SKIPPED -> ctx.style.dim("–");
                case PENDING -> " ";
            };
            String cursor = i == st.cursor() ? ctx.style.cyan("→") : " ";
            String status = s == Stepper.Status.PENDING ? (i == st.cursor() ? "next" : "") : s.name().toLowerCase();
            ctx.say(cursor + " " + mark + " " + (i + 1) + ". " + st.entries().get(i).name() + "  " + ctx.style.dim(status));
        }
    }

    private void run() {
        Stepper st = pending();
        while (!st.done()) {
            Stepper.Entry entry = st.entries().get(st.cursor());
            Stepper.Result r;
            try (EventView view = ctx.views.get()) {
                r = st.runNext(view, true);
            }
            if (r.error() != null) {
                ctx.say(Evaluation.errorLine(ctx, r.error()));
                throw new Problem("stopped at step '" + entry.name() + "' (:retry, :skip or :step go on from here)");
            }
        }
        ctx.say(ctx.style.green("✔ all steps done") + " (" + st.runbook().name() + ")");
    }

    private void step() {
        pending();
        stepThrough.one();
    }

    private void goTo(String name) {
        Stepper st = loaded();
        String target = name.strip();
        if (target.length() >= 2 && target.startsWith("\"") && target.endsWith("\"")) target = target.substring(1, target.length() - 1);
        if (st.indexOf(target) < 0) {
            List<String> names = st.entries().stream().map(Stepper.Entry::name).toList();
            throw new Problem("no step named '" + target + "'" + Suggest.didYouMean(target, names) + " (steps: " + String.join(", ", names) + ")");
        }
        Stepper.Result r;
        try (EventView view = ctx.views.get()) {
            r = st.goTo(target, view);
        }
        if (r.error() != null) ctx.say(Evaluation.errorLine(ctx, r.error()));
        ctx.say("next: " + st.entries().get(st.cursor()).name());
    }

    private void skip() {
        Stepper st = pending();
        stepThrough.skip(st.entries().get(st.cursor()));
    }

    private void retry() {
        Stepper st = loaded();
        if (!st.rewindToLast()) throw new Problem("no step has run yet: use :step or :run");
        stepThrough.runCurrent();
    }

    private void vars() {
        Map<String, Object> vars = ctx.session.variables();
        if (vars.isEmpty()) {
            ctx.say(ctx.style.dim("no variables yet: bind one with let NAME = …"));
            return;
        }
        int width = vars.keySet().stream().mapToInt(String::length).max().orElse(0);
        vars.forEach((k, v) -> ctx.say("  " + k + " ".repeat(width - k.length()) + "  "
                + ctx.style.dim(Values.typeName(v)) + "  " + StepThrough.abbreviate(Values.repr(v))));
    }

    private void env(String prefix) {
        Map<String, String> env = new TreeMap<>(System.getenv());
        env.putAll(ctx.session.environment());
        env.forEach((k, v) -> {
            if (!k.startsWith(prefix.strip())) return;
            String shown = SECRET_NAME.matcher(k).matches() ? "***" : StepThrough.abbreviate(v);
            ctx.say("  " + k + "=" + shown);
        });
    }

    private void doc(String name) {
        String n = name.strip();
        if (n.isEmpty()) throw new Problem("usage: :doc NAME (a function such as http.get, or a module such as http)");
        HostFunction fn = ctx.registry.function(n);
        if (fn != null) {
            ctx.say(ctx.style.bold(fn.signature().display()) + ctx.style.dim("  → " + fn.signature().returns() + ", " + fn.signature().effect().name().toLowerCase()));
            if (fn.signature().doc() != null) ctx.say("  " + fn.signature().doc());
            for (ParamSpec p : fn.signature().params()) {
                ctx.say("    " + p.name() + (p.required() ? "" : "?") + ": " + p.type() + (p.doc() == null ? "" : ctx.style.dim("  " + p.doc())));
            }
            return;
        }
        HostModule m = ctx.registry.module(n);
        if (m != null) {
            ctx.say(ctx.style.bold(m.name()) + " — " + m.doc());
            for (HostFunction f : m.functions()) ctx.say("  " + f.signature().display());
            return;
        }
        List<String> all = new ArrayList<>();
        for (HostFunction f : ctx.registry.functions()) all.add(f.signature().name());
        all.addAll(ctx.registry.moduleNames());
        throw new Problem("no function or module '" + n + "'" + Suggest.didYouMean(n, all));
    }

    private void save(String file) throws Exception {
        String f = file.strip();
        if (f.isEmpty()) throw new Problem("usage: :save FILE");
        if (ctx.transcript.isEmpty()) throw new Problem("nothing has run without error yet: there is nothing to save");
        String name = "incident " + DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm'Z'").withZone(ZoneOffset.UTC).format(Instant.now());
        String text = ctx.transcript.toRunbook(name, ctx.session.variables(), ctx.registry, ctx.session.masker());
        Path path = Path.of(f);
        ParseResult<Runbook> parsed = Parsing.parseRunbook(new SourceFile(f, path.toAbsolutePath(), text));
        List<Diagnostic> problems = new ArrayList<>(parsed.diagnostics());
        if (parsed.ok()) problems.addAll(new Checker(ctx.registry).check(parsed.ast()));
        dev.gwrun.cli.AtomicFiles.write(path, text);
        long errors = problems.stream().filter(Diagnostic::isError).count();
        if (errors == 0) {
            ctx.say("saved " + f + ctx.style.dim(" (it checks clean; run it with gwrun run " + f + ")"));
        } else {
            DiagnosticRenderer renderer = new DiagnosticRenderer(ctx.style.color());
            for (Diagnostic d : problems) ctx.out.print(ctx.mask(renderer.render(d)));
            ctx.say(ctx.style.yellow("saved " + f + ", but it has " + errors + " error" + (errors == 1 ? "" : "s") + " to fix before it runs"));
        }
    }

    private void note(String text) {
        if (text.isBlank()) throw new Problem("usage: :note TEXT");
        ctx.timeline.note(text);
        ctx.say(ctx.style.dim("noted in " + ctx.timeline.file()));
    }
}
