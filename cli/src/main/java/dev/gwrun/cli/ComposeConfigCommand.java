package dev.gwrun.cli;

import dev.gwrun.source.Diagnostic;
import dev.gwrun.source.DiagnosticRenderer;
import dev.gwrun.stdlib.compose.load.CanonicalWriter;
import dev.gwrun.stdlib.compose.load.ComposeException;
import dev.gwrun.stdlib.compose.load.ComposeLoader;
import dev.gwrun.stdlib.compose.load.LoadOptions;
import dev.gwrun.stdlib.compose.load.Loaded;
import dev.gwrun.stdlib.compose.model.Project;
import dev.gwrun.stdlib.compose.model.Service;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;

/**
 * {@code gwrun compose config}: loads Compose files with the flags {@code docker compose} takes and prints
 * the resolved project in Compose v2's canonical form, or the enabled services' names. Errors in the files
 * are rendered at their YAML file:line:col like a runbook's and exit 3; nothing talks to Docker.
 */
@Command(name = "config", addMethodSubcommands = false, mixinStandardHelpOptions = true,
        description = {"Loads Compose files (merged, interpolated, normalised) and prints the resolved project "
                + "as 'docker compose config' does.",
                "Exit 3 when the files have errors, each shown at its file:line:col."})
final class ComposeConfigCommand implements Callable<Integer> {
    enum Format { yaml, json }

    @Option(names = {"-f", "--file"}, paramLabel = "FILE",
            description = "A Compose file (repeatable, later ones override earlier ones). Default: compose.yaml, "
                    + "compose.yml, docker-compose.yaml or docker-compose.yml in the project directory, and its override file.")
    List<Path> files = new ArrayList<>();

    @Option(names = "--env-file", paramLabel = "FILE",
            description = "Variables for interpolation (repeatable, later ones win). Default: .env in the project directory.")
    List<Path> envFiles = new ArrayList<>();

    @Option(names = {"-p", "--project-name"}, paramLabel = "NAME", description = "The project name (default: COMPOSE_PROJECT_NAME, name:, or the directory's name).")
    String projectName;

    @Option(names = "--project-directory", paramLabel = "DIR", description = "What relative paths are resolved against (default: the first file's directory).")
    Path projectDirectory;

    @Option(names = "--profile", paramLabel = "PROFILE", description = "Enables the services of a profile (repeatable; default: COMPOSE_PROFILES).")
    List<String> profiles = new ArrayList<>();

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "yaml", description = "yaml (default) or json.")
    Format format;

    @Option(names = "--services", description = "Print the enabled services' names, one a line, each after the services it depends on.")
    boolean services;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write to FILE (atomically) instead of standard output, URL passwords as they are (standard output shows them as ***).")
    Path output;

    @CommandLine.Mixin
    CommonOptions common;

    @Override
    public Integer call() {
        PrintWriter out = common.out(), err = common.err();
        DiagnosticRenderer renderer = common.renderer();
        List<Diagnostic> unreadable = unreadable();
        if (!unreadable.isEmpty()) return invalid(unreadable, renderer, err);
        Loaded loaded;
        try {
            loaded = ComposeLoader.load(new LoadOptions(List.copyOf(files), projectDirectory, List.copyOf(envFiles), projectName,
                    List.copyOf(profiles), System.getenv()));
        } catch (ComposeException e) {
            return invalid(e.diagnostics(), renderer, err);
        }
        for (Diagnostic w : loaded.warnings()) err.print(renderer.render(w));
        err.flush();
        String text = services ? serviceNames(loaded.project()) : switch (format) {
            case yaml -> CanonicalWriter.yaml(loaded.project());
            case json -> CanonicalWriter.json(loaded.project());
        };
        if (output == null) {
            // What reaches a terminal or a CI log shows no URL password (nor the same value elsewhere in the
            // project); a file asked for with -o is the project as it is, to be used.
            out.print(new dev.gwrun.params.Masker().mask(text));
            out.flush();
            return ExitCodes.OK;
        }
        try {
            AtomicFiles.write(output, text);
        } catch (IOException e) {
            err.println("gwrun: cannot write " + output + ": " + e.getMessage());
            return ExitCodes.INVALID;
        }
        return ExitCodes.OK;
    }

    /** Files named on the command line that cannot be read: reported as the loader reports its errors, before it runs. */
    private List<Diagnostic> unreadable() {
        List<Diagnostic> out = new ArrayList<>();
        List<Path> named = new ArrayList<>(files);
        named.addAll(envFiles);
        for (Path p : named) {
            if (!Files.exists(p)) out.add(Diagnostic.error(null, p + ": no such file"));
            else if (Files.isDirectory(p)) out.add(Diagnostic.error(null, p + ": is a directory, not a file"));
            else if (!Files.isReadable(p)) out.add(Diagnostic.error(null, p + ": cannot read: permission denied"));
        }
        if (projectDirectory != null && !Files.isDirectory(projectDirectory)) {
            out.add(Diagnostic.error(null, projectDirectory + ": no such directory"));
        }
        return out;
    }

    private static int invalid(List<Diagnostic> diagnostics, DiagnosticRenderer renderer, PrintWriter err) {
        int errors = 0;
        for (Diagnostic d : diagnostics) {
            err.print(renderer.render(d));
            if (d.isError()) errors++;
        }
        err.println("gwrun: the Compose files have " + errors + " error" + (errors == 1 ? "" : "s") + "; nothing was printed");
        err.flush();
        return ExitCodes.INVALID;
    }

    /**
     * As {@code docker compose config --services}: the enabled services, each after those it depends on (Compose
     * v2 walks them from a Go map, so its order among independent services varies; here it is by name).
     */
    static String serviceNames(Project project) {
        Set<String> seen = new LinkedHashSet<>();
        for (String name : new TreeSet<>(project.services().keySet())) visit(project, name, seen, new LinkedHashSet<>());
        StringBuilder b = new StringBuilder();
        for (String name : seen) b.append(name).append('\n');
        return b.toString();
    }

    private static void visit(Project project, String name, Set<String> seen, Set<String> path) {
        Service s = project.services().get(name);
        if (s == null || seen.contains(name) || !path.add(name)) return;
        for (String dep : new TreeSet<>(s.dependsOn().keySet())) visit(project, dep, seen, path);
        seen.add(name);
    }
}
