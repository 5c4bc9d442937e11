package dev.gwrun.runtime;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as runbooks write them: 250ms, 30s, 5m, 1h, 1d, 1m30s. */
public final class Durations {
    private static final Pattern PART = Pattern.compile("(\\d[\\d_]*)(ms|s|m|h|d)");

    private Durations() {}

    public static Duration parse(String text) {
        Matcher m = PART.matcher(text.trim());
        Duration total = Duration.ZERO;
        int at = 0;
        String s = text.trim();
        if (s.isEmpty()) throw new IllegalArgumentException("empty duration");
        while (at < s.length()) {
            if (!m.find(at) || m.start() != at) {
                throw new IllegalArgumentException("invalid duration '" + text + "' (write it like 250ms, 30s, 5m, 1h or 1m30s)");
            }
            try {
                long n = Long.parseLong(m.group(1).replace("_", ""));
                total = total.plus(switch (m.group(2)) {
                    case "ms" -> Duration.ofMillis(n);
                    case "s" -> Duration.ofSeconds(n);
                    case "m" -> Duration.ofMinutes(n);
                    case "h" -> Duration.ofHours(n);
                    default -> Duration.ofDays(n);
                });
            } catch (NumberFormatException | ArithmeticException tooLarge) {
                // found by fuzzing (RunbookFuzzTestInputs/runbook/finding-duration-overflow): an ArithmeticException escaped
                throw new IllegalArgumentException("the duration '" + text + "' is too large (the largest is "
                        + Duration.ofSeconds(Long.MAX_VALUE).toDays() + "d)");
            }
            at = m.end();
        }
        return total;
    }

    /** The longest wait or timeout gwrun keeps time for (about 73 years): added to a clock, it cannot overflow. */
    public static final long MAX_NANOS = Long.MAX_VALUE / 4;

    /** A duration in nanoseconds for waiting and deadlines, at most {@link #MAX_NANOS} (a longer one is waited as that). */
    public static long nanos(Duration d) {
        if (d.isNegative()) return 0;
        return d.compareTo(Duration.ofNanos(MAX_NANOS)) > 0 ? MAX_NANOS : d.toNanos();
    }

    /** The shortest exact form: 1m30s, 250ms, 2h. */
    public static String format(Duration d) {
        if (d.isZero()) return "0s";
        if (d.isNegative()) return "-" + format(d.negated());
        StringBuilder out = new StringBuilder();
        long days = d.toDays(), hours = d.toHoursPart(), minutes = d.toMinutesPart(), seconds = d.toSecondsPart(), millis = d.toMillisPart();
        if (days > 0) out.append(days).append('d');
        if (hours > 0) out.append(hours).append('h');
        if (minutes > 0) out.append(minutes).append('m');
        if (seconds > 0) out.append(seconds).append('s');
        if (millis > 0) out.append(millis).append("ms");
        if (out.length() == 0) out.append(d.toNanos() / 1000).append("us");
        return out.toString();
    }

    /** A human reading of an elapsed time: 0.4s, 12.3s, 2m05s. */
    public static String elapsed(Duration d) {
        long ms = d.toMillis();
        if (ms < 60_000) return String.format("%.1fs", ms / 1000.0);
        long s = ms / 1000;
        if (s < 3600) return String.format("%dm%02ds", s / 60, s % 60);
        return String.format("%dh%02dm", s / 3600, (s % 3600) / 60);
    }
}
