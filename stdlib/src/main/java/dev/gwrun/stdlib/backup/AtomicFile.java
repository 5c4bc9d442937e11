package dev.gwrun.stdlib.backup;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * A file written under a temporary name in its final directory and renamed into place once it is
 * complete and on disk: readers see the whole file or none, and a failure leaves nothing behind.
 */
final class AtomicFile implements AutoCloseable {
    private final Path target;
    private final Path temp;
    private final FileChannel channel;
    private boolean committed;

    private AtomicFile(Path target, Path temp, FileChannel channel) {
        this.target = target;
        this.temp = temp;
        this.channel = channel;
    }

    /** Opens {@code .<name>.<random>.partial} beside the target. */
    static AtomicFile create(Path target) throws IOException {
        Path temp = Files.createTempFile(target.getParent(), "." + target.getFileName() + ".", ".partial");
        try {
            return new AtomicFile(target, temp, FileChannel.open(temp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING));
        } catch (IOException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
    }

    FileChannel channel() { return channel; }

    Path temp() { return temp; }

    /** fsync, rename into place, fsync the directory so the rename itself survives a crash. */
    void commit() throws IOException {
        channel.force(true);
        channel.close();
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("cannot rename " + temp + " to " + target + " atomically", e);
        }
        committed = true;
        syncDirectory(target.getParent());
    }

    /** Writes a small file atomically in one go. */
    static void write(Path target, byte[] content) throws IOException {
        try (AtomicFile f = create(target)) {
            java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(content);
            while (b.hasRemaining()) f.channel().write(b);
            f.commit();
        }
    }

    static void syncDirectory(Path dir) {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException e) {
            // Some file systems cannot open a directory for syncing; the rename is still atomic there.
        }
    }

    /** Without commit(), the temporary file is removed: a failed backup leaves nothing. */
    @Override
    public void close() throws IOException {
        if (committed) return;
        try {
            channel.close();
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
