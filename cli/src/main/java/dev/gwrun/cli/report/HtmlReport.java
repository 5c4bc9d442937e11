package dev.gwrun.cli.report;

import dev.gwrun.engine.Event;
import dev.gwrun.params.Masker;
import dev.gwrun.runtime.Durations;

import java.util.Locale;

/**
 * {@code --report FILE.html}: one self-contained page (inline CSS and SVG, nothing fetched) with the
 * run's summary, a timeline of when each step ran (parallel steps' bars side by side) and a table of
 * the steps with outcome, duration and what went wrong. It can be opened from a CI artifact offline.
 */
public final class HtmlReport {
    static final int LABEL_WIDTH = 260, CHART_WIDTH = 640, ROW = 24, AXIS = 28;

    private HtmlReport() {}

    public static String render(RunRecord run, Masker masker) {
        Event.Outcome outcome = Outcomes.ofRun(run);
        String title = "gwrun: " + masker.mask(run.runbook()) + " " + run.outcomeLabel();
        StringBuilder b = new StringBuilder(8192);
        b.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>").append(h(title)).append("</title>\n<style>\n").append(CSS).append("</style>\n</head>\n<body>\n");
        b.append("<header class=\"").append(Outcomes.css(outcome)).append("\"><h1>").append(dot(outcome)).append(" <code>")
                .append(h(masker.mask(run.runbook()))).append("</code> ").append(h(run.outcomeLabel())).append("</h1></header>\n");

        b.append("<section><h2>Summary</h2>\n<table class=\"summary\">\n");
        row(b, "runbook", "<code>" + h(masker.mask(run.file())) + "</code>");
        row(b, "outcome", h(run.outcomeLabel()) + (run.end() == null ? "" : " (exit code " + run.end().exitCode() + ")"));
        if (run.startedAt() != null) row(b, "started", h(run.startedAt().truncatedTo(java.time.temporal.ChronoUnit.MILLIS).toString()));
        row(b, "duration", h(Durations.elapsed(run.elapsed())));
        if (!run.params().isEmpty()) {
            StringBuilder ps = new StringBuilder();
            run.params().forEach((k, v) -> ps.append("<code>").append(h(masker.mask(k))).append(" = ").append(h(masker.mask(v))).append("</code> "));
            row(b, "params", ps.toString().trim());
        }
        Event.RunFinished end = run.end();
        if (end != null && end.message() != null) {
            String where = end.location() == null ? "" : "<code>" + h(masker.mask(end.location())) + "</code>: ";
            String step = end.failedStep() == null ? "" : " (in step '" + h(masker.mask(end.failedStep())) + "')";
            row(b, "error", where + "<span class=\"msg\">" + h(masker.mask(end.message())) + "</span>" + step);
        }
        for (Event.GuardRefused g : run.refusals()) {
            row(b, "guard refused", "<code>" + h(masker.mask(g.location())) + "</code>: " + h(masker.mask(g.message())));
        }
        b.append("</table>\n</section>\n");

        if (run.steps().isEmpty()) {
            b.append("<section><p>No step ran.</p></section>\n</body>\n</html>\n");
            return b.toString();
        }
        Timeline timeline = new Timeline(run);
        b.append("<section><h2>Timeline</h2>\n").append(svg(timeline, masker)).append("</section>\n");

        b.append("<section><h2>Steps</h2>\n<table class=\"steps\">\n<thead><tr><th>step</th><th>outcome</th><th>duration</th><th>started</th><th>details</th></tr></thead>\n<tbody>\n");
        for (Timeline.Bar bar : timeline.bars) {
            RunRecord.Step s = bar.step();
            String details = "";
            if (s.outcome() == Event.Outcome.SKIPPED) details = h(masker.mask(s.message()));
            else if (s.outcome() == null || s.outcome() != Event.Outcome.SUCCEEDED) {
                details = "<code>" + h(masker.mask(s.location())) + "</code>: <span class=\"msg\">"
                        + h(masker.mask(s.message() == null ? "did not finish" : s.message())) + "</span>";
            }
            if (s.retries() > 0) details += " <span class=\"retries\">(" + s.retries() + " retr" + (s.retries() == 1 ? "y" : "ies") + ")</span>";
            b.append("<tr class=\"").append(Outcomes.css(s.outcome())).append("\"><td class=\"name\" style=\"padding-left:")
                    .append(0.5 + 1.2 * (s.depth - 1)).append("em\" title=\"").append(h(masker.mask(s.path))).append("\">")
                    .append(h(masker.mask(s.name))).append("</td><td>").append(dot(s.outcome())).append(' ').append(h(Outcomes.label(s.outcome())))
                    .append("</td><td>").append(s.outcome() == Event.Outcome.SKIPPED ? "–" : h(Durations.elapsed(s.elapsed())))
                    .append("</td><td>+").append(h(Timeline.tick(bar.startMs()))).append("</td><td>").append(details).append("</td></tr>\n");
        }
        b.append("</tbody>\n</table>\n</section>\n<footer>Written by gwrun from the run's events.</footer>\n</body>\n</html>\n");
        return b.toString();
    }

