package dev.gwrun.stdlib.backup;

import dev.gwrun.runtime.GwrunError;
import dev.gwrun.runtime.Json;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/** The tar side of volume backups: the one-file rootfs of the helper image, and reading archives back. */
final class VolumeArchive {
    private VolumeArchive() {}

    /**
     * An image in {@code docker save} form whose rootfs holds one empty file, {@code /none}: enough for the
     * Engine to create (never start) a container that mounts the volume, so no image comes from a registry.
     * (docker-java's import call sends its stream as JSON, so the image goes through /images/load.)
     */
    static byte[] helperImage(String repoTag, String architecture) throws IOException {
        byte[] layer = tar(Map.of("none", new byte[0]), 0755);
        String diffId = "sha256:" + HexFormat.of().formatHex(Manifest.digest().digest(layer));
        byte[] config = Json.write(Map.of(
                "architecture", architecture, "os", "linux",
                "config", Map.of("Cmd", List.of("/none")),
                "rootfs", Map.of("type", "layers", "diff_ids", List.of(diffId)))).getBytes(StandardCharsets.UTF_8);
        String configName = HexFormat.of().formatHex(Manifest.digest().digest(config)) + ".json";
        byte[] manifest = Json.write(List.of(Map.of("Config", configName, "RepoTags", List.of(repoTag), "Layers", List.of("layer/layer.tar"))))
                .getBytes(StandardCharsets.UTF_8);
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("layer/layer.tar", layer);
        files.put(configName, config);
        files.put("manifest.json", manifest);
        return tar(files, 0644);
    }

    private static byte[] tar(Map<String, byte[]> files, int mode) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> f : files.entrySet()) {
                TarArchiveEntry e = new TarArchiveEntry(f.getKey());
                e.setMode(mode);
                e.setSize(f.getValue().length);
                tar.putArchiveEntry(e);
                tar.write(f.getValue());
                tar.closeArchiveEntry();
            }
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
