package dev.gwrun.stdlib.backup;

import dev.gwrun.host.Args;
import dev.gwrun.host.CallContext;
import dev.gwrun.runtime.Durations;
import dev.gwrun.runtime.GwrunError;
import dev.gwrun.stdlib.Fields;
import dev.gwrun.stdlib.postgres.PgConnect;
import dev.gwrun.stdlib.postgres.PgUrl;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/** backup.postgres, backup.verify and backup.restore: pg_dump and pg_restore with a checksummed manifest. */
final class PgBackups {
    private static final int BUFFER = 1 << 20;

    /** pg_dump's --format letter and the file extension, by format name. */
    private record Format(String name, String letter, String extension) {}

    private static final Map<String, Format> FORMATS = Map.of(
            "custom", new Format("custom", "c", "dump"),
            "tar", new Format("tar", "t", "tar"),
            "plain", new Format("plain", "p", "sql"));

    Object postgres(Args a, CallContext ctx) {
        String fn = "backup.postgres";
        PgUrl url = PgUrl.parse(a.string("url"), null, null, fn).registerSecrets(ctx);
        Format format = FORMATS.get(a.string("format", "custom"));
        if (format == null) throw new GwrunError("type", fn + ": format must be \"custom\", \"tar\" or \"plain\", got \"" + a.string("format") + "\"");
        Path dir = ctx.directory().resolve(a.string("dir"));
        PgTool pgDump = PgTool.find(fn, "pg_dump", a.string("pg_dump", null), ctx);
        String serverVersion = PgConnect.serverVersion(url, fn, ctx);
        Instant created = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        long started = System.nanoTime();
        Path target;
        long size;
        String sha256;
        try {
            Files.createDirectories(dir);
            target = BackupNames.next(dir, url.database(), created, format.extension());
            try (AtomicFile file = AtomicFile.create(target)) {
                MessageDigest md = Manifest.digest();
                long[] written = {0};
                IOException[] writeFailure = {null};
                PgTool.Outcome o;
                try {
                    o = pgDump.run(List.of("--format=" + format.letter(), "--no-password"), url, ctx, in -> {
                        try {
                            written[0] = copy(in, file, md);
                        } catch (IOException e) {
                            writeFailure[0] = e;
                            throw e;
                        }
                    });
                } catch (GwrunError e) {
                    // The directory refused the dump (full, or gone): say so in its words below, naming the directory.
                    if (writeFailure[0] != null) throw writeFailure[0];
                    throw e;
                }
                if (o.exit() != 0) {
                    throw new GwrunError("backup", ctx.mask(fn + ": pg_dump of " + url.display() + " failed: " + PgTool.firstError(o.stderr())));
                }
                file.commit();
                size = written[0];
                sha256 = HexFormat.of().formatHex(md.digest());
            }
            try {
                new Manifest("postgres", target.getFileName().toString(), size, sha256, url.database(), format.name(), created,
                        Map.of("server_version", serverVersion, "host", url.host() + ":" + url.port())).write(target);
            } catch (IOException e) {
                Files.deleteIfExists(target);
                throw e;
            }
        } catch (IOException e) {
            throw new GwrunError("backup", ctx.mask(fn + ": cannot write the backup in " + dir + ": " + reason(e)));
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        ctx.log("backup: " + url.display() + " → " + target.getFileName() + " (" + human(size) + ", sha256 " + Manifest.shortHash(sha256)
                + ", " + Durations.format(took) + ")");
        return backup(target, size, sha256, created, url.database());
    }

    Object verify(Args a, CallContext ctx) {
        String fn = "backup.verify";
        Path path = ctx.directory().resolve(a.string("path"));
        Manifest m = Manifest.checked(path, fn);
        long entries = -1;
        if (m.kind().equals("postgres") && !m.format().equals("plain")) {
            PgTool restore = PgTool.find(fn, "pg_restore", a.string("pg_restore", null), ctx);
            PgTool.Outcome o = restore.run(List.of("--list", path.toString()), null, ctx, null);
            if (o.exit() != 0) throw new GwrunError("backup", ctx.mask(fn + ": pg_restore cannot read " + path.getFileName() + ": " + PgTool.firstError(o.stderr())));
            entries = o.stdout().lines().filter(l -> !l.isBlank() && !l.startsWith(";")).count();
        } else if (m.kind().equals("volume")) {
            entries = VolumeArchive.countEntries(path, fn);
        }
        ctx.log("backup: " + path.getFileName() + " is intact (sha256 " + Manifest.shortHash(m.sha256()) + (entries >= 0 ? ", " + entries + " entries" : "") + ")");
        return new Fields(BackupModule.VERIFY_TYPE, Fields.map("path", path.toString(), "sha256", m.sha256(), "entries", entries,
                "source", m.source()), "intact: " + path.getFileName());
    }

    Object restore(Args a, CallContext ctx) {
        String fn = "backup.restore";
        Path path = ctx.directory().resolve(a.string("path"));
        PgUrl url = PgUrl.parse(a.string("url"), null, null, fn).registerSecrets(ctx);
        boolean plain = Manifest.read(path, fn).format().equals("plain");
        // A plain backup is checked first; a custom or tar one is checked while pg_restore reads it (VerifyingFeed).
        Manifest m = plain ? Manifest.checked(path, fn) : Manifest.sizeChecked(path, fn);
        if (!m.kind().equals("postgres")) throw new GwrunError("backup", fn + ": " + path.getFileName() + " is a " + m.kind() + " backup; use backup.restore_volume");
        boolean clean = a.bool("clean", false);
        long started = System.nanoTime();
        PgTool.Outcome o;
        VerifyingFeed feed = null;
        if (plain) {
            if (clean) throw new GwrunError("backup", fn + ": clean: needs a custom or tar backup; a plain SQL backup restores as written");
            PgTool psql = PgTool.find(fn, "psql", a.string("psql", null), ctx);
            o = psql.run(List.of("--no-password", "--quiet", "-v", "ON_ERROR_STOP=1", "--single-transaction", "-f", path.toString()), url, ctx, null);
        } else {
            PgTool restore = PgTool.find(fn, "pg_restore", a.string("pg_restore", null), ctx);
            List<String> args = new ArrayList<>(List.of("--no-password", "--single-transaction", "--exit-on-error",
                    "--format=" + (m.format().equals("tar") ? "t" : "c")));
            if (clean) args.addAll(List.of("--clean", "--if-exists"));
            args.add("--dbname=" + url.database());
            feed = new VerifyingFeed(path, m);
            o = restore.run(args, url, ctx, null, feed);
            if (!feed.matched()) throw Manifest.corrupt(fn, path, feed.actualSha256(), feed.bytesRead(), m, " (nothing was restored)");
        }
        if (o.exit() != 0) {
            throw new GwrunError("backup", ctx.mask(fn + ": restoring " + path.getFileName() + " into " + url.display() + " failed: "
                    + PgTool.firstError(o.stderr()) + " (nothing was changed: the restore runs in one transaction)"));
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        ctx.log("backup: restored " + path.getFileName() + " into " + url.display() + " in " + Durations.format(took));
        return new Fields(BackupModule.RESTORE_TYPE, Fields.map("path", path.toString(), "target", url.display(), "elapsed", took),
                "restored " + path.getFileName());
    }

    /** Copies the dump into the file, hashing as it goes, so the checksum costs no second read. */
    private static long copy(InputStream in, AtomicFile file, MessageDigest md) throws IOException {
        byte[] buf = new byte[BUFFER];
        long total = 0;
        for (int n; (n = in.read(buf)) > 0; ) {
            md.update(buf, 0, n);
            ByteBuffer b = ByteBuffer.wrap(buf, 0, n);
            while (b.hasRemaining()) file.channel().write(b);
            total += n;
        }
        return total;
    }

    static Fields backup(Path target, long size, String sha256, Instant created, String source) {
        return new Fields(BackupModule.BACKUP_TYPE, Fields.map("path", target.toString(), "size", size, "sha256", sha256,
                "created", created, "source", source, "manifest", Manifest.pathOf(target).toString()),
                target.getFileName() + " (" + human(size) + ")");
    }

    static String reason(IOException e) {
        if (e instanceof FileSystemException f && f.getReason() != null) return f.getReason() + " (" + f.getFile() + ")";
        return String.valueOf(e.getMessage());
    }

    static String human(long bytes) {
        if (bytes < 1024) return bytes + " B";
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double v = bytes;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(java.util.Locale.ROOT, "%.1f %s", v, units[u]);
    }
}
