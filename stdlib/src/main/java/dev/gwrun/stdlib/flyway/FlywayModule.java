package dev.gwrun.stdlib.flyway;

import dev.gwrun.host.Effect;
import dev.gwrun.host.HostFunction;
import dev.gwrun.host.HostModule;
import dev.gwrun.host.ParamSpec;
import dev.gwrun.host.Signature;
import dev.gwrun.host.Type;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The {@code flyway} module: Flyway migrations against PostgreSQL, quiet by default, with the
 * migration-safety gate in front of {@code migrate}. Connection strings may be
 * {@code postgresql://user:pass@host:5432/db} or {@code jdbc:postgresql://…}; the password is masked in
 * everything gwrun prints.
 */
public final class FlywayModule implements HostModule {

    /** One migration in a list: a map with version, description, script (and state, for info). */
    public static final Type MIGRATE_RESULT = Type.object("flyway migrate result", Map.of(
            "applied", Type.LIST, "from", Type.STRING, "to", Type.STRING, "duration", Type.DURATION, "findings", Type.LIST));
    public static final Type INFO_RESULT = Type.object("flyway info", Map.of(
            "current", Type.STRING, "pending", Type.LIST, "applied", Type.LIST));
    public static final Type VALIDATE_RESULT = Type.object("flyway validate result", Map.of(
            "ok", Type.BOOL, "problems", Type.LIST));
    public static final Type REPAIR_RESULT = Type.object("flyway repair result", Map.of(
            "removed", Type.LIST, "aligned", Type.LIST));
    public static final Type BASELINE_RESULT = Type.object("flyway baseline result", Map.of(
            "version", Type.STRING, "baselined", Type.BOOL));
    public static final Type CLEAN_RESULT = Type.object("flyway clean result", Map.of(
            "schemas", Type.LIST, "dropped", Type.LIST));
    public static final Type CHECK_RESULT = Type.object("migration safety report", Map.of(
            "ok", Type.BOOL, "findings", Type.LIST, "files", Type.LIST));

    static final ParamSpec URL = ParamSpec.required("url", Type.STRING,
            "the database: postgresql://user:pass@host:5432/db or jdbc:postgresql://host:5432/db");
    static final ParamSpec USER = ParamSpec.optional("user", Type.STRING, "the role, over the URL's");
    static final ParamSpec PASSWORD = ParamSpec.optional("password", Type.STRING, "the password, over the URL's (use secret(…))");
    static final ParamSpec SCHEMAS = ParamSpec.optional("schemas", Type.LIST, "the schemas Flyway manages (default: the connection's current schema)");

    private static ParamSpec locations(boolean required) {
        String doc = "the migrations directory or a list of them, relative to the runbook's directory (classpath:… also works)";
        return required ? ParamSpec.required("locations", Type.ANY, doc) : ParamSpec.optional("locations", Type.ANY, doc);
    }

    @Override public String name() { return "flyway"; }

    @Override public String doc() { return "Flyway migrations against PostgreSQL, with a safety gate for destructive SQL."; }

    /** Loads Flyway's configuration and plugins and the PostgreSQL driver ahead (nothing connects). */
    @Override
    public void prewarm() {
        try {
            QuietFlywayLog.install(); // before Flyway starts logging: prewarm prints nothing
            org.flywaydb.core.Flyway.configure(FlywayModule.class.getClassLoader());
            Class.forName("org.postgresql.Driver", true, FlywayModule.class.getClassLoader());
        } catch (Exception | LinkageError ignored) {
            // only a head start
        }
    }

    @Override
    public List<HostFunction> functions() {
        FlywayCommands c = new FlywayCommands();
        Signature migrate = new Signature("flyway.migrate", params(locations(true),
                ParamSpec.optional("target", Type.STRING, "migrate up to this version (default: the latest)"),
                ParamSpec.optional("baseline_on_migrate", Type.BOOL, "baseline a database that has tables but no schema history (default false)"),
                ParamSpec.optional("allow_destructive", Type.BOOL,
                        "run pending migrations that drop, truncate, rename or retype (default false: refuse them, listing every finding)")),
                MIGRATE_RESULT, Effect.CHANGE,
                "Applies pending migrations after the safety gate; returns applied (version, description, script), from, to, duration.");
        Signature check = new Signature("flyway.check", List.of(locations(true),
                ParamSpec.optional("url", Type.STRING, "when given, only the migrations still pending in this database are analysed"),
                USER, PASSWORD, SCHEMAS),
                CHECK_RESULT, Effect.READ,
                "The safety gate alone: destructive operations in (pending) SQL migrations, each with file, line, severity and statement.");
        return List.of(
                new AdvisedFunction(migrate, c::migrate),
                HostFunction.of(new Signature("flyway.info", params(locations(false)), INFO_RESULT, Effect.READ,
                        "The current schema version and the applied and pending migrations."), c::info),
                HostFunction.of(new Signature("flyway.validate", params(locations(true),
                        ParamSpec.optional("check", Type.BOOL, "fail when validation fails (default true); false returns the result instead")),
                        VALIDATE_RESULT, Effect.READ,
                        "Checks the applied migrations against the files: changed checksums, missing or failed migrations (pending ones are fine)."), c::validate),
                HostFunction.of(new Signature("flyway.repair", params(locations(false)), REPAIR_RESULT, Effect.CHANGE,
                        "Removes failed entries from the schema history and realigns checksums with the files."), c::repair),
                HostFunction.of(new Signature("flyway.baseline", params(locations(false),
                        ParamSpec.optional("version", Type.STRING, "the baseline version (default 1)"),
                        ParamSpec.optional("description", Type.STRING, "the baseline's description")),
                        BASELINE_RESULT, Effect.CHANGE,
                        "Marks an existing database as being at a version, so migrations after it apply."), c::baseline),
                HostFunction.of(new Signature("flyway.clean", params(
                        ParamSpec.optional("allow_clean", Type.BOOL, "really drop everything (default false: refuse, saying what would be dropped)")),
                        CLEAN_RESULT, Effect.CHANGE,
                        "Drops every object in the managed schemas. Refuses unless allow_clean: true."), c::clean),
                new AdvisedFunction(check, c::check));
    }

    private static List<ParamSpec> params(ParamSpec... specific) {
        List<ParamSpec> out = new ArrayList<>(List.of(URL));
        List<ParamSpec> rest = new ArrayList<>(List.of(specific));
        // locations comes second, so flyway.migrate(url, "migrations") also reads well.
        rest.stream().filter(p -> p.name().equals("locations")).forEach(out::add);
        out.addAll(List.of(USER, PASSWORD, SCHEMAS));
        rest.stream().filter(p -> !p.name().equals("locations")).forEach(out::add);
        return out;
    }
}
