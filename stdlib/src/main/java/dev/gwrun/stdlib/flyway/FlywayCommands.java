package dev.gwrun.stdlib.flyway;

import dev.gwrun.host.Args;
import dev.gwrun.host.CallContext;
import dev.gwrun.runtime.Durations;
import dev.gwrun.runtime.GwrunError;
import dev.gwrun.stdlib.Fields;
import dev.gwrun.stdlib.postgres.PgUrl;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.core.api.output.BaselineResult;
import org.flywaydb.core.api.output.CleanResult;
import org.flywaydb.core.api.output.MigrateOutput;
import org.flywaydb.core.api.output.MigrateResult;
import org.flywaydb.core.api.output.RepairOutput;
import org.flywaydb.core.api.output.RepairResult;
import org.flywaydb.core.api.output.ValidateOutput;
import org.flywaydb.core.api.output.ValidateResult;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** The implementations of the flyway functions: one Flyway per call, configured from its arguments. */
final class FlywayCommands {

    /** One call's connection and configuration. */
    private record Call(String function, PgUrl url, FluentConfiguration config, List<String> locations, CallContext ctx) {
        Flyway flyway() { return new Flyway(config); }

        GwrunError failure(FlywayException e) { return FlywayFailure.of(function, e, url, ctx); }

        /** Runs the call's Flyway work; a FlywayException becomes the function's runbook error. */
        <T> T run(Function<Flyway, T> work) {
            try {
                return work.apply(flyway());
            } catch (FlywayException e) {
                throw failure(e);
            }
        }
    }

    private static Call call(String function, Args a, CallContext ctx) {
        QuietFlywayLog.install();
        PgUrl url = PgUrl.parse(a.string("url"), a.string("user", null), a.string("password", null), function).registerSecrets(ctx);
        FluentConfiguration config = Flyway.configure(FlywayCommands.class.getClassLoader())
                .dataSource(url.jdbcUrl(), url.user(), url.password())
                .connectRetries(0)
                .validateMigrationNaming(true)
                .cleanDisabled(true);
        List<String> locations = List.of();
        if (a.signature().param("locations") != null && a.has("locations")) {
            locations = Locations.given(a.value("locations"), function);
            for (String g : locations) {
                Path dir = Locations.directory(g, ctx.directory(), function);
                if (dir != null && !java.nio.file.Files.isDirectory(dir)) {
                    throw new GwrunError("flyway", function + ": migrations directory " + dir + " does not exist");
                }
            }
            config.locations(Locations.forFlyway(locations, ctx.directory(), function).toArray(String[]::new)).failOnMissingLocations(true);
        }
        List<Object> schemas = a.list("schemas");
        if (!schemas.isEmpty()) config.schemas(schemas.stream().map(String::valueOf).toArray(String[]::new));
        ctx.cancellation().check();
        return new Call(function, url, config, locations, ctx);
    }

    Object migrate(Args a, CallContext ctx) {
        Call c = call("flyway.migrate", a, ctx);
        if (a.has("target")) c.config().target(a.string("target"));
        c.config().baselineOnMigrate(a.bool("baseline_on_migrate", false));
        boolean allowDestructive = a.bool("allow_destructive", false);
        long started = System.nanoTime();
        return c.run(flyway -> {
            var before = flyway.info();
            String from = version(before.current());
            List<MigrationSafety.Finding> findings = gate(before.pending(), c);
            if (!findings.isEmpty() && !allowDestructive) {
                StringBuilder b = new StringBuilder("flyway.migrate: refusing " + count(findings.size(), "destructive operation")
                        + " in pending migrations (allow_destructive: true runs them):");
                for (MigrationSafety.Finding f : findings) b.append("\n  ").append(f.describe());
                throw new GwrunError("flyway", ctx.mask(b.toString()));
            }
            for (MigrationSafety.Finding f : findings) ctx.log("flyway: allowed destructive " + f.describe());
            ctx.cancellation().check();
            MigrateResult result = flyway.migrate();
            List<Object> applied = new ArrayList<>();
            for (MigrateOutput m : result.migrations) {
                applied.add(Fields.map("version", m.version == null || m.version.isEmpty() ? null : m.version,
                        "description", m.description, "script", Path.of(m.filepath).getFileName().toString()));
                ctx.log("flyway: applied " + (m.version == null || m.version.isEmpty() ? "" : m.version + " ") + m.description
                        + " (" + m.executionTime + "ms)");
            }
            String to = version(flyway.info().current());
            Duration duration = Duration.ofNanos(System.nanoTime() - started);
            ctx.log(applied.isEmpty()
                    ? "flyway: " + c.url().display() + " is up to date at version " + (to == null ? "none" : to)
                    : "flyway: " + c.url().display() + " migrated from " + (from == null ? "empty" : from) + " to " + to
                    + " in " + Durations.format(duration));
            List<Object> shown = new ArrayList<>();
            for (MigrationSafety.Finding f : findings) shown.add(finding(f));
            return new Fields(FlywayModule.MIGRATE_RESULT, Fields.map("applied", applied, "from", from, "to", to,
                    "duration", duration, "findings", shown),
                    "migrated " + (from == null ? "empty" : from) + " → " + to + " (" + count(applied.size(), "migration") + ")");
        });
    }

