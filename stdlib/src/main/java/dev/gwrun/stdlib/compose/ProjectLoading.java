package dev.gwrun.stdlib.compose;

import dev.gwrun.host.Args;
import dev.gwrun.host.CallContext;
import dev.gwrun.runtime.GwrunError;
import dev.gwrun.runtime.Values;
import dev.gwrun.source.Diagnostic;
import dev.gwrun.source.DiagnosticRenderer;
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

    /** The loader's diagnostics as one runbook error: each with its file:line:col, the line and a caret. */
    static GwrunError error(ComposeException e, String what) {
        DiagnosticRenderer r = new DiagnosticRenderer(false);
        StringBuilder m = new StringBuilder("compose.project: ").append(what);
        for (Diagnostic d : e.diagnostics()) m.append('\n').append(r.render(d).stripTrailing());
        return new GwrunError("compose", m.toString(), null, e);
    }

    static ComposeProject load(Args a, CallContext ctx, Engine engine) {
        Path dir = ctx.directory();
        List<Path> files = new ArrayList<>();
        Object f = a.value("files");
        if (f instanceof CharSequence s) files.add(dir.resolve(s.toString()).normalize());
        else if (f != null) for (Object o : a.list("files")) files.add(dir.resolve(Values.str(o)).normalize());
        List<Path> envFiles = new ArrayList<>();
        for (Object o : a.list("env_files")) envFiles.add(dir.resolve(Values.str(o)).normalize());
        List<String> profiles = new ArrayList<>();
        for (Object o : a.list("profiles")) profiles.add(Values.str(o));
        Path workingDir = a.has("project_directory") ? dir.resolve(a.string("project_directory")).normalize() : files.isEmpty() ? dir : null;
        Map<String, String> environment = new HashMap<>(System.getenv());
        environment.putAll(ctx.envOverrides());
        LoadOptions options = new LoadOptions(files, workingDir, envFiles, a.string("project_name", null), profiles, environment);
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
