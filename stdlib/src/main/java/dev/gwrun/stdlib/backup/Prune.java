package dev.gwrun.stdlib.backup;

import dev.gwrun.host.Args;
import dev.gwrun.host.CallContext;
import dev.gwrun.runtime.Durations;
import dev.gwrun.runtime.GwrunError;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Retention: of each database's or volume's backups in a directory, keeps the newest {@code keep:} and
 * deletes the rest that are older than {@code older_than:} (either alone works too). Ages come from the
 * timestamps in the file names; only files with gwrun's backup names are ever touched.
 */
final class Prune {
    Object prune(Args a, CallContext ctx) {
        String fn = "backup.prune";
        Path dir = ctx.directory().resolve(a.string("dir"));
        Long keep = a.has("keep") ? a.integer("keep") : null;
        Duration olderThan = a.duration("older_than", null);
        if (keep == null && olderThan == null) throw new GwrunError("type", fn + ": needs keep: (how many to keep) or older_than: (a duration), or both");
        if (keep != null && keep < 0) throw new GwrunError("type", fn + ": keep must be 0 or more, got " + keep);
        if (!Files.isDirectory(dir)) throw new GwrunError("backup", fn + ": " + dir + " is not a directory");
        Map<String, List<Path>> byName = new LinkedHashMap<>();
        try (Stream<Path> files = Files.list(dir)) {
            files.filter(Files::isRegularFile).filter(f -> BackupNames.parse(f.getFileName().toString()) != null).sorted()
                    .forEach(f -> byName.computeIfAbsent(BackupNames.parse(f.getFileName().toString()).name(), k -> new ArrayList<>()).add(f));
        } catch (IOException e) {
            throw new GwrunError("backup", fn + ": cannot list " + dir + ": " + PgBackups.reason(e));
        }
        Instant now = Instant.now();
        List<Object> deleted = new ArrayList<>();
        for (List<Path> backups : byName.values()) {
            backups.sort(Comparator.comparing((Path p) -> BackupNames.parse(p.getFileName().toString()).created())
                    .thenComparing(p -> BackupNames.parse(p.getFileName().toString()).sequence()).reversed());
            for (int i = 0; i < backups.size(); i++) {
                Path p = backups.get(i);
                if (keep != null && i < keep) continue;
                Instant created = BackupNames.parse(p.getFileName().toString()).created();
                if (olderThan != null && !created.isBefore(now.minus(olderThan))) continue;
                try {
                    Files.deleteIfExists(Manifest.pathOf(p));
                    Files.delete(p);
                } catch (IOException e) {
                    throw new GwrunError("backup", fn + ": cannot delete " + p + ": " + PgBackups.reason(e)
                            + (deleted.isEmpty() ? "" : " (deleted before it: " + deleted + ")"));
                }
                deleted.add(p.toString());
                ctx.log("backup: pruned " + p.getFileName());
            }
        }
        removeLeftovers(dir, now, deleted, ctx);
        AtomicFile.syncDirectory(dir);
        if (deleted.isEmpty()) {
            ctx.log("backup: nothing to prune in " + dir + " (keep " + (keep == null ? "all" : keep)
                    + (olderThan == null ? "" : ", older than " + Durations.format(olderThan)) + ")");
        }
        return deleted;
    }

    /**
     * A backup writes a hidden {@code .<backup name>.<random>.partial} beside its final name and renames it
     * when complete; a gwrun killed mid-backup (SIGKILL, a lost machine) cannot remove it, and a large
     * database's could fill the disk the next backup needs. One untouched for {@link #LEFTOVER_AFTER} has
     * no writer (a dump in progress writes continuously), so pruning removes it.
     */
    static final Duration LEFTOVER_AFTER = Duration.ofHours(1);

    private static void removeLeftovers(Path dir, Instant now, List<Object> deleted, CallContext ctx) {
        List<Path> leftovers;
        try (Stream<Path> files = Files.list(dir)) {
            leftovers = files.filter(Files::isRegularFile).filter(f -> isPartial(f.getFileName().toString())).sorted().toList();
        } catch (IOException e) {
            throw new GwrunError("backup", "backup.prune: cannot list " + dir + ": " + PgBackups.reason(e));
        }
        for (Path p : leftovers) {
            try {
                if (Files.getLastModifiedTime(p).toInstant().isAfter(now.minus(LEFTOVER_AFTER))) continue;
                Files.delete(p);
            } catch (IOException e) {
                continue;  // gone already, or not ours to delete: a leftover is no reason to fail a prune
            }
            deleted.add(p.toString());
            ctx.log("backup: removed " + p.getFileName() + ", left by a backup that never finished");
        }
    }

    /** {@code .app-20261203T101500Z.dump.1234567890.partial}: AtomicFile's temporary name for a gwrun backup. */
    static boolean isPartial(String file) {
        if (!file.startsWith(".") || !file.endsWith(".partial")) return false;
        String inner = file.substring(1, file.length() - ".partial".length());
        int random = inner.lastIndexOf('.');
        return random > 0 && BackupNames.parse(inner.substring(0, random)) != null;
    }
}
