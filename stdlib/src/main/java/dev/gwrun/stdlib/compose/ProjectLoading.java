package dev.gwrun.stdlib.compose;

import dev.gwrun.host.Args;
import dev.gwrun.host.CallContext;
import dev.gwrun.runtime.GwrunError;
import dev.gwrun.runtime.Values;
import dev.gwrun.source.Diagnostic;
import dev.gwrun.stdlib.compose.load.ComposeErrors;
import dev.gwrun.stdlib.compose.load.ComposeException;
import dev.gwrun.stdlib.compose.load.ComposeLoader;
import dev.gwrun.stdlib.compose.load.LoadOptions;
import dev.gwrun.stdlib.compose.load.Loaded;
import dev.gwrun.stdlib.docker.Engine;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code compose.project(…)}: the loader called with the runbook's directory, environment and
 * {@code --env-file} values; its errors become one runbook error carrying each YAML file:line:col
 * and the line it is about, its warnings log lines.
 */
final class ProjectLoading {
    private ProjectLoading() {}

    /** The loader's options from compose.project's arguments, paths relative to the runbook's directory. */
    private static LoadOptions options(Map<String, Object> a, Path dir, Map<String, String> environment) {
        List<Path> files = new ArrayList<>();
        Object f = a.get("files");
        if (f instanceof CharSequence s) files.add(dir.resolve(s.toString()).normalize());
        else if (f instanceof List<?> l) for (Object o : l) files.add(dir.resolve(Values.str(o)).normalize());
        else if (f != null) throw new GwrunError("type", "compose.project: files must be a path or a list of paths, got " + Values.typeName(f));
        List<Path> envFiles = new ArrayList<>();
        if (a.get("env_files") instanceof List<?> l) for (Object o : l) envFiles.add(dir.resolve(Values.str(o)).normalize());
        List<String> profiles = new ArrayList<>();
        if (a.get("profiles") instanceof List<?> l) for (Object o : l) profiles.add(Values.str(o));
        Object pd = a.get("project_directory");
        Path workingDir = pd != null ? dir.resolve(Values.str(pd)).normalize() : files.isEmpty() ? dir : null;
        Object name = a.get("project_name");
        Object given = a.get("environment");
        if (given instanceof Map<?, ?> m) {
            // Over the process environment, as VAR=value before `docker compose` would be.
            Map<String, String> over = new HashMap<>(environment);
            m.forEach((k, v) -> over.put(Values.str(k), v == null ? "" : Values.str(v)));
            environment = over;
        } else if (given != null) {
            throw new GwrunError("type", "compose.project: environment must be a map of variable names to values, got " + Values.typeName(given));
        }
        return new LoadOptions(files, workingDir, envFiles, name == null ? null : Values.str(name), profiles, environment);
    }

    /** The loader's diagnostics as one runbook error: each with its file:line:col, the line and a caret. */
    static GwrunError error(ComposeException e, String what) {
        return new GwrunError("compose", "compose.project: " + what + "\n" + ComposeErrors.text(e), null, e);
    }

    /**
     * {@code gwrun check}: loads the files a call names with literals, and reports what is wrong at its YAML
     * line. The environment of a check lacks the run's {@code --env-file} values, so a variable that is unset
     * now (required, or defaulting to blank) is a warning, not an error: the run may well set it.
     */
    static List<Diagnostic> diagnose(Map<String, Object> literal, Path dir, dev.gwrun.source.Span callSite) {
        // Only files named by literals are read now (the default compose.yaml of the directory is left to the run).
        Object files = literal.get("files");
        if (!(files instanceof CharSequence) && !(files instanceof List<?>)) return List.of();
        Map<String, Object> args = new HashMap<>(literal);
        LoadOptions options;
        try {
            options = options(args, dir, System.getenv());
        } catch (RuntimeException notLiteral) {
            return List.of();
        }
        List<Diagnostic> out = new ArrayList<>();
        try {
            for (Diagnostic w : ComposeLoader.load(options).warnings()) {
                if (!"compose-unset-variable".equals(w.rule())) out.add(w);
            }
        } catch (ComposeException e) {
            for (Diagnostic d : e.diagnostics()) {
                boolean envDependent = d.message().startsWith("required variable ");
                out.add(envDependent ? Diagnostic.warning(d.span() == null ? callSite : d.span(), "compose-unset-variable",
                        d.message() + " (unless the run sets it, e.g. with --env-file)") : d.span() == null ? Diagnostic.error(callSite, d.message()) : d);
            }
        }
        return out;
    }

    static ComposeProject load(Args a, CallContext ctx, Engine engine) {
        Map<String, String> environment = new HashMap<>(System.getenv());
        environment.putAll(ctx.envOverrides());
        Map<String, Object> given = new HashMap<>();
        for (String p : List.of("files", "env_files", "project_name", "profiles", "project_directory", "environment")) if (a.has(p)) given.put(p, a.value(p));
        LoadOptions options = options(given, ctx.directory(), environment);
        Loaded loaded;
        try {
            loaded = ComposeLoader.load(options);
        } catch (ComposeException e) {
            throw error(e, "cannot load the project");
        } catch (UnsupportedOperationException e) {
            throw new GwrunError("compose", "compose.project: " + e.getMessage());
        }
        for (Diagnostic w : loaded.warnings()) ctx.log("compose: " + w.headline());
        // Named as loaded, so a reload (enabling a profile-disabled service) keeps the project's name.
        LoadOptions again = new LoadOptions(options.files(), loaded.project().workingDir(), options.envFiles(), loaded.project().name(),
                options.profiles(), options.environment());
        return ComposeProject.of(loaded.project(), engine, again);
    }
}
