package dev.gwrun.cli.report;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * When each step ran, relative to the start of the run: the rows of the reports' timeline charts.
 * Steps that ran in parallel overlap in time, so their bars stand side by side.
 */
final class Timeline {
    /** One bar: offsets from the run's start, in milliseconds. */
    record Bar(RunRecord.Step step, long startMs, long endMs) {}

    final List<Bar> bars = new ArrayList<>();
    /** The length of the time axis in milliseconds (at least 1). */
    final long totalMs;

    Timeline(RunRecord run) {
        Instant origin = run.startedAt();
        long total = run.elapsed().toMillis();
        for (RunRecord.Step s : run.steps()) {
            Instant from = origin == null ? s.start : origin;
            long start = Math.max(0, Duration.between(from, s.start).toMillis());
            Instant stop = s.end() != null ? s.end() : run.finishedAt() != null ? run.finishedAt() : s.start;
            long end = Math.max(start, Duration.between(from, stop).toMillis());
            bars.add(new Bar(s, start, end));
            total = Math.max(total, end);
        }
        this.totalMs = Math.max(1, total);
    }

    /** The first and last cell (inclusive) a bar covers on an axis of {@code width} cells; every step gets one cell at least. */
    int[] cells(Bar b, int width) {
        int first = (int) Math.min(width - 1, b.startMs() * width / totalMs);
        int last = (int) Math.min(width - 1, Math.max(first, (b.endMs() * width + totalMs - 1) / totalMs - 1));
        return new int[]{first, last};
    }

    /**
     * Points for the time axis at a round interval (1, 2 or 5 times a power of ten milliseconds, or whole
     * minutes and hours), at most {@code max} of them after 0, none past the end.
     */
    List<Long> ticks(int max) {
        long[] steps = {1, 2, 5, 10, 20, 50, 100, 200, 500, 1_000, 2_000, 5_000, 10_000, 15_000, 30_000, 60_000,
                120_000, 300_000, 600_000, 900_000, 1_800_000, 3_600_000, 7_200_000, 21_600_000, 43_200_000, 86_400_000};
        long step = steps[steps.length - 1];
        for (long s : steps) {
            if (totalMs / s <= max) { step = s; break; }
        }
        List<Long> out = new ArrayList<>();
        for (long t = 0; t <= totalMs; t += step) out.add(t);
        return out;
    }

    /** A readable tick label for a point on the axis: 0s, 1.5s, 2m30s. */
    static String tick(long ms) {
        if (ms == 0) return "0s";
        if (ms < 1000) return ms + "ms";
        if (ms < 10_000) return trim(ms / 1000.0) + "s";
        long s = Math.round(ms / 1000.0);
        if (s < 120) return s + "s";
        if (s < 7200) return (s / 60) + "m" + (s % 60 == 0 ? "" : (s % 60) + "s");
        return (s / 3600) + "h" + ((s % 3600) / 60 == 0 ? "" : ((s % 3600) / 60) + "m");
    }

    private static String trim(double v) {
        String t = String.format(java.util.Locale.ROOT, "%.1f", v);
        return t.endsWith(".0") ? t.substring(0, t.length() - 2) : t;
    }
}
