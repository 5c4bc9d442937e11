package dev.gwrun.cli;

import dev.gwrun.state.Owner;
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

    /** succeeded, failed, handler failed, refused, interrupted, or running (a record without an end whose gwrun is alive here). */
    static String outcome(RunRecord r) {
        if (stillRunning(r)) return "running";
        return r.outcome().toLowerCase().replace('_', ' ');
    }

    /**
     * Whether the run has no end recorded because its gwrun is still running: it ran on this host
     * and its process is alive and is a gwrun (a pid reused by something else is not).
     */
    static boolean stillRunning(RunRecord r) {
        if (!r.cutShort() || !Owner.hostName().equals(r.header().host())) return false;
        return ProcessHandle.of(r.header().pid())
                .filter(ProcessHandle::isAlive)
                .map(p -> p.info().commandLine().map(c -> c.contains("gwrun")).orElse(true))
                .orElse(false);
    }

    static String pad(String s, int width) {
        StringBuilder b = new StringBuilder(s);
        while (b.length() < width) b.append(' ');
        return b.toString();
    }
}
