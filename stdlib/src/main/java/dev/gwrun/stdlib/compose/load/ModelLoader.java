package dev.gwrun.stdlib.compose.load;

import dev.gwrun.source.Diagnostic;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Stages one to five for a list of files: each file is parsed, interpolated, normalised, given its
 * {@code include}s and {@code extends}, then merged over the files before it. Used for the project's own
 * files and, recursively, for each included project. Errors of independent files are collected.
 */
final class ModelLoader {
    private static final Set<String> INCLUDE_KEYS = Set.of("path", "project_directory", "env_file");

    private final Path home;
    private final List<Diagnostic> warnings;
    /** Files read for extends, by path and base: a file extended by several services is read (and warns) once. */
    private final Map<String, YNode.YMap> read = new java.util.HashMap<>();

    /** Files already parsed (by the project-name lookup), by path as given: not parsed again. */
    private final Map<Path, YNode.YMap> parsed;

    ModelLoader(Path home, List<Diagnostic> warnings, Map<Path, YNode.YMap> parsed) {
        this.home = home;
        this.warnings = warnings;
        this.parsed = parsed;
    }

    /**
     * @param projectDir the directory relative paths in these files resolve against
     * @param env        the variables interpolation reads
     * @param chain      the files including these ones, outermost first (an include cycle is an error)
     */
    YNode.YMap load(List<Path> files, Path projectDir, Function<String, String> env, List<Path> chain) {
        List<Diagnostic> errors = new ArrayList<>();
        YNode.YMap acc = null;
        for (Path file : files) {
            try {
                YNode.YMap model = readOne(file, projectDir, env);
                model = includes(model, file, projectDir, env, chain);
                model = Extends.apply(model, file, p -> read.computeIfAbsent(p.toAbsolutePath().normalize() + "\0" + System.identityHashCode(env),
                        k -> readOne(p, p.getParent(), env)));
                acc = acc == null ? (YNode.YMap) Merger.strip(model) : Merger.merge(acc, model);
            } catch (ComposeException e) {
                errors.addAll(e.diagnostics());
            }
        }
        if (!errors.isEmpty()) throw new ComposeException(errors);
        if (acc.get("services") instanceof YNode.YMap services) {
            Map<String, YNode.Entry> out = new LinkedHashMap<>();
            for (YNode.Entry e : services.entries().values()) {
                out.put(e.key(), new YNode.Entry(e.key(), e.keySpan(), ServiceNormalizer.buildDefaults((YNode.YMap) e.value(), projectDir)));
            }
            acc = Y.with(acc, "services", new YNode.YMap(services.span(), null, out));
        }
        return acc;
    }

    /** One file parsed, interpolated and normalised; relative paths resolve against {@code base}. */
    YNode.YMap readOne(Path file, Path base, Function<String, String> env) {
        YNode.YMap raw = parsed.containsKey(file) ? parsed.get(file) : YamlReader.read(file);
        YNode.YMap interpolated = Interpolator.interpolate(raw, env, warnings);
        return FileNormalizer.normalize(interpolated, base, home, warnings);
    }

    private YNode.YMap includes(YNode.YMap model, Path file, Path projectDir, Function<String, String> env, List<Path> chain) {
        YNode inc = model.get("include");
        if (inc == null) return model;
        Map<String, YNode.Entry> top = new LinkedHashMap<>(model.entries());
        top.remove("include");
        if (Y.isNull(inc)) return new YNode.YMap(model.span(), model.tag(), top);
        List<Path> here = new ArrayList<>(chain);
        here.add(file.toAbsolutePath().normalize());
        List<Diagnostic> errors = new ArrayList<>();
        for (YNode entry : Y.list(inc, "include").items()) {
            try {
                YNode.YMap imported = include(entry, projectDir, env, here);
                importInto(top, imported, entry);
            } catch (ComposeException e) {
                errors.addAll(e.diagnostics());
            }
        }
        if (!errors.isEmpty()) throw new ComposeException(errors);
        return new YNode.YMap(model.span(), model.tag(), top);
    }

