package dev.gwrun.cli.repl;

import dev.gwrun.ast.Runbook;
import dev.gwrun.check.Checker;
import dev.gwrun.engine.Event;
import dev.gwrun.engine.Interactive;
import dev.gwrun.parse.ParseResult;
import dev.gwrun.parse.Parsing;
import dev.gwrun.runtime.GwrunError;
import dev.gwrun.source.Diagnostic;
import dev.gwrun.source.DiagnosticRenderer;
import dev.gwrun.source.SourceFile;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One input at the prompt: parse, check against the names the session has bound, run, and show
 * the value, the diagnostics (as everywhere: {@code <repl>:line:col}, the line, a caret) or the
 * runtime error in one line. Nothing here ends the session; each outcome goes to the timeline.
 */
final class Evaluation {
    static final String SOURCE_NAME = "<repl>";
    private final ReplContext ctx;

    Evaluation(ReplContext ctx) {
        this.ctx = ctx;
    }

    void run(String text) {
        long start = System.nanoTime();
        ctx.timeline.input(text);
        SourceFile source = SourceFile.of(SOURCE_NAME, text);
        ParseResult<Runbook> parsed = Parsing.parseStatements(source);
        List<Diagnostic> diagnostics = new ArrayList<>(parsed.diagnostics());
        if (parsed.ok()) {
            // Lint rules judge a whole runbook ("unused let", "no on failure"); one line at a prompt is not one.
            new Checker(ctx.registry).check(parsed.ast(), KnownTypes.of(ctx.session.variables())).stream()
                    .filter(d -> d.isError() || d.rule() == null)
                    .forEach(diagnostics::add);
            // There is no runbook around the prompt for these to belong to; running the rest without them would mislead.
            if (parsed.ast().onFailure() != null) {
                diagnostics.add(Diagnostic.error(parsed.ast().onFailure().span(), "at the prompt an 'on failure' block belongs to a step",
                        "write '} on failure {' on the line of the '}' that closes the step"));
            }
            if (parsed.ast().always() != null) {
                diagnostics.add(Diagnostic.error(parsed.ast().always().span(), "at the prompt there is no runbook for an 'always' block to belong to"));
            }
        }
        if (!diagnostics.isEmpty()) {
            diagnostics.sort(java.util.Comparator.comparingInt((Diagnostic d) -> d.span() == null ? 0 : d.span().start()));
            DiagnosticRenderer renderer = new DiagnosticRenderer(ctx.style.color());
            StringBuilder plain = new StringBuilder();
            for (Diagnostic d : diagnostics) {
                ctx.out.print(ctx.mask(renderer.render(d)));
                plain.append(new DiagnosticRenderer(false).render(d));
            }
            ctx.out.flush();
            if (diagnostics.stream().anyMatch(Diagnostic::isError)) {
                ctx.timeline.outcome("error", plain.toString(), since(start));
                return;
            }
        }
        Runbook input = parsed.ast();
        if (input.body().isEmpty() && input.params().isEmpty()) {
            ctx.timeline.outcome("ok", null, since(start));
            return;
        }
        Transcribed shown = new Transcribed();
        try (EventView view = ctx.views.get()) {
            Interactive.Outcome outcome = ctx.session.execute(input, e -> {
                view.accept(e);
                shown.record(e);
            });
            view.close();
            if (outcome.hasValue()) {
                String printed = ctx.printer.print(outcome.value());
                ctx.out.println(printed);
                shown.add(printed);
            }
            ctx.out.flush();
            ctx.transcript.add(text, input);
            ctx.timeline.outcome("ok", shown.text(), since(start));
        } catch (GwrunError e) {
            String line = errorLine(ctx, e);
            ctx.out.println(line.isEmpty() ? "" : line);
            ctx.out.flush();
            shown.add(Ansi.strip(line));
            ctx.timeline.outcome(e.kind().equals("interrupted") ? "interrupted" : "error", shown.text(), since(start));
        }
    }

    /** A runtime error in one line: where, what, in which step. Ctrl-C just says so. */
    static String errorLine(ReplContext ctx, GwrunError e) {
        if (e.kind().equals("interrupted")) return ctx.style.yellow("interrupted");
        String where = e.span() == null ? "" : e.span().location() + ": ";
        String step = e.step() == null ? "" : " (in step '" + e.step() + "')";
        return ctx.mask(where + ctx.style.red(ctx.style.bold("error:")) + " " + e.getMessage() + step);
    }

    static Duration since(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }

    /** What an input showed, in plain text, for the timeline: log lines, step outcomes, the value or error. */
    static final class Transcribed {
        private final StringBuilder text = new StringBuilder();

        void record(Event e) {
            if (e instanceof Event.Log x) add(x.text());
            else if (e instanceof Event.StepFinished x) {
                add("step '" + x.name() + "' " + x.outcome().label() + (x.message() == null ? "" : ": " + x.message()));
            } else if (e instanceof Event.WaitFinished x) {
                add((x.satisfied() ? "condition met" : "gave up") + " after " + x.attempts() + " attempt" + (x.attempts() == 1 ? "" : "s"));
            }
        }

        void add(String line) { text.append(line).append('\n'); }

        String text() { return text.toString(); }
    }
}
