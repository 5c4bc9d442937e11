package dev.gwrun.cli;

import dev.gwrun.state.RunRecord;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** How run records read in `gwrun runs` and `gwrun show`. */
final class RunViews {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

    private RunViews() {}

    static String time(Instant i) { return TIME.format(i); }

    /** The runbook relative to the current directory when it is below it (as the user typed it). */
    static String runbook(String absolute) {
        Path p = Path.of(absolute);
        Path cwd = Path.of("").toAbsolutePath();
        return p.startsWith(cwd) ? cwd.relativize(p).toString() : absolute;
    }

    /** succeeded, failed, handler failed, refused, interrupted. */
    static String outcome(RunRecord r) {
        return r.outcome().toLowerCase().replace('_', ' ');
    }

    static String pad(String s, int width) {
        StringBuilder b = new StringBuilder(s);
        while (b.length() < width) b.append(' ');
        return b.toString();
    }
}
