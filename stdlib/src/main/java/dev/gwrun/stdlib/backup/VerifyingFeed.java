package dev.gwrun.stdlib.backup;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * Feeds a backup to pg_restore's stdin while hashing it, so checking the sha256 costs no pass of its own,
 * yet a corrupt backup is never committed: the last {@link #TAIL} bytes are held back until the whole
 * file's sha256 matches the manifest. pg_restore cannot finish its single transaction without them, so on
 * a mismatch the caller kills it and the server rolls everything back. (The size was checked before, so
 * nothing can hide after the bytes pg_restore needs.)
 */
final class VerifyingFeed implements PgTool.Feed {
    static final int TAIL = 1 << 20;
    private static final int BUFFER = 1 << 20;

    private final Path path;
    private final Manifest manifest;
    private volatile boolean matched;
    private volatile String actual = "";
    private volatile long read;

    VerifyingFeed(Path path, Manifest manifest) {
        this.path = path;
        this.manifest = manifest;
    }

    @Override
    public void feed(OutputStream stdin) throws IOException {
        MessageDigest md = Manifest.digest();
        long tailStart = Math.max(0, manifest.size() - TAIL);
        boolean piping = true;
        try (InputStream in = Files.newInputStream(path)) {
            byte[] buf = new byte[BUFFER];
            long pos = 0;
            while (pos < tailStart) {
                int n = in.read(buf, 0, (int) Math.min(buf.length, tailStart - pos));
                if (n < 0) break;
                md.update(buf, 0, n);
                pos += n;
                if (piping) piping = write(stdin, buf, n);
            }
            byte[] tail = in.readAllBytes();
            md.update(tail);
            read = pos + tail.length;
            actual = HexFormat.of().formatHex(md.digest());
            matched = actual.equals(manifest.sha256()) && read == manifest.size();
            if (!matched) throw new IOException("the backup does not match its manifest; pg_restore stopped before committing");
            if (piping) write(stdin, tail, tail.length);
        } finally {
            if (matched) close(stdin);
        }
    }

    /** False once pg_restore stopped reading (it failed; its own error says why): the rest is only hashed. */
    private static boolean write(OutputStream stdin, byte[] buf, int n) {
        try {
            stdin.write(buf, 0, n);
            return true;
        } catch (IOException brokenPipe) {
            return false;
        }
    }

    private static void close(OutputStream stdin) {
        try {
            stdin.close();
        } catch (IOException ignored) {
            // pg_restore already exited; its exit status tells the rest.
        }
    }

    boolean matched() { return matched; }

    String actualSha256() { return actual; }

    long bytesRead() { return read; }
}
