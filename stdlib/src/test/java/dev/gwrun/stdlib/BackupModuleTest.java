package dev.gwrun.stdlib;

import dev.gwrun.runtime.GwrunError;
import dev.gwrun.runtime.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static dev.gwrun.stdlib.Postgres.call;
import static dev.gwrun.stdlib.Postgres.field;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** backup.postgres, verify, restore and prune against the real PostgreSQL server and the real pg_dump. */
@Timeout(120)
class BackupModuleTest {
    private static final String ROWS = "select id, name, price from items order by id";
    private static Postgres db;

    @TempDir Path dir;
    private TestCallContext ctx;

    @BeforeAll
    static void createDatabase() throws Exception {
        db = Postgres.freshDatabase("backup");
        db.execute("""
                create table items (id int primary key, name text, price numeric);
                insert into items select g, 'item ' || g || ' ''quoted'' ünïcode', g * 1.5 from generate_series(1, 5000) g;
                """);
    }

    @AfterAll
    static void dropDatabase() throws Exception {
        if (db != null) db.close();
    }

    @BeforeEach
    void setUp() {
        ctx = new TestCallContext(dir);
    }

    private Object backup() throws Exception {
        return call("backup.postgres", Map.of("url", db.url(), "dir", "backups"), ctx);
    }

    private List<String> files(Path d) throws Exception {
        if (!Files.exists(d)) return List.of();
        try (Stream<Path> s = Files.list(d)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void backupDropRestoreBringsTheRowsBackByteForByte() throws Exception {
        String before = db.checksum(ROWS);
        Object b = backup();
        Path path = Path.of((String) field(b, "path"));
        assertThat(path.getParent()).isEqualTo(dir.resolve("backups"));
        assertThat(path.getFileName().toString()).matches(db.name() + "-\\d{8}T\\d{6}Z\\.dump");
        assertThat(files(dir.resolve("backups"))).containsExactly(path.getFileName().toString(), path.getFileName() + ".json");
        assertThat(field(b, "size")).isEqualTo(Files.size(path));
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(path)));
        assertThat(field(b, "sha256")).isEqualTo(sha);
        assertThat(field(b, "created")).isInstanceOf(Instant.class);

        @SuppressWarnings("unchecked")
        Map<String, Object> manifest = (Map<String, Object>) Json.parse(Files.readString(Path.of(path + ".json")));
        assertThat(manifest).containsEntry("kind", "postgres").containsEntry("sha256", sha).containsEntry("size", Files.size(path))
                .containsEntry("database", db.name()).containsEntry("format", "custom").containsKeys("server_version", "gwrun_version", "created");
        assertThat((String) manifest.get("server_version")).matches("\\d+\\.\\d+");

        Object v = call("backup.verify", Map.of("path", path.toString()), ctx);
        assertThat((Long) field(v, "entries")).isGreaterThan(0);

        db.execute("drop table items");
        call("backup.restore", Map.of("path", path.toString(), "url", db.url()), ctx);
        assertThat(db.checksum(ROWS)).isEqualTo(before);

        db.execute("update items set name = 'changed'");
        call("backup.restore", Map.of("path", path.toString(), "url", db.url(), "clean", true), ctx);
        assertThat(db.checksum(ROWS)).isEqualTo(before);
        assertThat(ctx.lines()).noneMatch(l -> l.text().contains(db.password()));
    }

    @Test
    void aCorruptedBackupIsRefusedByVerifyAndRestore() throws Exception {
        Path path = Path.of((String) field(backup(), "path"));
        byte[] bytes = Files.readAllBytes(path);
        bytes[bytes.length / 2] ^= 0x5a;
        Files.write(path, bytes);
        assertThatThrownBy(() -> call("backup.verify", Map.of("path", path.toString()), ctx)).isInstanceOf(GwrunError.class)
                .hasMessageMatching("backup\\.verify: " + path.getFileName() + " is corrupt: sha256 [0-9a-f]{12}… \\(\\d+ bytes\\) does not match"
                        + " the manifest's [0-9a-f]{12}… \\(\\d+ bytes\\)");
        String before = db.checksum(ROWS);
        db.execute("create table marker (id int)");
        assertThatThrownBy(() -> call("backup.restore", Map.of("path", path.toString(), "url", db.url(), "clean", true), ctx))
                .hasMessageStartingWith("backup.restore: " + path.getFileName() + " is corrupt: ");
        assertThat(db.checksum(ROWS)).isEqualTo(before);
        assertThat(db.query("select count(*) from marker")).containsExactly(List.of("0"));
        db.execute("drop table marker");
    }

