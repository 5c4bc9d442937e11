package dev.gwrun.stdlib.compose.load;

import java.util.Locale;

/** Byte sizes ({@code 64m}, {@code 1gb}, {@code 512}) and Go durations ({@code 1m30s}), read and printed as compose-go does. */
final class Units {
    private Units() {}

    static long bytes(YNode n) {
        if (n instanceof YNode.YScalar s && s.value() instanceof Long l) return l;
        String text = Y.string(n, "a size");
        Long v = parseBytes(text);
        if (v == null) throw new ComposeException(n.span(), "invalid size '" + text + "' (a number of bytes, or with b, k, m or g)");
        return v;
    }

    static Long parseBytes(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("([0-9]+(?:\\.[0-9]+)?)\\s*([kmgtp]?)(i?b)?").matcher(t);
        if (!m.matches()) return null;
        double v = Double.parseDouble(m.group(1));
        int exp = "kmgtp".indexOf(m.group(2).isEmpty() ? 'x' : m.group(2).charAt(0)) + 1;
        return (long) (v * Math.pow(1024, exp));
    }

    /** A Go duration string ({@code 1h2m3.5s}, {@code 500ms}, {@code 10us}) in nanoseconds; null when malformed. */
    static Long parseDuration(String text) {
        String s = text.strip();
        if (s.isEmpty()) return null;
        boolean neg = false;
        int i = 0;
        if (s.charAt(0) == '-' || s.charAt(0) == '+') { neg = s.charAt(0) == '-'; i++; }
        if (s.substring(i).equals("0")) return 0L;
        double total = 0;
        boolean any = false;
        while (i < s.length()) {
            int start = i;
            while (i < s.length() && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '.')) i++;
            if (start == i) return null;
            double num;
            try { num = Double.parseDouble(s.substring(start, i)); } catch (NumberFormatException e) { return null; }
            int us = i;
            while (i < s.length() && !Character.isDigit(s.charAt(i)) && s.charAt(i) != '.') i++;
            String unit = s.substring(us, i);
            long scale;
            switch (unit) {
                case "ns": scale = 1L; break;
                case "us": case "µs": case "μs": scale = 1_000L; break;
                case "ms": scale = 1_000_000L; break;
                case "s": scale = 1_000_000_000L; break;
                case "m": scale = 60_000_000_000L; break;
                case "h": scale = 3_600_000_000_000L; break;
                default: return null;
            }
            total += num * scale;
            any = true;
        }
        if (!any) return null;
        long ns = Math.round(total);
        return neg ? -ns : ns;
    }

    /** Nanoseconds as Go's {@code time.Duration.String()} prints them: {@code 1m30s}, {@code 500ms}, {@code 1h0m0s}. */
    static String formatDuration(long ns) {
        if (ns == 0) return "0s";
        boolean neg = ns < 0;
        long u = Math.abs(ns);
        StringBuilder sb = new StringBuilder();
        if (u < 1_000_000_000L) {
            String unit;
            long div;
            if (u < 1_000L) { return (neg ? "-" : "") + u + "ns"; }
            else if (u < 1_000_000L) { unit = "µs"; div = 1_000L; }
            else { unit = "ms"; div = 1_000_000L; }
            sb.append(fraction(u, div)).append(unit);
        } else {
            long h = u / 3_600_000_000_000L;
            long rem = u % 3_600_000_000_000L;
            long m = rem / 60_000_000_000L;
            long sNs = rem % 60_000_000_000L;
            if (h > 0) sb.append(h).append('h');
            if (h > 0 || m > 0) sb.append(m).append('m');
            sb.append(fraction(sNs, 1_000_000_000L)).append('s');
        }
        return (neg ? "-" : "") + sb;
    }

    private static String fraction(long v, long div) {
        long whole = v / div;
        long frac = v % div;
        if (frac == 0) return Long.toString(whole);
        String digits = Long.toString(div + frac).substring(1);
        digits = digits.replaceAll("0+$", "");
        return whole + "." + digits;
    }
}
