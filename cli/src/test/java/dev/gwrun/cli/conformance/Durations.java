package dev.gwrun.cli.conformance;

import java.math.BigDecimal;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations in Go's form ({@code time.Duration.String()}: 1m30s, 2m0s, 1h0m0s, 500ms), which Compose v2 prints;
 * v1 prints a duration as written or in seconds (90s). Both are read (units w, d, h, m, s, ms, us, ns, as
 * compose-go's str2duration) and written back in Go's form, so equal durations compare equal.
 */
final class Durations {
    private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ns|us|µs|ms|s|m|h|d|w)");

    private Durations() {}

    static String canonical(String text) {
        if (text == null) return null;
        Long nanos = nanos(text.trim());
        return nanos == null ? text : format(nanos);
    }

    static Long nanos(String text) {
        if (text.isEmpty()) return null;
        if (text.matches("\\d+")) return Long.parseLong(text) * 1_000_000_000L;   // a bare number: seconds, as v1 reads it
        Matcher m = PART.matcher(text);
        BigDecimal total = BigDecimal.ZERO;
        int at = 0;
        while (m.find()) {
            if (m.start() != at) return null;
            at = m.end();
            long unit = switch (m.group(2)) {
                case "ns" -> 1L;
                case "us", "µs" -> 1_000L;
                case "ms" -> 1_000_000L;
                case "s" -> 1_000_000_000L;
                case "m" -> 60_000_000_000L;
                case "h" -> 3_600_000_000_000L;
                case "d" -> 86_400_000_000_000L;
                default -> 604_800_000_000_000L;
            };
            total = total.add(new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(unit)));
        }
        return at == text.length() ? total.longValue() : null;
    }

    /** Go's time.Duration.String(). */
    static String format(long d) {
        if (d == 0) return "0s";
        boolean neg = d < 0;
        long u = Math.abs(d);
        String out;
        if (u < 1_000_000_000L) {
            if (u < 1_000L) out = u + "ns";
            else if (u < 1_000_000L) out = fraction(u, 1_000L) + "µs";
            else out = fraction(u, 1_000_000L) + "ms";
        } else {
            long h = u / 3_600_000_000_000L;
            long m = u / 60_000_000_000L % 60;
            String s = fraction(u % 60_000_000_000L, 1_000_000_000L) + "s";
            out = h > 0 ? h + "h" + m + "m" + s : m > 0 ? m + "m" + s : s;
        }
        return neg ? "-" + out : out;
    }

    private static String fraction(long v, long unit) {
        return BigDecimal.valueOf(v).divide(BigDecimal.valueOf(unit)).stripTrailingZeros().toPlainString();
    }
}