    @Test
    void corruptionInTheLastBytesIsCaughtBeforePgRestoreCommits() throws Exception {
        // Larger than the tail held back, so pg_restore has restored most of it when the mismatch is found.
        db.execute("create table bulk as select g as id, md5(g::text) || md5((g * 7)::text) as v from generate_series(1, 60000) g");
        Path path = Path.of((String) field(backup(), "path"));
        assertThat(Files.size(path)).isGreaterThan(2L << 20);
        db.execute("drop table bulk");
        db.execute("update items set name = 'changed after the backup'");
        String changed = db.checksum(ROWS);
        byte[] bytes = Files.readAllBytes(path);
        bytes[bytes.length - 3] ^= 0x01;
        Files.write(path, bytes);
        assertThatThrownBy(() -> call("backup.restore", Map.of("path", path.toString(), "url", db.url(), "clean", true), ctx))
                .hasMessageStartingWith("backup.restore: " + path.getFileName() + " is corrupt: sha256 ")
                .hasMessageEndingWith("(nothing was restored)");
        assertThat(db.checksum(ROWS)).as("pg_restore was stopped before its transaction committed").isEqualTo(changed);
        assertThat(db.query("select count(*) from pg_tables where tablename = 'bulk'")).containsExactly(List.of("0"));
        Files.write(path, Arrays.copyOf(bytes, bytes.length - 1));
        assertThatThrownBy(() -> call("backup.restore", Map.of("path", path.toString(), "url", db.url()), ctx))
                .hasMessage("backup.restore: " + path.getFileName() + " is corrupt: it has " + (bytes.length - 1)
                        + " bytes, the manifest says " + bytes.length);
        db.execute("truncate items; insert into items select g, 'item ' || g || ' ''quoted'' ünïcode', g * 1.5 from generate_series(1, 5000) g");
    }

