package dev.gwrun.stdlib.backup;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Backup file names: {@code <name>-<UTC timestamp>[-n].<ext>}, e.g. {@code app-20261122T101500Z.dump}. The
 * timestamp in the name is what retention reads, so pruning never depends on file modification times.
 */
final class BackupNames {
    static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final Pattern NAME = Pattern.compile("^(.+)-(\\d{8}T\\d{6}Z)(?:-(\\d+))?\\.(dump|sql|tar|tar\\.gz)$");

    private BackupNames() {}

    /** A name not taken yet in dir: a second backup within the same second gets -2, -3, … */
    static Path next(Path dir, String name, Instant created, String extension) {
        String base = safe(name) + "-" + STAMP.format(created.truncatedTo(ChronoUnit.SECONDS));
        Path p = dir.resolve(base + "." + extension);
        for (int n = 2; Files.exists(p) || Files.exists(Manifest.pathOf(p)); n++) p = dir.resolve(base + "-" + n + "." + extension);
        return p;
    }

    /** What a backup's file name says: whose backup it is, when it was taken, and its order within that second. */
    record Parsed(String name, Instant created, int sequence) {}

    static Parsed parse(String fileName) {
        Matcher m = NAME.matcher(fileName);
        if (!m.matches()) return null;
        Instant created = STAMP.parse(m.group(2), Instant::from);
        return new Parsed(m.group(1), created, m.group(3) == null ? 1 : Integer.parseInt(m.group(3)));
    }

    /** Database and volume names may hold characters a file name should not. */
    private static String safe(String name) {
        return name.replaceAll("[^A-Za-z0-9._-]", "_");
    }
}
