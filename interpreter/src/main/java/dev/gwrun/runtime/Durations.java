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
            long n = Long.parseLong(m.group(1).replace("_", ""));
            total = total.plus(switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            });
            at = m.end();
        }
        return total;
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
