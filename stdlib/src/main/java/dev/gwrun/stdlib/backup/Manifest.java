package dev.gwrun.stdlib.backup;

import dev.gwrun.runtime.GwrunError;
import dev.gwrun.runtime.Json;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * The JSON file beside a backup ({@code app-20261122T101500Z.dump.json}): what it is, its size and
 * sha256, where it came from, and which gwrun wrote it. Verify and restore trust the backup only
 * when its bytes still match.
 */
record Manifest(String kind, String file, long size, String sha256, String source, String format, Instant created,
                Map<String, Object> extra) {

    static Path pathOf(Path backup) {
        return backup.resolveSibling(backup.getFileName() + ".json");
    }

    void write(Path backup) throws IOException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", kind);
        m.put("file", file);
        m.put("size", size);
        m.put("sha256", sha256);
        m.put(kind.equals("postgres") ? "database" : "volume", source);
        m.put("format", format);
        m.put("created", created.toString());
        m.putAll(extra);
        m.put("gwrun_version", gwrunVersion());
        AtomicFile.write(pathOf(backup), (Json.write(m) + "\n").getBytes(StandardCharsets.UTF_8));
    }

    @SuppressWarnings("unchecked")
    static Manifest read(Path backup, String function) {
        Path p = pathOf(backup);
        Object parsed;
        try {
            parsed = Json.parse(Files.readString(p));
        } catch (NoSuchFileException e) {
            throw new GwrunError("backup", function + ": " + backup + " has no manifest (" + p.getFileName() + "); it was not written by backup.*");
        } catch (IOException | RuntimeException e) {
            throw new GwrunError("backup", function + ": cannot read the manifest " + p + ": " + e.getMessage());
        }
        if (!(parsed instanceof Map<?, ?> raw) || !(raw.get("sha256") instanceof String sha) || !(raw.get("size") instanceof Long size)) {
            throw new GwrunError("backup", function + ": the manifest " + p + " has no sha256 and size");
        }
        Map<String, Object> m = (Map<String, Object>) raw;
        String kind = String.valueOf(m.getOrDefault("kind", "postgres"));
        Object source = m.containsKey("database") ? m.get("database") : m.get("volume");
        Instant created = m.get("created") instanceof String s ? Instant.parse(s) : null;
        return new Manifest(kind, String.valueOf(m.get("file")), size, sha, String.valueOf(source), String.valueOf(m.get("format")), created, m);
    }

    /** Refuses a backup whose size or checksum differs from its manifest. */
    static Manifest checked(Path backup, String function) {
        if (!Files.isRegularFile(backup)) throw new GwrunError("backup", function + ": " + backup + " does not exist");
        Manifest m = read(backup, function);
        String actual;
        long size;
        try {
            size = Files.size(backup);
            actual = sha256(backup);
        } catch (IOException e) {
            throw new GwrunError("backup", function + ": cannot read " + backup + ": " + e.getMessage());
        }
        if (size != m.size() || !actual.equals(m.sha256())) throw corrupt(function, backup, actual, size, m, "");
        return m;
    }

    /** The manifest, after checking the size only: the sha256 is checked while the backup is read (restore). */
    static Manifest sizeChecked(Path backup, String function) {
        if (!Files.isRegularFile(backup)) throw new GwrunError("backup", function + ": " + backup + " does not exist");
        Manifest m = read(backup, function);
        long size;
        try {
            size = Files.size(backup);
        } catch (IOException e) {
            throw new GwrunError("backup", function + ": cannot read " + backup + ": " + e.getMessage());
        }
        if (size != m.size()) {
            throw new GwrunError("backup", function + ": " + backup.getFileName() + " is corrupt: it has " + size
                    + " bytes, the manifest says " + m.size());
        }
        return m;
    }

    static GwrunError corrupt(String function, Path backup, String actual, long size, Manifest m, String note) {
        return new GwrunError("backup", function + ": " + backup.getFileName() + " is corrupt: sha256 " + shortHash(actual) + " ("
                + size + " bytes) does not match the manifest's " + shortHash(m.sha256()) + " (" + m.size() + " bytes)" + note);
    }

    static String sha256(Path file) throws IOException {
        MessageDigest md = digest();
        ByteBuffer buf = ByteBuffer.allocateDirect(1 << 20);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            while (ch.read(buf) >= 0) {
                buf.flip();
                md.update(buf);
                buf.clear();
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }

    static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no SHA-256", e);
        }
    }

    static String shortHash(String sha) {
        return sha.length() > 12 ? sha.substring(0, 12) + "…" : sha;
    }

    static String gwrunVersion() {
        try (InputStream in = Manifest.class.getResourceAsStream("/gwrun-version.properties")) {
            Properties p = new Properties();
            if (in != null) p.load(in);
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
