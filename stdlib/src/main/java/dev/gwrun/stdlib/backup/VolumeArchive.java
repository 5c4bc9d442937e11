package dev.gwrun.stdlib.backup;

import dev.gwrun.runtime.GwrunError;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/** The tar side of volume backups: the one-file rootfs of the helper image, and reading archives back. */
final class VolumeArchive {
    private VolumeArchive() {}

    /**
     * A rootfs holding one empty file, {@code /none}: enough for the Engine to create (never start) a
     * container that mounts the volume, so no image has to come from a registry.
     */
    static byte[] helperRootfs() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
            TarArchiveEntry e = new TarArchiveEntry("none");
            e.setMode(0755);
            e.setSize(0);
            tar.putArchiveEntry(e);
            tar.closeArchiveEntry();
            tar.finish();
        }
        return bytes.toByteArray();
    }

    /** Entries in an uncompressed tar stream other than the top directory itself. */
    static long countEntries(InputStream tarStream) throws IOException {
        long n = 0;
        try (TarArchiveInputStream tar = new TarArchiveInputStream(tarStream)) {
            for (TarArchiveEntry e; (e = tar.getNextEntry()) != null; ) {
                String name = e.getName();
                if (name.equals(VolumeBackups.MOUNT + "/") || name.equals(VolumeBackups.MOUNT)) continue;
                n++;
            }
        }
        return n;
    }

    /** The entries of a .tar.gz backup, reading it through to the end so a truncated archive fails. */
    static long countEntries(Path archive, String function) {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(archive), 1 << 16)) {
            return countEntries(in);
        } catch (IOException e) {
            throw new GwrunError("backup", function + ": " + archive.getFileName() + " is not a readable .tar.gz: " + e.getMessage());
        }
    }
}
