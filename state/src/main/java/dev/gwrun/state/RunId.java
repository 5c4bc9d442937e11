package dev.gwrun.state;

import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;

/**
 * Run ids: the UTC start time to the second, then four random hex digits ({@code 20261122T142501Z-ab12}),
 * so they sort by time, read as dates, and do not collide between runners starting in the same second.
 */
public final class RunId {
    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final SecureRandom RANDOM = new SecureRandom();

    private RunId() {}

    public static String next(Instant at) {
        byte[] b = new byte[2];
        RANDOM.nextBytes(b);
        return FORMAT.format(at) + "-" + HexFormat.of().formatHex(b);
    }

    /** Whether text could be a run id (or a prefix of one); keeps ids safe to use as directory names. */
    public static boolean plausible(String text) {
        return text != null && text.matches("[0-9A-Za-z-]{1,40}");
    }
}