    @Test
    void aBackupPgRestoreCannotReadFailsVerifyEvenWithAMatchingManifest() throws Exception {
        Path path = Path.of((String) field(backup(), "path"));
        byte[] garbage = "this is not a pg_dump archive".getBytes();
        Files.write(path, garbage);
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(garbage));
        Path manifest = Path.of(path + ".json");
        String json = Files.readString(manifest).replaceAll("\"sha256\":\"[0-9a-f]+\"", "\"sha256\":\"" + sha + "\"")
                .replaceAll("\"size\":\\d+", "\"size\":" + garbage.length);
        Files.writeString(manifest, json);
        assertThatThrownBy(() -> call("backup.verify", Map.of("path", path.toString()), ctx))
                .hasMessage("backup.verify: pg_restore cannot read " + path.getFileName() + ": input file does not appear to be a valid archive (too short?)");
    }

    @Test
    void aDumpWithTheWrongPasswordLeavesNothingAndMasksThePassword() throws Exception {
        var pg = db.pg();
        String wrong = "postgresql://" + pg.user() + ":Wr0ng-s3cret@" + pg.host() + ":" + pg.port() + "/" + pg.database();
        assertThatThrownBy(() -> call("backup.postgres", Map.of("url", wrong, "dir", "backups"), ctx))
                .hasMessageStartingWith("backup.postgres: cannot connect to " + pg.display() + ": FATAL: password authentication failed")
                .hasMessageEndingWith("(SQLSTATE 28P01)")
                .hasMessageNotContaining("Wr0ng-s3cret");
        assertThat(files(dir.resolve("backups"))).isEmpty();
    }

    @Test
    void aDumpIntoAPathThatCannotBeADirectoryLeavesNothing() throws Exception {
        Files.writeString(dir.resolve("file"), "x");
        assertThatThrownBy(() -> call("backup.postgres", Map.of("url", db.url(), "dir", "file/backups"), ctx))
                .hasMessageStartingWith("backup.postgres: cannot write the backup in " + dir.resolve("file/backups") + ": ")
                .hasMessageNotContaining(db.password());
        assertThat(files(dir)).containsExactly("file");
    }

    @Test
    void aPgDumpThatFailsHalfWayLeavesNoPartialFile() throws Exception {
        // A real pg_dump that dies after writing part of its output, as on a full disk or a killed connection.
        Path failing = dir.resolve("failing-pg_dump");
        Files.writeString(failing, "#!/bin/sh\npg_dump \"$@\" | head -c 1000\necho 'pg_dump: error: connection lost' >&2\nexit 1\n");
        failing.toFile().setExecutable(true);
        assertThatThrownBy(() -> call("backup.postgres", Map.of("url", db.url(), "dir", "backups", "pg_dump", failing.toString()), ctx))
                .hasMessage("backup.postgres: pg_dump of " + db.pg().display() + " failed: connection lost");
        assertThat(files(dir.resolve("backups"))).isEmpty();
    }

    @Test
    void thePasswordReachesPgDumpThroughTheEnvironmentOnly() throws Exception {
        Path spy = dir.resolve("spy-pg_dump");
        Files.writeString(spy, "#!/bin/sh\necho \"args: $*\" > " + dir.resolve("seen") + "\necho \"env: $PGPASSWORD\" >> " + dir.resolve("seen")
                + "\nexec pg_dump \"$@\"\n");
        spy.toFile().setExecutable(true);
        call("backup.postgres", Map.of("url", db.url(), "dir", "backups", "pg_dump", spy.toString()), ctx);
        List<String> seen = Files.readAllLines(dir.resolve("seen"));
        assertThat(seen.get(0)).isEqualTo("args: --format=c --no-password").doesNotContain(db.password());
        assertThat(seen.get(1)).isEqualTo("env: " + db.password());
    }

    @Test
    void pruneKeepsExactlyWhatItShould() throws Exception {
        Path d = Files.createDirectories(dir.resolve("retention"));
        Instant now = Instant.now();
        String[] app = new String[5];
        for (int i = 0; i < 5; i++) {
            app[i] = "app-" + stamp(now.minus(Duration.ofDays(i))) + ".dump";
            Files.writeString(d.resolve(app[i]), "x");
            Files.writeString(d.resolve(app[i] + ".json"), "{}");
        }
        String vol = "uploads-" + stamp(now.minus(Duration.ofDays(30))) + ".tar.gz";
        Files.writeString(d.resolve(vol), "x");
        Files.writeString(d.resolve("notes.txt"), "not a backup");

        Object deleted = call("backup.prune", Map.of("dir", d.toString(), "keep", 3L), ctx);
        assertThat(deleted).isEqualTo(List.of(d.resolve(app[3]).toString(), d.resolve(app[4]).toString()));
        assertThat(files(d)).containsExactlyInAnyOrder(app[0], app[0] + ".json", app[1], app[1] + ".json", app[2], app[2] + ".json",
                vol, "notes.txt");

        Object old = call("backup.prune", Map.of("dir", d.toString(), "keep", 1L, "older_than", Duration.ofHours(36)), ctx);
        assertThat(old).isEqualTo(List.of(d.resolve(app[2]).toString()));
        Object byAge = call("backup.prune", Map.of("dir", d.toString(), "older_than", Duration.ofDays(7)), ctx);
        assertThat(byAge).isEqualTo(List.of(d.resolve(vol).toString()));
        assertThat(files(d)).containsExactlyInAnyOrder(app[0], app[0] + ".json", app[1], app[1] + ".json", "notes.txt");
        assertThatThrownBy(() -> call("backup.prune", Map.of("dir", d.toString()), ctx))
                .hasMessage("backup.prune: needs keep: (how many to keep) or older_than: (a duration), or both");
    }

    @Test
    void twoBackupsInOneSecondGetDistinctNames() throws Exception {
        Object a = backup();
        Object b = backup();
        assertThat(field(a, "path")).isNotEqualTo(field(b, "path"));
    }

    private static String stamp(Instant t) {
        return java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(java.time.ZoneOffset.UTC).format(t);
    }
}