    /** The timeline as inline SVG: one row per step, a bar from its start to its end on a shared time axis. */
    static String svg(Timeline t, Masker masker) {
        int height = AXIS + t.bars.size() * ROW + 4;
        int width = LABEL_WIDTH + CHART_WIDTH + 70;
        StringBuilder b = new StringBuilder();
        b.append("<svg class=\"timeline\" xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" aria-label=\"timeline of the steps\" width=\"")
                .append(width).append("\" height=\"").append(height).append("\" viewBox=\"0 0 ").append(width).append(' ').append(height).append("\">\n");
        for (long tick : t.ticks(6)) {
            double x = LABEL_WIDTH + (double) CHART_WIDTH * tick / t.totalMs;
            b.append("<line class=\"grid\" x1=\"").append(f(x)).append("\" y1=\"").append(AXIS - 6).append("\" x2=\"").append(f(x))
                    .append("\" y2=\"").append(height).append("\"/>");
            b.append("<text class=\"tick\" x=\"").append(f(x)).append("\" y=\"").append(AXIS - 10).append("\" text-anchor=\"")
                    .append(tick == 0 ? "start" : "middle").append("\">").append(h(Timeline.tick(tick))).append("</text>\n");
        }
        for (int i = 0; i < t.bars.size(); i++) {
            Timeline.Bar bar = t.bars.get(i);
            RunRecord.Step s = bar.step();
            int y = AXIS + i * ROW;
            String name = masker.mask(s.name);
            String label = name.length() > 34 ? name.substring(0, 33) + "…" : name;
            b.append("<g class=\"row ").append(Outcomes.css(s.outcome())).append("\"><title>").append(h(masker.mask(s.path))).append(": ")
                    .append(h(Outcomes.label(s.outcome()))).append(", ").append(h(Durations.elapsed(s.elapsed())))
                    .append(" from +").append(h(Timeline.tick(bar.startMs()))).append("</title>");
            b.append("<text class=\"label\" x=\"").append(8 + 12 * (s.depth - 1)).append("\" y=\"").append(y + 16).append("\">")
                    .append(h(label)).append("</text>");
            double x = LABEL_WIDTH + (double) CHART_WIDTH * bar.startMs() / t.totalMs;
            double w = Math.max(3, (double) CHART_WIDTH * (bar.endMs() - bar.startMs()) / t.totalMs);
            b.append("<rect class=\"bar\" x=\"").append(f(x)).append("\" y=\"").append(y + 4).append("\" width=\"").append(f(w))
                    .append("\" height=\"").append(ROW - 8).append("\" rx=\"3\"/>");
            b.append("<text class=\"dur\" x=\"").append(f(Math.min(x + w + 6, LABEL_WIDTH + CHART_WIDTH + 6))).append("\" y=\"").append(y + 16).append("\">")
                    .append(s.outcome() == Event.Outcome.SKIPPED ? "skipped" : h(Durations.elapsed(s.elapsed()))).append("</text></g>\n");
        }
        b.append("</svg>\n");
        return b.toString();
    }

    private static void row(StringBuilder b, String key, String valueHtml) {
        b.append("<tr><th>").append(h(key)).append("</th><td>").append(valueHtml).append("</td></tr>\n");
    }

    /** A coloured dot drawn by CSS: emoji need a font that CI machines and viewers may lack. */
    private static String dot(Event.Outcome o) {
        return "<span class=\"dot " + Outcomes.css(o) + "\" aria-hidden=\"true\"></span>";
    }

    private static String h(String s) { return Text.xml(s); }

    private static String f(double v) { return String.format(Locale.ROOT, "%.1f", v); }

    private static final String CSS = """
            :root { --ok: #1a7f37; --failed: #cf222e; --recovered: #bf8700; --skipped: #8c959f; --unfinished: #6e7781; }
            body { font: 14px/1.45 -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; color: #1f2328; margin: 0 auto; max-width: 1040px; padding: 0 16px 32px; }
            header { border-bottom: 4px solid var(--unfinished); margin-bottom: 8px; }
            header.ok { border-color: var(--ok); } header.failed { border-color: var(--failed); } header.recovered { border-color: var(--recovered); }
            h1 { font-size: 22px; margin: 20px 0 10px; } h2 { font-size: 16px; margin: 22px 0 8px; }
            code { font: 12.5px ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; background: #f6f8fa; padding: 1px 4px; border-radius: 4px; }
            table { border-collapse: collapse; }
            table.summary th { text-align: left; padding: 3px 16px 3px 0; color: #59636e; font-weight: 600; vertical-align: top; }
            table.summary td { padding: 3px 0; }
            table.steps { width: 100%; }
            table.steps th, table.steps td { border-bottom: 1px solid #d1d9e0; padding: 5px 8px; text-align: left; vertical-align: top; }
            table.steps th { background: #f6f8fa; }
            tr.failed td.name { color: var(--failed); font-weight: 600; }
            tr.skipped td { color: var(--skipped); }
            .msg { white-space: pre-wrap; }
            .retries { color: #59636e; }
            svg.timeline { max-width: 100%; height: auto; }
            svg .grid { stroke: #d1d9e0; stroke-width: 1; }
            svg text { font: 12px -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; fill: #1f2328; }
            svg text.tick, svg text.dur { fill: #59636e; font-size: 11px; }
            svg .ok .bar { fill: var(--ok); } svg .failed .bar { fill: var(--failed); } svg .recovered .bar { fill: var(--recovered); }
            svg .skipped .bar { fill: var(--skipped); } svg .unfinished .bar { fill: var(--unfinished); }
            .dot { display: inline-block; width: 0.7em; height: 0.7em; border-radius: 50%; background: var(--unfinished); vertical-align: baseline; }
            .dot.ok { background: var(--ok); } .dot.failed { background: var(--failed); } .dot.recovered { background: var(--recovered); } .dot.skipped { background: var(--skipped); }
            footer { margin-top: 24px; color: #59636e; font-size: 12px; }
            """;
}