    private YNode.YMap include(YNode entry, Path projectDir, Function<String, String> env, List<Path> chain) {
        List<Path> paths = new ArrayList<>();
        Path dir = null;
        List<Path> envFiles = new ArrayList<>();
        if (entry instanceof YNode.YScalar s) {
            paths.add(projectDir.resolve(Y.string(s, "include")).normalize());
        } else {
            YNode.YMap m = Y.mapping(entry, "an include entry");
            Volumes.checkKeys(m, INCLUDE_KEYS, "include");
            if (!m.has("path")) throw new ComposeException(m.span(), "an include entry needs a path");
            for (YNode p : listOrOne(m.get("path"))) paths.add(projectDir.resolve(Y.string(p, "include path")).normalize());
            if (paths.isEmpty()) throw new ComposeException(m.get("path").span(), "an include entry needs at least one path");
            if (m.has("project_directory")) dir = projectDir.resolve(Y.string(m.get("project_directory"), "project_directory")).normalize();
            if (m.has("env_file")) for (YNode p : listOrOne(m.get("env_file"))) envFiles.add(projectDir.resolve(Y.string(p, "env_file")).normalize());
        }
        for (Path p : paths) {
            if (chain.contains(p.toAbsolutePath().normalize())) {
                List<String> names = new ArrayList<>();
                for (Path c : chain.subList(chain.indexOf(p.toAbsolutePath().normalize()), chain.size())) names.add(c.toString());
                names.add(p.toString());
                throw new ComposeException(entry.span(), "include cycle: " + String.join(" -> ", names));
            }
            if (!Files.isRegularFile(p)) throw new ComposeException(entry.span(), "included file " + p + " not found");
        }
        if (dir == null) dir = paths.get(0).toAbsolutePath().getParent();
        if (envFiles.isEmpty() && Files.isRegularFile(dir.resolve(".env"))) envFiles.add(dir.resolve(".env"));
        Map<String, String> fromFiles = new LinkedHashMap<>();
        for (Path f : envFiles) {
            if (!Files.isRegularFile(f)) throw new ComposeException(entry.span(), "env file " + f + " not found");
            Function<String, String> lookupSoFar = k -> env.apply(k) != null ? env.apply(k) : fromFiles.get(k);
            fromFiles.putAll(Dotenv.read(f, lookupSoFar));
        }
        Function<String, String> subEnv = k -> env.apply(k) != null ? env.apply(k) : fromFiles.get(k);
        return load(paths, dir, subEnv, chain);
    }

    private static List<YNode> listOrOne(YNode n) {
        return n instanceof YNode.YSeq s ? s.items() : List.of(n);
    }

    /** Adds an included project's resources; a service also defined here, or a different resource of the same name, conflicts. */
    private static void importInto(Map<String, YNode.Entry> top, YNode.YMap imported, YNode entry) {
        for (String section : List.of("services", "networks", "volumes", "secrets", "configs")) {
            if (!(imported.get(section) instanceof YNode.YMap im)) continue;
            YNode.Entry mine = top.get(section);
            Map<String, YNode.Entry> out = new LinkedHashMap<>();
            if (mine != null && mine.value() instanceof YNode.YMap mm) out.putAll(mm.entries());
            for (YNode.Entry e : im.entries().values()) {
                YNode.Entry local = out.get(e.key());
                if (local != null) {
                    if (section.equals("services") || !local.value().plain().equals(e.value().plain())) {
                        throw new ComposeException(local.keySpan(), section + "." + e.key() + " conflicts with the one included from " + e.keySpan().file().name()
                                + " (line " + e.keySpan().line() + ")");
                    }
                    continue;
                }
                out.put(e.key(), e);
            }
            YNode.YMap merged = new YNode.YMap(mine == null ? entry.span() : mine.value().span(), null, out);
            top.put(section, new YNode.Entry(section, mine == null ? entry.span() : mine.keySpan(), merged));
        }
    }
}
