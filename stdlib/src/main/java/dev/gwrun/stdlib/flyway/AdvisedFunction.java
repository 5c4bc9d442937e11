package dev.gwrun.stdlib.flyway;

import dev.gwrun.host.Args;
import dev.gwrun.host.CallContext;
import dev.gwrun.host.HostFunction;
import dev.gwrun.host.Signature;
import dev.gwrun.host.StaticAdvice;
import dev.gwrun.runtime.GwrunError;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A flyway function whose literal {@code locations:} {@code gwrun check} can read: the destructive
 * operations in those migrations become warnings at the call, so a pull request shows them before
 * anything runs.
 */
final class AdvisedFunction implements HostFunction, StaticAdvice {
    static final String RULE = "destructive-migration";

    private final Signature signature;
    private final Impl impl;

    AdvisedFunction(Signature signature, Impl impl) {
        this.signature = signature;
        this.impl = impl;
    }

    @Override public Signature signature() { return signature; }

    @Override public Object call(Args args, CallContext ctx) throws Exception { return impl.call(args, ctx); }

    @Override
    public List<Warning> advise(Map<String, Object> literalArgs, Path directory) {
        if (!literalArgs.containsKey("locations")) return List.of();
        List<Warning> out = new ArrayList<>();
        try {
            List<String> given = Locations.given(literalArgs.get("locations"), signature.name());
            List<Path> files = Locations.sqlMigrations(given, directory, signature.name());
            boolean allowed = Boolean.TRUE.equals(literalArgs.get("allow_destructive"));
            for (MigrationSafety.Finding f : MigrationSafety.analyse(files)) {
                String where = relative(directory, f.path()) + ":" + f.line();
                out.add(new Warning(RULE, "destructive migration " + where + ": " + f.severity().label() + " " + f.operation() + ": "
                        + f.statement() + (signature.name().equals("flyway.migrate") && !allowed
                        ? " (flyway.migrate refuses it while it is pending, unless allow_destructive: true)" : "")));
            }
        } catch (GwrunError e) {
            out.add(new Warning("flyway-locations", e.getMessage()));
        } catch (java.io.IOException e) {
            out.add(new Warning("flyway-locations", signature.name() + ": cannot read the migrations: " + e.getMessage()));
        }
        return out;
    }

    private static String relative(Path base, Path file) {
        try {
            return base.toAbsolutePath().normalize().relativize(file).toString();
        } catch (IllegalArgumentException e) {
            return file.toString();
        }
    }
}
