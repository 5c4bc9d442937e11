package dev.gwrun.stdlib.compose;

import dev.gwrun.host.Type;
import dev.gwrun.runtime.HostObject;
import dev.gwrun.stdlib.compose.load.ComposeLoader;
import dev.gwrun.stdlib.compose.load.LoadOptions;
import dev.gwrun.stdlib.compose.model.Project;
import dev.gwrun.stdlib.compose.model.Service;
import dev.gwrun.stdlib.docker.Engine;

import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedDeque;

/**
 * A loaded Compose project as runbooks hold it: {@code let app = compose.project("compose.yml")}. The
 * loaded model and the engine it was loaded for (null: the call's default engine); every compose
 * function takes it as its first argument. The most recently loaded projects are remembered for the
 * repl's Tab, which completes their service names.
 */
public final class ComposeProject implements HostObject {
    public static final Type TYPE = Type.object("compose project", Map.of(
            "name", Type.STRING, "working_dir", Type.STRING, "files", Type.LIST, "services", Type.LIST, "profiles", Type.LIST));

    /** How many loaded projects Tab completion looks at, newest first. */
    private static final int REMEMBERED = 8;
    private static final Deque<ComposeProject> RECENT = new ConcurrentLinkedDeque<>();

    private final Project project;
    private final Engine engine;
    /** How it was loaded, to load it again with a profile-disabled service enabled; null for a model built directly. */
    private final LoadOptions options;

    private ComposeProject(Project project, Engine engine, LoadOptions options) {
        this.project = project;
        this.engine = engine;
        this.options = options;
    }

    /** A project value for a loaded model; remembered for completion. */
    public static ComposeProject of(Project project, Engine engine) {
        return of(project, engine, null);
    }

    static ComposeProject of(Project project, Engine engine, LoadOptions options) {
        ComposeProject p = new ComposeProject(project, engine, options);
        RECENT.addFirst(p);
        while (RECENT.size() > REMEMBERED) RECENT.pollLast();
        return p;
    }

    /**
     * This project with the named services enabled, as the CLI enables a profile-disabled service named
     * on its command line: loaded again with the profiles of those services active (only the services a
     * call names, and their dependencies, are then acted on). This project itself when none is disabled.
     */
    ComposeProject enabling(java.util.Collection<String> names) {
        if (names == null || options == null) return this;
        Set<String> profiles = new LinkedHashSet<>(project.profiles());
        for (String n : names) {
            Service off = project.disabledServices().get(n);
            if (off != null) profiles.addAll(off.profiles());
        }
        if (profiles.size() == project.profiles().size()) return this;
        LoadOptions o = new LoadOptions(options.files(), options.workingDir(), options.envFiles(), options.projectName(),
                new ArrayList<>(profiles), options.environment());
        try {
            return new ComposeProject(ComposeLoader.load(o).project(), engine, o);
        } catch (dev.gwrun.stdlib.compose.load.ComposeException e) {
            throw ProjectLoading.error(e, "cannot load the project again with profiles " + profiles);
        }
    }

    public Project project() { return project; }

    /** The engine named when it was loaded, or null for the default. */
    public Engine engine() { return engine; }

    /** The service, enabled or left out by a profile (naming one enables it, as the CLI does), or null. */
    Service service(String name) {
        Service s = project.services().get(name);
        return s != null ? s : project.disabledServices().get(name);
    }

    /** Service names of the recently loaded projects that start with prefix, newest project first. */
    static List<String> recentServiceNames(String prefix) {
        Set<String> out = new LinkedHashSet<>();
        for (ComposeProject p : RECENT) {
            for (String s : p.project.services().keySet()) if (s.startsWith(prefix)) out.add(s);
        }
        return new ArrayList<>(out);
    }

    @Override public String typeName() { return "compose project"; }

    @Override public List<String> fieldNames() { return List.of("name", "working_dir", "files", "services", "profiles"); }

    @Override
    public Object field(String name) {
        return switch (name) {
            case "name" -> project.name();
            case "working_dir" -> project.workingDir() == null ? "" : project.workingDir().toString();
            case "files" -> new ArrayList<Object>(project.configFiles().stream().map(Object::toString).toList());
            case "services" -> new ArrayList<Object>(project.services().keySet());
            case "profiles" -> new ArrayList<Object>(project.profiles());
            default -> throw new IllegalArgumentException(name);
        };
    }

    @Override
    public String describe() {
        return "compose project " + project.name() + " (" + String.join(", ", project.services().keySet()) + ")";
    }

    @Override public String toString() { return describe(); }
}
