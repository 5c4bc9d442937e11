package dev.gwrun.cli.report;

import dev.gwrun.engine.Event;
import dev.gwrun.params.Masker;
import dev.gwrun.runtime.Durations;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code --report FILE.md}, also appended to {@code $GITHUB_STEP_SUMMARY}: a summary of the run
 * (params masked), a table of steps with outcome and duration, and a timeline of when each step ran
 * drawn with block characters in a code block, which every Markdown viewer shows in monospace.
 */
public final class MarkdownReport {
    static final int BAR_WIDTH = 60;
    static final int MAX_NAME = 40;

    private MarkdownReport() {}

    public static String render(RunRecord run, Masker masker) {
        StringBuilder b = new StringBuilder();
        Event.Outcome outcome = Outcomes.ofRun(run);
        b.append("## ").append(Outcomes.icon(outcome)).append(" Runbook `").append(code(masker.mask(run.runbook()))).append("` ")
                .append(run.outcomeLabel()).append("\n\n");

        b.append("| | |\n|---|---|\n");
        row(b, "runbook", "`" + code(masker.mask(run.file())) + "`");
        row(b, "outcome", Text.cell(run.outcomeLabel()) + (run.end() == null ? "" : " (exit code " + run.end().exitCode() + ")"));
        if (run.startedAt() != null) row(b, "started", run.startedAt().truncatedTo(java.time.temporal.ChronoUnit.MILLIS).toString());
        row(b, "duration", Durations.elapsed(run.elapsed()));
        if (!run.params().isEmpty()) {
            List<String> ps = new ArrayList<>();
            run.params().forEach((k, v) -> ps.add("`" + code(masker.mask(k + "=" + v)) + "`"));
            row(b, "params", String.join(" ", ps));
        }
        Event.RunFinished end = run.end();
        if (end != null && end.message() != null) {
            String where = end.location() == null ? "" : "`" + code(masker.mask(end.location())) + "`: ";
            String step = end.failedStep() == null ? "" : " (in step '" + Text.cell(masker.mask(end.failedStep())) + "')";
            row(b, "error", where + Text.cell(masker.mask(end.message())) + step);
        }
        for (Event.GuardRefused g : run.refusals()) {
            row(b, "guard refused", "`" + code(masker.mask(g.location())) + "`: " + Text.cell(masker.mask(g.message())));
        }
        b.append('\n');

        if (run.steps().isEmpty()) {
            b.append("No step ran.\n");
            return b.toString();
        }
        b.append("### Steps\n\n| step | outcome | duration | started | details |\n|---|---|---|---|---|\n");
        Timeline timeline = new Timeline(run);
        for (Timeline.Bar bar : timeline.bars) {
            RunRecord.Step s = bar.step();
            String details = "";
            if (s.outcome() == null) details = "did not finish";
            else if (s.outcome() == Event.Outcome.SKIPPED) details = Text.cell(masker.mask(s.message()));
            else if (s.outcome() != Event.Outcome.SUCCEEDED) {
                details = "`" + code(masker.mask(s.location())) + "`: " + Text.cell(masker.mask(s.message()));
            }
            if (s.retries() > 0) details = (details.isEmpty() ? "" : details + " ") + "(" + s.retries() + " retr" + (s.retries() == 1 ? "y" : "ies") + ")";
            b.append("| ").append(Text.cell(masker.mask(s.path))).append(" | ").append(Outcomes.icon(s.outcome())).append(' ')
                    .append(Outcomes.label(s.outcome())).append(" | ")
                    .append(s.outcome() == Event.Outcome.SKIPPED ? "–" : Durations.elapsed(s.elapsed())).append(" | +")
                    .append(Timeline.tick(bar.startMs())).append(" | ").append(details).append(" |\n");
        }
        b.append("\n### Timeline\n\n");
        String chart = chart(timeline, masker);
        String fence = fence(chart);
        b.append(fence).append("text\n").append(chart).append(fence).append("\n");
        return b.toString();
    }

    /** Rows of block-character bars over a time axis; overlapping bars are steps that ran in parallel. */
    static String chart(Timeline t, Masker masker) {
        List<String> names = new ArrayList<>();
        int width = 4;
        for (Timeline.Bar bar : t.bars) {
            String n = "  ".repeat(Math.max(0, bar.step().depth - 1)) + masker.mask(bar.step().name).replace("\n", " ");
            if (n.length() > MAX_NAME) n = n.substring(0, MAX_NAME - 1) + "…";
            names.add(n);
            width = Math.max(width, n.length());
        }
        StringBuilder b = new StringBuilder();
        String pad = " ".repeat(width + 1);
        // The axis: round tick labels, each over a ┬ in the rule below it; a label that would touch the one before is left out.
        char[] axis = (" ".repeat(BAR_WIDTH + 12)).toCharArray();
        char[] rule = "─".repeat(BAR_WIDTH).toCharArray();
        int free = 0;
        for (long tick : t.ticks(6)) {
            int col = (int) Math.min(BAR_WIDTH - 1, tick * BAR_WIDTH / t.totalMs);
            rule[col] = '┬';
            String label = Timeline.tick(tick);
            if (col < free) continue;
            for (int i = 0; i < label.length() && col + i < axis.length; i++) axis[col + i] = label.charAt(i);
            free = col + label.length() + 1;
        }
        b.append(pad).append(new String(axis).stripTrailing()).append('\n');
        b.append(pad).append(new String(rule)).append('\n');
        for (int i = 0; i < t.bars.size(); i++) {
            Timeline.Bar bar = t.bars.get(i);
            RunRecord.Step s = bar.step();
            String name = names.get(i);
            b.append(name).append(" ".repeat(width - name.length() + 1));
            StringBuilder cells = new StringBuilder();
            if (s.outcome() == Event.Outcome.SKIPPED) {
                int[] c = t.cells(bar, BAR_WIDTH);
                cells.append(" ".repeat(c[0])).append("·");
            } else {
                int[] c = t.cells(bar, BAR_WIDTH);
                cells.append(" ".repeat(c[0])).append("█".repeat(c[1] - c[0] + 1));
            }
            cells.append(" ".repeat(Math.max(1, BAR_WIDTH - cells.length() + 1)));
            b.append(cells).append(mark(s.outcome())).append(' ')
                    .append(s.outcome() == Event.Outcome.SKIPPED ? "skipped" : Durations.elapsed(s.elapsed())).append('\n');
        }
        return b.toString();
    }

    private static String mark(Event.Outcome o) {
        return Outcomes.pick(o, "…", "✔", "↺", "–", "✖");
    }

    private static void row(StringBuilder b, String key, String value) {
        b.append("| **").append(key).append("** | ").append(value).append(" |\n");
    }

    /** Text inside a `code span`: backticks would end it, pipes would end the table cell. */
    private static String code(String s) {
        if (s == null) return "";
        return s.replace("`", "'").replace("|", "\\|").replace("\n", " ");
    }

    /** A code fence longer than any run of backticks in the text. */
    private static String fence(String text) {
        int longest = 0, run = 0;
        for (int i = 0; i < text.length(); i++) {
            run = text.charAt(i) == '`' ? run + 1 : 0;
            longest = Math.max(longest, run);
        }
        return "`".repeat(Math.max(3, longest + 1));
    }
}
