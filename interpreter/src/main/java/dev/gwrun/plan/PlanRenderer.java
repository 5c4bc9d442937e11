package dev.gwrun.plan;

import dev.gwrun.runtime.Json;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A plan as text for a terminal, Markdown for a pull-request comment, or JSON for tools. */
public final class PlanRenderer {
    private PlanRenderer() {}

    private static String preamble(Plan plan) {
        return "Nothing is run: changing calls are never made; read-only calls "
                + (plan.probed() ? "were made (--probe)." : "are not made (--probe makes them).");
    }

    private static String summary(Plan plan) {
        long steps = plan.count("step"), changes = plan.count("changes"), reads = plan.count("read-only");
        return steps + " step" + (steps == 1 ? "" : "s") + ", " + changes + " changing call" + (changes == 1 ? "" : "s")
                + ", " + reads + " read-only call" + (reads == 1 ? "" : "s");
    }

    public static String text(Plan plan) {
        StringBuilder b = new StringBuilder();
        b.append("plan of runbook \"").append(plan.runbook()).append("\" (").append(plan.file()).append(")\n");
        b.append(preamble(plan)).append("\n\n");
        if (!plan.params().isEmpty()) {
            b.append("params\n");
            for (Plan.ParamValue p : plan.params()) {
                b.append("  ").append(p.name()).append(": ").append(p.type()).append(" = ").append(p.value())
                        .append("  (").append(p.source().equals("missing") ? "required, not given" : p.source()).append(")\n");
            }
            b.append('\n');
        }
        textEntries(plan.entries(), 0, b);
        b.append('\n').append(summary(plan)).append('\n');
        return b.toString();
    }

    private static void textEntries(List<PlanEntry> entries, int depth, StringBuilder b) {
        for (PlanEntry e : entries) {
            b.append("  ".repeat(depth)).append(e.kind().equals("call") ? "→ " : "").append(e.text());
            if (e.effect() != null) b.append("  [").append(e.effect()).append(']');
            if (e.note() != null) b.append("  ").append(e.kind().equals("call") || e.note().startsWith("→") ? "" : "— ").append(e.note());
            b.append('\n');
            textEntries(e.children(), depth + 1, b);
        }
    }

    public static String markdown(Plan plan) {
        StringBuilder b = new StringBuilder();
        b.append("### Plan of `").append(plan.runbook()).append("`\n\n");
        b.append('_').append(preamble(plan)).append(" ").append(summary(plan)).append("._\n\n");
        if (!plan.params().isEmpty()) {
            b.append("| Param | Type | Value | From |\n|---|---|---|---|\n");
            for (Plan.ParamValue p : plan.params()) {
                b.append("| `").append(p.name()).append("` | ").append(p.type()).append(" | ").append(code(p.value()).replace("|", "\\|"))
                        .append(" | ").append(p.source().equals("missing") ? "**required, not given**" : p.source()).append(" |\n");
            }
            b.append('\n');
        }
        markdownEntries(plan.entries(), 0, b);
        return b.toString();
    }

    private static void markdownEntries(List<PlanEntry> entries, int depth, StringBuilder b) {
        for (PlanEntry e : entries) {
            b.append("  ".repeat(depth)).append("- ");
            if (e.effect() != null) b.append(e.effect().equals("changes") ? "**changes** " : "read-only ");
            b.append(code(e.text()));
            if (e.note() != null) b.append(" — ").append(e.note().replace("*", "\\*").replace("_", "\\_"));
            b.append('\n');
            markdownEntries(e.children(), depth + 1, b);
        }
    }

    /** An inline code span that survives backticks in the text. */
    private static String code(String s) {
        return s.contains("`") ? "`` " + s + " ``" : "`" + s + "`";
    }

    public static String json(Plan plan) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("runbook", plan.runbook());
        doc.put("file", plan.file());
        doc.put("probed", plan.probed());
        List<Object> params = new ArrayList<>();
        for (Plan.ParamValue p : plan.params()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", p.name());
            m.put("type", p.type());
            m.put("value", p.value());
            m.put("from", p.source());
            params.add(m);
        }
        doc.put("params", params);
        doc.put("entries", jsonEntries(plan.entries()));
        Map<String, Object> counts = new LinkedHashMap<>();
        counts.put("steps", plan.count("step"));
        counts.put("changing", plan.count("changes"));
        counts.put("readOnly", plan.count("read-only"));
        doc.put("summary", counts);
        return Json.write(doc) + "\n";
    }

    private static List<Object> jsonEntries(List<PlanEntry> entries) {
        List<Object> out = new ArrayList<>();
        for (PlanEntry e : entries) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("kind", e.kind());
            if (e.line() > 0) m.put("line", (long) e.line());
            m.put("text", e.text());
            if (e.effect() != null) m.put("effect", e.effect());
            if (e.note() != null) m.put("note", e.note());
            if (!e.children().isEmpty()) m.put("children", jsonEntries(e.children()));
            out.add(m);
        }
        return out;
    }
}