    Object info(Args a, CallContext ctx) {
        Call c = call("flyway.info", a, ctx);
        return c.run(flyway -> {
            var info = flyway.info();
            List<Object> applied = new ArrayList<>(), pending = new ArrayList<>();
            for (MigrationInfo m : info.applied()) applied.add(migration(m));
            for (MigrationInfo m : info.pending()) pending.add(migration(m));
            String current = version(info.current());
            return new Fields(FlywayModule.INFO_RESULT, Fields.map("current", current, "pending", pending, "applied", applied),
                    "version " + (current == null ? "none" : current) + ", " + pending.size() + " pending");
        });
    }

    Object validate(Args a, CallContext ctx) {
        Call c = call("flyway.validate", a, ctx);
        // Pending migrations are what migrate is for; validating before migrating must not fail on them.
        c.config().ignoreMigrationPatterns("*:future", "*:pending");
        return c.run(flyway -> {
            ValidateResult r = flyway.validateWithResult();
            List<Object> problems = new ArrayList<>();
            if (r.invalidMigrations != null) {
                for (ValidateOutput o : r.invalidMigrations) {
                    String what = o.filepath != null && !o.filepath.isEmpty() ? Path.of(o.filepath).getFileName().toString() : "version " + o.version;
                    problems.add(ctx.mask(what + ": " + (o.errorDetails == null ? "invalid" : FlywayFailure.firstLine(o.errorDetails.errorMessage))));
                }
            }
            if (!r.validationSuccessful && problems.isEmpty() && r.errorDetails != null) {
                problems.add(ctx.mask(FlywayFailure.firstLine(r.errorDetails.errorMessage)));
            }
            if (!problems.isEmpty() && a.bool("check", true)) {
                throw new GwrunError("flyway", "flyway.validate: " + String.join("; ", problems.stream().map(String::valueOf).toList()));
            }
            return new Fields(FlywayModule.VALIDATE_RESULT, Fields.map("ok", problems.isEmpty(), "problems", problems),
                    problems.isEmpty() ? "valid" : String.join("; ", problems.stream().map(String::valueOf).toList()));
        });
    }

    Object repair(Args a, CallContext ctx) {
        Call c = call("flyway.repair", a, ctx);
        return c.run(flyway -> {
            RepairResult r = flyway.repair();
            List<Object> removed = new ArrayList<>(), aligned = new ArrayList<>();
            if (r.migrationsRemoved != null) for (RepairOutput o : r.migrationsRemoved) removed.add(repaired(o));
            if (r.migrationsDeleted != null) for (RepairOutput o : r.migrationsDeleted) removed.add(repaired(o));
            if (r.migrationsAligned != null) for (RepairOutput o : r.migrationsAligned) aligned.add(repaired(o));
            ctx.log("flyway: repaired " + c.url().display() + ": " + count(removed.size(), "failed entry") + " removed, "
                    + count(aligned.size(), "checksum") + " realigned");
            return new Fields(FlywayModule.REPAIR_RESULT, Fields.map("removed", removed, "aligned", aligned), null);
        });
    }

    Object baseline(Args a, CallContext ctx) {
        Call c = call("flyway.baseline", a, ctx);
        if (a.has("version")) c.config().baselineVersion(a.string("version"));
        if (a.has("description")) c.config().baselineDescription(a.string("description"));
        return c.run(flyway -> {
            BaselineResult r = flyway.baseline();
            ctx.log("flyway: baselined " + c.url().display() + " at version " + r.baselineVersion);
            return new Fields(FlywayModule.BASELINE_RESULT, Fields.map("version", r.baselineVersion, "baselined", r.successfullyBaselined), null);
        });
    }

