package dev.gwrun.cli.report;

import dev.gwrun.engine.Event;

/** How the reports show an outcome; null means the step never finished. */
final class Outcomes {
    private Outcomes() {}

    static String label(Event.Outcome o) {
        return o == null ? "did not finish" : o.label();
    }

    static String icon(Event.Outcome o) {
        if (o == null) return "⏸️";
        return switch (o) {
            case SUCCEEDED -> "✅";
            case RECOVERED -> "⚠️";
            case SKIPPED -> "⏭️";
            case INTERRUPTED -> "⏹️";
            default -> "❌";
        };
    }

    /** A CSS class name for the HTML report. */
    static String css(Event.Outcome o) {
        if (o == null) return "unfinished";
        return switch (o) {
            case SUCCEEDED -> "ok";
            case RECOVERED -> "recovered";
            case SKIPPED -> "skipped";
            default -> "failed";
        };
    }

    /** The run's outcome from its label ("incomplete" when it never finished). */
    static Event.Outcome ofRun(RunRecord run) {
        return run.end() == null ? null : run.end().outcome();
    }
}
