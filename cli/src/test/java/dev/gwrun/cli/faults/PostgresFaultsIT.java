package dev.gwrun.cli.faults;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * PostgreSQL and the backup directory fail under a run: the server crashes mid-migration, the backup
 * directory is read-only or fills up (a small tmpfs mounted for the test), gwrun is killed with
 * SIGKILL mid-backup. In each case the schema history stays consistent or no backup is left under a
 * final name, and the password never shows. The cluster is one of the test's own ({@link PrivatePostgres}).
 */
class PostgresFaultsIT {
    static PrivatePostgres pg;

    @TempDir
    Path dir;

    @BeforeAll
    static void cluster() throws Exception {
        pg = PrivatePostgres.start();
        pg.execute("postgres", "create database app");
        // About 3 MB of incompressible rows: a dump that cannot fit in the small tmpfs.
        pg.execute("app", "create table blobs as select g as id, (select string_agg(md5(random()::text || g || i), '') from generate_series(1, 30) i) as data"
                + " from generate_series(1, 3000) g");
    }

    @AfterAll
    static void stopCluster() throws Exception {
        if (pg != null) pg.close();
    }

    private GwrunProcess.Outcome run(String name, String runbook, String... params) throws Exception {
        Files.writeString(dir.resolve(name + ".gwrun"), runbook);
        String[] args = Stream.concat(Stream.of("run", name + ".gwrun", "-p", "url=" + pg.url("app")),
                Stream.of(params).flatMap(p -> Stream.of("-p", p))).toArray(String[]::new);
        GwrunProcess.Outcome o = GwrunProcess.run(dir, name, Map.of(), args);
        assertThat(o.all()).as("the password never shows").doesNotContain(PrivatePostgres.PASSWORD);
        return o;
    }

