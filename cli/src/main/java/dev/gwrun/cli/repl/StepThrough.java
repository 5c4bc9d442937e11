package dev.gwrun.cli.repl;

import dev.gwrun.ast.Stmt;
import dev.gwrun.engine.Stepper;
import dev.gwrun.runtime.GwrunError;
import dev.gwrun.runtime.Values;
import dev.gwrun.source.Span;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.UserInterruptException;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Step-through of a loaded runbook: before each step, its name, its source and the values it will
 * use, then run / skip / retry the previous step / abort; after a failure, retry / skip / run its
 * on failure block / abort. Each decision and outcome goes to the timeline.
 */
final class StepThrough {
    private final ReplContext ctx;

    StepThrough(ReplContext ctx) {
        this.ctx = ctx;
    }

    /** Steps until the runbook is done or the user aborts. */
    void all() {
        while (ctx.stepper != null && !ctx.stepper.done()) {
            if (!one()) return;
        }
        if (ctx.stepper != null && ctx.stepper.done()) ctx.say(ctx.style.green("✔ all steps done") + " (" + ctx.stepper.runbook().name() + ")");
    }

    /** Shows the next step and asks what to do; returns false when the user aborted. */
    boolean one() {
        Stepper st = ctx.stepper;
        int i = st.cursor();
        Stepper.Entry entry = st.entries().get(i);
        Stepper.Result prepared;
        try (EventView view = ctx.views.get()) {
            prepared = st.prepareNext(view);
        }
        if (prepared.error() != null) {
            // A guard or let before the step failed: nothing of the step has run; say so and stop here.
            ctx.say(Evaluation.errorLine(ctx, prepared.error()));
            ctx.timeline.outcome("error", Ansi.strip(Evaluation.errorLine(ctx, prepared.error())), java.time.Duration.ZERO);
            return false;
        }
        preview(i, entry);
        while (true) {
            String answer = ask("run, skip, retry previous, abort? [R/s/p/a] ");
            switch (answer) {
                case "", "r", "run" -> { return runCurrent(); }
                case "s", "skip" -> {
                    skip(entry);
                    return true;
                }
                case "p", "retry", "previous" -> {
                    if (!st.rewindToLast()) {
                        ctx.say("no step has run yet");
                        continue;
                    }
                    return runCurrent();
                }
                case "a", "abort", "q" -> {
                    ctx.timeline.outcome("aborted", "step-through aborted before step '" + entry.name() + "'", java.time.Duration.ZERO);
                    ctx.say(ctx.style.yellow("aborted") + " before '" + entry.name() + "' (:step or :run go on from here)");
                    return false;
                }
                default -> ctx.say("answer r (run), s (skip), p (retry the previous step) or a (abort)");
            }
        }
    }

    /** Runs the entry at the cursor; after a failure, asks until it is settled. Returns false on abort. */
    boolean runCurrent() {
        Stepper st = ctx.stepper;
        int i = st.cursor();
        Stepper.Entry entry = st.entries().get(i);
        long start = System.nanoTime();
        ctx.timeline.input(":step " + entry.name());
        Stepper.Result r;
        try (EventView view = ctx.views.get()) {
            r = st.runNext(view, false);
        }
        while (r.error() != null) {
            GwrunError e = r.error();
            ctx.say(Evaluation.errorLine(ctx, e));
            ctx.timeline.outcome(e.kind().equals("interrupted") ? "interrupted" : "error", Ansi.strip(Evaluation.errorLine(ctx, e)), Evaluation.since(start));
            boolean handler = entry.step() != null && entry.step().onFailure() != null;
            String answer = ask("step '" + entry.name() + "' failed: retry, skip, " + (handler ? "run its on failure block, " : "") + "abort? [r/s/" + (handler ? "h/" : "") + "A] ");
            start = System.nanoTime();
            switch (answer) {
                case "r", "retry" -> {
                    ctx.timeline.input(":retry " + entry.name());
                    try (EventView view = ctx.views.get()) {
                        r = st.runNext(view, false);
                    }
                }
                case "s", "skip" -> {
                    skip(entry);
                    return true;
                }
                case "h", "handler" -> {
                    if (!handler) continue;
                    ctx.timeline.input(":handler " + entry.name());
                    Stepper.Result h;
                    try (EventView view = ctx.views.get()) {
                        h = st.runHandler(i, e, view);
                    }
                    if (h.status() == Stepper.Status.RECOVERED) {
                        ctx.timeline.outcome("ok", "step '" + entry.name() + "' recovered", Evaluation.since(start));
                        return true;
                    }
                    if (h.error() != e) {
                        r = h;
                    } else {
                        ctx.timeline.outcome("ok", "on failure block ran; the step is still failed", Evaluation.since(start));
                        ctx.say("the on failure block ran without 'recover': the step is still failed");
                    }
                }
                default -> {
                    ctx.say(ctx.style.yellow("aborted") + " at failed step '" + entry.name() + "' (:retry, :skip or :goto go on from here)");
                    return false;
                }
            }
        }
        ctx.timeline.outcome("ok", "step '" + entry.name() + "' succeeded", Evaluation.since(start));
        return true;
    }

