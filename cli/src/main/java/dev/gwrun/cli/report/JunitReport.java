package dev.gwrun.cli.report;

import dev.gwrun.engine.Event;
import dev.gwrun.params.Masker;

import java.net.InetAddress;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * {@code --junit}: the run as JUnit XML (the Ant/Jenkins form CI systems read), one testcase per
 * step named by its path, so CI shows steps as tests. A failed step's failure carries the message,
 * its kind as the type, and the {@code .gwrun} file:line:col where it happened. A run that failed
 * outside any step (a guard refused, a handler failed) gets a "(run)" testcase so it never reads green.
 */
public final class JunitReport {
    private JunitReport() {}

    public static String render(RunRecord run, Masker masker) {
        StringBuilder cases = new StringBuilder();
        int tests = 0, failures = 0, skipped = 0;
        boolean stepFailed = false;
        for (RunRecord.Step s : run.steps()) {
            tests++;
            cases.append("    <testcase name=\"").append(attr(masker, s.path)).append("\" classname=\"").append(attr(masker, run.runbook()))
                    .append("\" time=\"").append(Text.seconds(s.elapsed())).append("\">\n");
            Event.Outcome o = s.outcome();
            if (o == null) {
                failures++;
                stepFailed = true;
                failure(cases, masker, "the run ended before this step finished", "incomplete", s.location());
            } else if (o == Event.Outcome.SKIPPED) {
                skipped++;
                cases.append("      <skipped message=\"").append(attr(masker, s.message())).append("\"/>\n");
            } else if (o != Event.Outcome.SUCCEEDED && o != Event.Outcome.RECOVERED) {
                failures++;
                stepFailed = true;
                failure(cases, masker, s.message(), s.kind(), s.location());
            }
            StringBuilder out = new StringBuilder();
            if (o == Event.Outcome.RECOVERED) out.append("recovered from: ").append(s.message()).append(" (").append(s.location()).append(")\n");
            for (String l : s.log()) out.append(l).append('\n');
            if (s.droppedLog() > 0) out.append("… ").append(s.droppedLog()).append(" more lines (see the --events stream)\n");
            if (out.length() > 0) cases.append("      <system-out>").append(text(masker, out.toString())).append("</system-out>\n");
            cases.append("    </testcase>\n");
        }
        Event.RunFinished end = run.end();
        if (!run.ok() && (!stepFailed || !run.refusals().isEmpty() || !run.failedHandlers().isEmpty())) {
            tests++;
            failures++;
            cases.append("    <testcase name=\"(run)\" classname=\"").append(attr(masker, run.runbook())).append("\" time=\"")
                    .append(Text.seconds(run.elapsed())).append("\">\n");
            StringBuilder why = new StringBuilder();
            for (Event.GuardRefused g : run.refusals()) why.append("guard refused at ").append(g.location()).append(": ").append(g.message()).append('\n');
            for (Event.HandlerFinished h : run.failedHandlers()) {
                why.append(h.kind()).append(" handler").append(h.path().isEmpty() ? "" : " of step '" + h.path() + "'")
                        .append(" failed at line ").append(h.line()).append(": ").append(h.message()).append('\n');
            }
            String message = end == null ? "the run did not finish" : end.message() == null ? "the run " + end.outcome().label() : end.message();
            String type = end == null ? "incomplete" : end.outcome().name().toLowerCase();
            String location = end == null ? null : end.location();
            cases.append("      <failure message=\"").append(attr(masker, Text.firstLine(message))).append("\" type=\"").append(type).append("\">")
                    .append(text(masker, (location == null ? "" : location + ": ") + message + "\n" + why)).append("</failure>\n");
            cases.append("    </testcase>\n");
        }

        String time = Text.seconds(run.elapsed());
        String counts = " tests=\"" + tests + "\" failures=\"" + failures + "\" errors=\"0\" skipped=\"" + skipped + "\" time=\"" + time + "\"";
        StringBuilder b = new StringBuilder();
        b.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        b.append("<testsuites name=\"gwrun\"").append(counts).append(">\n");
        b.append("  <testsuite name=\"").append(attr(masker, run.runbook())).append("\"").append(counts)
                .append(" timestamp=\"").append(timestamp(run)).append("\" hostname=\"").append(attr(masker, hostname()))
                .append("\" file=\"").append(attr(masker, run.file())).append("\">\n");
        b.append("    <properties>\n");
        property(b, masker, "gwrun.file", run.file());
        property(b, masker, "gwrun.outcome", run.outcomeLabel());
        if (end != null) property(b, masker, "gwrun.exit_code", String.valueOf(end.exitCode()));
        run.params().forEach((k, v) -> property(b, masker, "param." + k, v));
        b.append("    </properties>\n");
        b.append(cases);
        b.append("  </testsuite>\n");
        b.append("</testsuites>\n");
        return b.toString();
    }

    private static void failure(StringBuilder b, Masker masker, String message, String kind, String location) {
        String m = message == null ? "failed" : message;
        b.append("      <failure message=\"").append(attr(masker, Text.firstLine(m))).append("\" type=\"")
                .append(attr(masker, kind == null ? "error" : kind)).append("\">")
                .append(text(masker, (location == null ? "" : location + ": ") + m + "\n")).append("</failure>\n");
    }

    private static void property(StringBuilder b, Masker masker, String name, String value) {
        b.append("      <property name=\"").append(attr(masker, name)).append("\" value=\"").append(attr(masker, value)).append("\"/>\n");
    }

    /** Attribute values: newlines kept as character references, since parsers fold literal ones into spaces. */
    private static String attr(Masker masker, String s) {
        return Text.xml(masker.mask(s)).replace("\n", "&#10;").replace("\r", "&#13;").replace("\t", "&#9;");
    }

    private static String text(Masker masker, String s) {
        return Text.xml(masker.mask(s));
    }

    private static String timestamp(RunRecord run) {
        java.time.Instant at = run.startedAt() == null ? java.time.Instant.now() : run.startedAt();
        return DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss").format(LocalDateTime.ofInstant(at, ZoneOffset.UTC));
    }

    private static String hostname() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            return "localhost";
        }
    }
}