    private static List<String> files(Path d) throws Exception {
        if (!Files.exists(d)) return List.of();
        try (Stream<Path> s = Files.list(d)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private void tmpfs(Path at, String options) throws Exception {
        Files.createDirectories(at);
        Process p = new ProcessBuilder("mount", "-t", "tmpfs", "-o", options, "gwrun-fault", at.toString()).inheritIO().start();
        assertThat(p.waitFor()).as("mount -t tmpfs -o " + options + " (the test runs as root)").isZero();
    }

    private static void umount(Path at) throws Exception {
        new ProcessBuilder("umount", at.toString()).inheritIO().start().waitFor();
    }

    static final String BACKUP = """
            runbook "backup" {
              param url: string
              param dir: string
              step "backup" {
                log "backing up"
                backup.postgres(url, dir: dir)
              }
            }
            """;

    @Test
    void aBackupDirectoryThatIsFullOrReadOnlyFailsTheStepAndLeavesNoBackup() throws Exception {
        Path full = dir.resolve("full"), readOnly = dir.resolve("read-only");
        tmpfs(full, "size=256k");
        tmpfs(readOnly, "ro,size=256k");
        try {
            GwrunProcess.Outcome o = run("full", BACKUP, "dir=" + full);
            assertThat(o.exit()).as(o.all()).isEqualTo(1);
            assertThat(o.out()).contains("backup.postgres: cannot write the backup in " + full + ": No space left on device");
            assertThat(files(full)).as("neither the dump nor its partial file is left").isEmpty();

            GwrunProcess.Outcome ro = run("ro", BACKUP, "dir=" + readOnly);
            assertThat(ro.exit()).as(ro.all()).isEqualTo(1);
            assertThat(ro.out()).contains("backup.postgres: cannot write the backup in " + readOnly + ": Read-only file system");
            assertThat(files(readOnly)).isEmpty();
        } finally {
            umount(full);
            umount(readOnly);
        }
        // The same backup into a directory with room succeeds: the failures were the directory's.
        GwrunProcess.Outcome ok = run("ok", BACKUP, "dir=" + dir.resolve("roomy"));
        assertThat(ok.exit()).as(ok.all()).isZero();
        assertThat(files(dir.resolve("roomy"))).hasSize(2).anyMatch(n -> n.endsWith(".dump")).anyMatch(n -> n.endsWith(".dump.json"));
    }

    @Test
    void gwrunKilledMidBackupLeavesNoBackupUnderItsFinalNameAndTheNextOneVerifies() throws Exception {
        // pg_dump writes part of the dump, then stalls, as on a slow link: gwrun is killed meanwhile.
        Path stalling = dir.resolve("stalling-pg_dump");
        Files.writeString(stalling, "#!/bin/sh\necho $$ > " + dir.resolve("dumping") + "\npg_dump \"$@\" | head -c 100000\nsleep 120\n");
        assertThat(stalling.toFile().setExecutable(true)).isTrue();
        Files.writeString(dir.resolve("stall.gwrun"), """
                runbook "stall" {
                  param url: string
                  step "backup" { backup.postgres(url, dir: "backups", pg_dump: "%s") }
                }
                """.formatted(stalling));
        GwrunProcess run = GwrunProcess.start(dir, "stall", Map.of(), "run", "stall.gwrun", "-p", "url=" + pg.url("app"));
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (!Files.exists(dir.resolve("dumping")) && System.nanoTime() < deadline) Thread.sleep(50);
        Thread.sleep(1000);
        run.signal("KILL");
        assertThat(run.finish(30).exit()).isEqualTo(137);
        // The killed JVM's pg_dump wrapper lives on in its own right: end it (by its pid) before looking.
        long wrapper = Long.parseLong(Files.readString(dir.resolve("dumping")).strip());
        ProcessHandle.of(wrapper).ifPresent(w -> {
            w.descendants().forEach(ProcessHandle::destroyForcibly);
            w.destroyForcibly();
        });
        List<String> left = files(dir.resolve("backups"));
        assertThat(left).as("only the hidden partial file may be left").hasSize(1).allMatch(n -> n.startsWith(".app-") && n.endsWith(".partial"));
        assertThat(left).noneMatch(n -> n.endsWith(".dump") || n.endsWith(".json"));

        GwrunProcess.Outcome next = run("next", """
                runbook "next" {
                  param url: string
                  step "backup" {
                    let b = backup.postgres(url, dir: "backups")
                    backup.verify(b.path)
                    log "verified ${b.path}"
                  }
                }
                """);
        assertThat(next.exit()).as(next.all()).isZero();
        assertThat(next.out()).contains("verified ");
        assertThat(files(dir.resolve("backups")).stream().filter(n -> n.endsWith(".dump")).toList()).hasSize(1);

        // Pruning removes the killed backup's partial file once nothing has written to it for an hour; the backups stay.
        for (String n : left) Files.setLastModifiedTime(dir.resolve("backups").resolve(n), java.nio.file.attribute.FileTime.from(java.time.Instant.now().minusSeconds(7200)));
        GwrunProcess.Outcome pruned = run("prune", """
                runbook "prune" {
                  param url: string
                  step "prune" { backup.prune("backups", keep: 5) }
                }
                """);
        assertThat(pruned.exit()).as(pruned.all()).isZero();
        assertThat(pruned.out()).contains("backup: removed " + left.get(0) + ", left by a backup that never finished");
        assertThat(files(dir.resolve("backups"))).hasSize(2).noneMatch(n -> n.endsWith(".partial"));
    }

    @Test
    void postgresCrashingMidMigrationLeavesTheHistoryConsistentAndARerunFinishes() throws Exception {
        pg.execute("postgres", "create database mig");
        Path migrations = Files.createDirectories(dir.resolve("migrations"));
        Files.writeString(migrations.resolve("V1__items.sql"), "create table items (id int primary key, name text not null);\n");
        Files.writeString(migrations.resolve("V2__tags.sql"), """
                alter table items add column tags text;
                insert into items values (1, 'first', 'a');
                select pg_sleep(120);
                create index items_tags on items (tags);
                """);
        String migrate = """
                runbook "migrate" {
                  param url: string
                  step "migrate" {
                    let r = flyway.migrate(url, locations: "migrations")
                    log "applied ${len(r.applied)} (to ${r.to})"
                  }
                }
                """;
        Files.writeString(dir.resolve("migrate.gwrun"), migrate);
        GwrunProcess run = GwrunProcess.start(dir, "migrate", Map.of(), "run", "migrate.gwrun", "-p", "url=" + pg.url("mig"));
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (pg.query("postgres", "select 1 from pg_stat_activity where query like 'select pg_sleep(120)%'").isEmpty()) {
            assertThat(System.nanoTime()).as("V2 reached its pg_sleep:\n" + run.out()).isLessThan(deadline);
            Thread.sleep(100);
        }
        long crashed = System.nanoTime();
        pg.crash();
        GwrunProcess.Outcome o = run.finish(120);
        assertThat(o.exit()).as(o.all()).isEqualTo(1);
        assertThat(o.all()).doesNotContain(PrivatePostgres.PASSWORD).doesNotContain("\tat ");
        assertThat(o.out()).contains("✖ migrate", "V2__tags.sql");
        assertThat((System.nanoTime() - crashed) / 1_000_000).as("ms from the crash to the end of the run").isLessThan(30_000L);

        pg.startServer();
        // V2 ran in one transaction that never committed: the history has V1 only, and none of V2's changes.
        assertThat(pg.query("mig", "select version, success from flyway_schema_history where version is not null order by installed_rank"))
                .containsExactly(List.of("1", "t"));
        assertThat(pg.query("mig", "select count(*) from information_schema.columns where table_name = 'items' and column_name = 'tags'"))
                .containsExactly(List.of("0"));
        assertThat(pg.query("mig", "select count(*) from items")).containsExactly(List.of("0"));

        // The cause fixed (no stall), the same runbook applies V2 and only V2.
        Files.writeString(migrations.resolve("V2__tags.sql"), Files.readString(migrations.resolve("V2__tags.sql")).replace("select pg_sleep(120);\n", ""));
        GwrunProcess.Outcome rerun = GwrunProcess.run(dir, "rerun", Map.of(), "run", "migrate.gwrun", "-p", "url=" + pg.url("mig"));
        assertThat(rerun.exit()).as(rerun.all()).isZero();
        assertThat(rerun.out()).contains("applied 1 (to 2)");
        assertThat(pg.query("mig", "select version, success from flyway_schema_history where version is not null order by installed_rank"))
                .containsExactly(List.of("1", "t"), List.of("2", "t"));
    }
}
