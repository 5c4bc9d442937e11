package dev.gwrun.cli.report;

/**
 * Splits the {@code file:line:col} locations the engine reports. The file part may itself hold a
 * colon, so the two numbers are taken from the right.
 */
final class Locations {
    private Locations() {}

    /** The file of {@code file:line:col} (or {@code file:line}), or null. */
    static String file(String location) {
        int[] cut = cuts(location);
        return cut == null ? null : location.substring(0, cut[0]);
    }

    /** The line of {@code file:line:col} (or {@code file:line}), or null. */
    static Integer line(String location) {
        int[] cut = cuts(location);
        return cut == null ? null : Integer.valueOf(location.substring(cut[0] + 1, cut[1]));
    }

    /** The positions of the colon before the line and the end of the line number. */
    private static int[] cuts(String location) {
        if (location == null) return null;
        int last = location.lastIndexOf(':');
        if (last <= 0) return null;
        String tail = location.substring(last + 1);
        if (!digits(tail)) return null;
        int before = location.lastIndexOf(':', last - 1);
        if (before > 0 && digits(location.substring(before + 1, last))) return new int[]{before, last};
        return new int[]{last, location.length()};
    }

    private static boolean digits(String s) {
        if (s.isEmpty() || s.length() > 9) return false;
        for (int i = 0; i < s.length(); i++) if (!Character.isDigit(s.charAt(i))) return false;
        return true;
    }
}
