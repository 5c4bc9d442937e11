package dev.gwrun.cli.report;

import dev.gwrun.engine.Event;

/** How the reports show an outcome; null means the step never finished. */
final class Outcomes {
    private Outcomes() {}

    static String label(Event.Outcome o) {
        return o == null ? "did not finish" : o.label();
    }

    static String icon(Event.Outcome o) {
        return o == Event.Outcome.INTERRUPTED ? "⏹️" : pick(o, "⏸️", "✅", "⚠️", "⏭️", "❌");
    }

    /** A CSS class name for the HTML report. */
    static String css(Event.Outcome o) {
        return pick(o, "unfinished", "ok", "recovered", "skipped", "failed");
    }

    /** What to show for an outcome: one text for each of not finished, succeeded, recovered, skipped and failed (any other end). */
    static String pick(Event.Outcome o, String unfinished, String succeeded, String recovered, String skipped, String failed) {
        if (o == null) return unfinished;
        return switch (o) {
            case SUCCEEDED -> succeeded;
            case RECOVERED -> recovered;
            case SKIPPED -> skipped;
            default -> failed;
        };
    }

    /** The run's outcome from its label ("incomplete" when it never finished). */
    static Event.Outcome ofRun(RunRecord run) {
        return run.end() == null ? null : run.end().outcome();
    }
}
