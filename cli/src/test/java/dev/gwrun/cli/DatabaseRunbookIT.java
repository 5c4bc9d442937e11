package dev.gwrun.cli;

import dev.gwrun.stdlib.Postgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * runbooks/migrate.gwrun and runbooks/backup.gwrun run by the real bin/gwrun against the real PostgreSQL,
 * in a database of their own: migrate from empty, re-run, the safety gate, restore on failure, backups.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DatabaseRunbookIT {
    private static final Path ROOT = ExampleRunbookIT.ROOT;
    private static final String V4 = "-- contract step of the tags change\nalter table items drop column tags;\n";
    private static Postgres db;

    @TempDir static Path work;

    @BeforeAll
    static void createDatabase() throws Exception {
        db = Postgres.freshDatabase("runbooks");
    }

    @AfterAll
    static void dropDatabase() throws Exception {
        if (db != null) db.close();
    }

    private record Out(int exit, String text) {}

    /** bin/gwrun with DATABASE_URL set, from the repository root. */
    private static Out gwrun(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(ROOT.resolve("bin/gwrun").toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(ROOT.toFile()).redirectErrorStream(true);
        pb.environment().put("DATABASE_URL", db.url());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(180, TimeUnit.SECONDS)).isTrue();
        assertThat(out).as("the password never shows").doesNotContain(db.password());
        return new Out(p.exitValue(), out);
    }

    private static Out run(Path runbook, String... params) throws Exception {
        List<String> args = new ArrayList<>(List.of("run", runbook.toString()));
        for (String p : params) args.addAll(List.of("-p", p));
        return gwrun(args.toArray(String[]::new));
    }

    private static List<String> backups() throws IOException {
        Path dir = work.resolve("backups");
        if (!Files.exists(dir)) return List.of();
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".dump")).sorted().toList();
        }
    }

    private static String version() throws Exception {
        return db.query("select max(version::int) from flyway_schema_history where success and version is not null").get(0).get(0);
    }

    /** A copy of migrate.gwrun with its migrations, to add migrations to without touching the repository's. */
    private static Path copyOfMigrate(String name) throws IOException {
        Path dir = Files.createDirectories(work.resolve(name));
        Files.copy(ROOT.resolve("runbooks/migrate.gwrun"), dir.resolve("migrate.gwrun"));
        Files.createDirectories(dir.resolve("migrations"));
        try (Stream<Path> s = Files.list(ROOT.resolve("runbooks/migrations"))) {
            for (Path f : s.toList()) Files.copy(f, dir.resolve("migrations").resolve(f.getFileName()));
        }
        return dir;
    }

    @Test
    @Order(1)
    void migratesFromEmptyAfterABackupThenReRunsAsANoOp() throws Exception {
        Out first = run(ROOT.resolve("runbooks/migrate.gwrun"), "backup_dir=" + work.resolve("backups"));
        assertThat(first.exit()).as(first.text()).isZero();
        assertThat(first.text()).contains("✔ backup", "flyway: 3 migrations checked, 0 destructive operations",
                "migrated from empty to 3", "schema at version 3", "✔ run succeeded");
        assertThat(version()).isEqualTo("3");
        assertThat(backups()).hasSize(1);

        Out again = run(ROOT.resolve("runbooks/migrate.gwrun"), "backup_dir=" + work.resolve("backups"), "expected_version=3");
        assertThat(again.exit()).as(again.text()).isZero();
        assertThat(again.text()).contains("is up to date at version 3");
        assertThat(backups()).hasSize(2);
    }

    @Test
    @Order(2)
    void theSafetyGateWarnsAtCheckRefusesAtRunAndAllowsWithTheFlag() throws Exception {
        Path dir = copyOfMigrate("destructive");
        Files.writeString(dir.resolve("migrations/V4__drop_item_tags.sql"), V4);
        Out check = gwrun("check", dir.resolve("migrate.gwrun").toString());
        assertThat(check.exit()).as(check.text()).isZero();
        assertThat(check.text()).contains("warning: destructive migration migrations/V4__drop_item_tags.sql:2: critical DROP COLUMN:"
                + " alter table items drop column tags");

        // The gate is a precondition: refused before any step, so no backup was taken for nothing.
        Path backups = work.resolve("refused-backups");
        Out refused = run(dir.resolve("migrate.gwrun"), "backup_dir=" + backups);
        assertThat(refused.exit()).as(refused.text()).isEqualTo(4);
        assertThat(refused.text()).contains("critical: V4__drop_item_tags.sql:2: critical DROP COLUMN: alter table items drop column tags",
                "✖ guard refused: pending migrations are destructive (1 findings)", "refused before any step ran")
                .doesNotContain("● backup");
        assertThat(backups).doesNotExist();
        assertThat(version()).isEqualTo("3");

        Out allowed = run(dir.resolve("migrate.gwrun"), "backup_dir=" + work.resolve("backups"), "allow_destructive=true");
        assertThat(allowed.exit()).as(allowed.text()).isZero();
        assertThat(allowed.text()).contains("flyway: allowed destructive V4__drop_item_tags.sql:2", "schema at version 4");
        assertThat(version()).isEqualTo("4");
    }

    @Test
    @Order(3)
    void aFailureAfterMigratingRestoresTheBackupWithAutoRestore() throws Exception {
        db.execute("insert into items (name, price) select 'item ' || g, g from generate_series(1, 500) g");
        String rows = "select id, name, price from items order by id";
        String before = db.checksum(rows);
        Path dir = copyOfMigrate("restore");
        Files.writeString(dir.resolve("migrations/V4__drop_item_tags.sql"), V4);
        Files.writeString(dir.resolve("migrations/V5__reprice.sql"), "update items set price = price * 2;\n");

        Out failed = run(dir.resolve("migrate.gwrun"), "backup_dir=" + work.resolve("backups"), "expected_version=4", "auto_restore=true");
        assertThat(failed.exit()).as(failed.text()).isEqualTo(1);
        assertThat(failed.text()).contains("the schema is at version 5, expected 4", "restore it with: pg_restore --clean", "restored ");
        assertThat(db.checksum(rows)).as("the rows are back as they were before the run").isEqualTo(before);
        assertThat(version()).isEqualTo("4");
    }

    @Test
    @Order(4)
    void aFailingMigrationNamesTheFileAndKeepsTheVersion() throws Exception {
        Path dir = copyOfMigrate("failing");
        Files.writeString(dir.resolve("migrations/V4__drop_item_tags.sql"), V4);
        Files.writeString(dir.resolve("migrations/V5__add_name_again.sql"), "alter table items add column name text;\n");
        Out failed = run(dir.resolve("migrate.gwrun"), "backup_dir=" + work.resolve("backups"));
        assertThat(failed.exit()).as(failed.text()).isEqualTo(1);
        assertThat(failed.text()).contains("V5__add_name_again.sql: ERROR: column \"name\" of relation \"items\" already exists (SQLSTATE 42701)",
                "restore it with: pg_restore");
        assertThat(version()).isEqualTo("4");
    }

    @Test
    @Order(5)
    void theBackupRunbookBacksUpVerifiesAndPrunes() throws Exception {
        Path dir = work.resolve("scheduled");
        for (int i = 0; i < 3; i++) {
            Out r = run(ROOT.resolve("runbooks/backup.gwrun"), "backup_dir=" + dir, "keep=2", "max_age=0s");
            assertThat(r.exit()).as(r.text()).isZero();
            assertThat(r.text()).contains("is intact", "✔ prune");
        }
        try (Stream<Path> s = Files.list(dir)) {
            assertThat(s.filter(p -> p.toString().endsWith(".dump")).count()).isEqualTo(2);
        }
    }
}
