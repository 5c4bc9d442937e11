package dev.gwrun.cli;

import dev.gwrun.ast.Runbook;
import dev.gwrun.check.Checker;
import dev.gwrun.parse.Parsing;
import dev.gwrun.source.Diagnostic;
import dev.gwrun.source.SourceFile;
import dev.gwrun.stdlib.StandardLibrary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** gwrun check reads the migrations a literal locations: names and warns about destructive ones at the call. */
class MigrationCheckTest {
    @TempDir Path dir;

    private List<String> check(String body) throws Exception {
        Path file = dir.resolve("migrate.gwrun");
        Files.writeString(file, "runbook \"m\" {\n  let url = \"postgresql://h/db\"\n" + body + "\n}\n");
        var parsed = Parsing.parseRunbook(new SourceFile("migrate.gwrun", file, Files.readString(file)));
        assertThat(parsed.diagnostics()).isEmpty();
        Runbook rb = parsed.ast();
        return new Checker(StandardLibrary.registry()).check(rb).stream().map(Diagnostic::headline).toList();
    }

    @Test
    void destructiveMigrationsAreWarningsWithTheMigrationsFileAndLine() throws Exception {
        Path migrations = Files.createDirectories(dir.resolve("db/migrations"));
        Files.writeString(migrations.resolve("V1__create.sql"), "create table users (id int, legacy text);\n");
        Files.writeString(migrations.resolve("V2__contract.sql"), "-- drop table users;\nalter table users\n  drop column legacy;\n");
        assertThat(check("  flyway.migrate(url, locations: \"db/migrations\")\n  flyway.check(locations: [\"db/migrations\"])")).containsExactly(
                "migrate.gwrun:3:3: warning: destructive migration db/migrations/V2__contract.sql:3: critical DROP COLUMN:"
                        + " alter table users drop column legacy"
                        + " (flyway.migrate refuses it while it is pending, unless allow_destructive: true) [destructive-migration]",
                "migrate.gwrun:4:3: warning: destructive migration db/migrations/V2__contract.sql:3: critical DROP COLUMN:"
                        + " alter table users drop column legacy [destructive-migration]");
    }

    @Test
    void aMissingDirectoryIsAWarningAndComputedLocationsAreNotRead() throws Exception {
        assertThat(check("  flyway.migrate(url, locations: \"nope\")\n  let where = \"nope\"\n  flyway.migrate(url, locations: where)"))
                .containsExactly("migrate.gwrun:3:3: warning: flyway.migrate: migrations directory " + dir.resolve("nope")
                        + " does not exist [flyway-locations]");
    }

    // found by fuzzing (RunbookFuzzTestInputs/runbook/finding-nul-in-flyway-locations): an InvalidPathException escaped check
    @Test
    void aLocationWithANulInItIsAWarningNotAnException() throws Exception {
        assertThat(check("  flyway.migrate(url, locations: \"migratio\0ns\")")).containsExactly(
                "migrate.gwrun:3:3: warning: flyway.migrate: the location \"migratio\\u0000ns\" is not a file path"
                        + " (Nul character not allowed) [flyway-locations]");
    }

    @Test
    void safeMigrationsGiveNoWarnings() throws Exception {
        Path migrations = Files.createDirectories(dir.resolve("migrations"));
        Files.writeString(migrations.resolve("V1__create.sql"), "create table t (note text default 'drop table t');\n");
        assertThat(check("  flyway.migrate(url, locations: \"migrations\")")).isEmpty();
    }
}