    Object clean(Args a, CallContext ctx) {
        Call c = call("flyway.clean", a, ctx);
        List<String> schemas = a.list("schemas").stream().map(String::valueOf).toList();
        List<String> objects = CleanPreview.objects(c.url(), schemas, ctx);
        String listed = CleanPreview.summary(objects);
        if (!a.bool("allow_clean", false)) {
            throw new GwrunError("flyway", ctx.mask("flyway.clean: refusing to drop " + count(objects.size(), "object") + " in "
                    + c.url().display() + (objects.isEmpty() ? "" : ": " + listed) + " (allow_clean: true drops them)"));
        }
        c.config().cleanDisabled(false);
        return c.run(flyway -> {
            CleanResult r = flyway.clean();
            List<Object> cleaned = new ArrayList<>();
            if (r.schemasCleaned != null) cleaned.addAll(r.schemasCleaned);
            if (r.schemasDropped != null) cleaned.addAll(r.schemasDropped);
            ctx.log("flyway: cleaned " + c.url().display() + ": dropped " + count(objects.size(), "object") + (objects.isEmpty() ? "" : ": " + listed));
            return new Fields(FlywayModule.CLEAN_RESULT, Fields.map("schemas", cleaned, "dropped", new ArrayList<Object>(objects)), null);
        });
    }

    Object check(Args a, CallContext ctx) throws IOException {
        List<String> given = Locations.given(a.value("locations"), "flyway.check");
        List<Path> files;
        if (a.has("url")) {
            Call c = call("flyway.check", a, ctx);
            files = c.run(flyway -> sqlFiles(flyway.info().pending()));
        } else {
            files = Locations.sqlMigrations(given, ctx.directory(), "flyway.check");
        }
        List<MigrationSafety.Finding> findings = MigrationSafety.analyse(files);
        List<Object> shown = new ArrayList<>();
        for (MigrationSafety.Finding f : findings) {
            shown.add(finding(f));
            ctx.log("flyway: " + f.describe());
        }
        List<Object> names = new ArrayList<>();
        for (Path f : files) names.add(f.getFileName().toString());
        ctx.log("flyway: " + count(files.size(), "migration") + " checked, " + count(findings.size(), "destructive operation"));
        return new Fields(FlywayModule.CHECK_RESULT, Fields.map("ok", findings.isEmpty(), "findings", shown, "files", names),
                findings.isEmpty() ? "no destructive operations" : count(findings.size(), "destructive operation"));
    }

    /** The safety gate: findings in the pending SQL migrations. */
    private static List<MigrationSafety.Finding> gate(MigrationInfo[] pending, Call c) {
        try {
            return MigrationSafety.analyse(sqlFiles(pending));
        } catch (IOException e) {
            throw new GwrunError("flyway", c.function() + ": cannot read a pending migration: " + e.getMessage());
        }
    }

    private static List<Path> sqlFiles(MigrationInfo[] migrations) {
        List<Path> files = new ArrayList<>();
        for (MigrationInfo m : migrations) {
            String loc = m.getPhysicalLocation();
            if (loc != null && loc.endsWith(".sql") && java.nio.file.Files.isRegularFile(Path.of(loc))) files.add(Path.of(loc));
        }
        return files;
    }

    static Map<String, Object> finding(MigrationSafety.Finding f) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("file", f.file());
        m.put("line", (long) f.line());
        m.put("severity", f.severity().label());
        m.put("operation", f.operation());
        m.put("statement", f.statement());
        m.put("text", f.describe());
        return m;
    }

    private static Map<String, Object> migration(MigrationInfo m) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("version", version(m));
        out.put("description", m.getDescription());
        out.put("script", m.getScript() == null ? null : Path.of(m.getScript()).getFileName().toString());
        out.put("state", m.getState().getDisplayName());
        out.put("installed_on", m.getInstalledOn() == null ? null : m.getInstalledOn().toInstant());
        return out;
    }

    private static Map<String, Object> repaired(RepairOutput o) {
        return Fields.map("version", o.version, "description", o.description,
                "script", o.filepath == null || o.filepath.isEmpty() ? null : Path.of(o.filepath).getFileName().toString());
    }

    private static String version(MigrationInfo m) {
        return m == null || m.getVersion() == null ? null : m.getVersion().getVersion();
    }

    static String count(int n, String noun) {
        String plural = noun.endsWith("y") ? noun.substring(0, noun.length() - 1) + "ies" : noun + "s";
        return n + " " + (n == 1 ? noun : plural);
    }
}