    void skip(Stepper.Entry entry) {
        ctx.timeline.input(":skip " + entry.name());
        try (EventView view = ctx.views.get()) {
            report(entry, ctx.stepper.skip(view), "skipped");
        }
    }

    private void report(Stepper.Entry entry, Stepper.Result r, String what) {
        if (r.error() != null) {
            ctx.say(Evaluation.errorLine(ctx, r.error()));
            ctx.timeline.outcome("error", Ansi.strip(Evaluation.errorLine(ctx, r.error())), java.time.Duration.ZERO);
        } else {
            ctx.say(ctx.style.dim("– " + entry.name() + ": " + what));
            ctx.timeline.outcome("ok", "step '" + entry.name() + "' " + what, java.time.Duration.ZERO);
        }
    }

    /** The step about to run: its source and the values it uses, written at once (a reader never sees half of it). */
    private void preview(int i, Stepper.Entry entry) {
        Stepper st = ctx.stepper;
        List<String> lines = new ArrayList<>();
        lines.add(ctx.style.bold(ctx.style.cyan("▶ step " + (i + 1) + "/" + st.entries().size() + ": " + entry.name())));
        int width = String.valueOf(entry.statement().span().endLine()).length();
        for (Stmt s : entry.leadIn()) source(s.span(), true, width, lines);
        source(entry.statement().span(), false, width, lines);
        List<Stmt> code = new ArrayList<>(entry.leadIn());
        code.add(entry.statement());
        Set<String> used = FreeNames.of(code);
        Map<String, Object> vars = ctx.session.variables();
        List<String> shown = new ArrayList<>();
        for (String n : used) {
            if (vars.containsKey(n)) shown.add(n + " = " + abbreviate(Values.repr(vars.get(n))));
        }
        if (!shown.isEmpty()) {
            lines.add("  uses:");
            for (String s : shown) lines.add("    " + s);
        }
        ctx.say(String.join("\n", lines));
    }

    private void source(Span span, boolean dim, int width, List<String> lines) {
        int first = span.line(), last = span.endLine();
        for (int l = first; l <= last; l++) {
            String num = String.format("%" + width + "d", l);
            String text = "  " + num + " │ " + span.file().line(l);
            lines.add(dim ? ctx.style.dim(text) : text);
        }
    }

    static String abbreviate(String s) {
        String one = s.replace("\n", "⏎");
        return one.length() > 100 ? one.substring(0, 97) + "..." : one;
    }

    private String ask(String question) {
        // Answers are not inputs: they stay out of the history.
        ctx.reader.setVariable(LineReader.DISABLE_HISTORY, true);
        try {
            String a = ctx.reader.readLine(question);
            return a == null ? "a" : a.strip().toLowerCase();
        } catch (UserInterruptException | EndOfFileException e) {
            return "a";
        } finally {
            ctx.reader.setVariable(LineReader.DISABLE_HISTORY, false);
        }
    }
}
