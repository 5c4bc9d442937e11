package dev.gwrun.stdlib.compose.load;

import dev.gwrun.source.Diagnostic;
import dev.gwrun.stdlib.compose.model.FileObject;
import dev.gwrun.stdlib.compose.model.Network;
import dev.gwrun.stdlib.compose.model.Project;
import dev.gwrun.stdlib.compose.model.Service;
import dev.gwrun.stdlib.compose.model.Volume;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The one entry of the Compose loader: files to a {@link dev.gwrun.stdlib.compose.model.Project}, in
 * compose-go's stages (parse with positions, interpolate, include and extends, merge, profiles,
 * normalise, validate). Touches nothing but the files it reads.
 *
 * <p>Start reading at {@link #load}; each stage is its own class: {@link ProjectFiles} (files, directory,
 * variables), {@link YamlReader}, {@link Interpolator} ({@link Template}), {@link FileNormalizer} and
 * {@link ServiceNormalizer} ({@link Ports}, {@link Volumes}), {@link ModelLoader} (include), {@link Extends},
 * {@link Merger}, {@link ProjectName}, {@link Profiles}, {@link ServiceEnvironment}, {@link ProjectDefaults},
 * {@link Consistency}, {@link ModelBuilder}; {@link CanonicalWriter} prints the result.
 */
public final class ComposeLoader {
    private ComposeLoader() {}

    /**
     * Loads a project.
     *
     * @throws ComposeException every error found, each with its file:line:col where there is one
     */
    public static Loaded load(LoadOptions options) {
        try {
            return doLoad(options);
        } catch (ComposeException e) {
            throw e;
        } catch (StackOverflowError e) {
            throw new ComposeException("the compose files are nested too deeply to load");
        } catch (RuntimeException e) {
            // a bug of the loader, not of the files: still a diagnostic, with the cause kept for --debug
            ComposeException wrapped = new ComposeException("cannot load the compose files: " + e);
            wrapped.initCause(e);
            throw wrapped;
        }
    }

    private static Loaded doLoad(LoadOptions options) {
        ProjectFiles pf = ProjectFiles.resolve(options);
        // The top-level files are parsed once, for the project name (name:) and for the model.
        Map<Path, YNode.YMap> parsed = new java.util.HashMap<>();
        String name = ProjectName.resolve(options.projectName(), pf.variables(), pf.files(), pf.projectDir(),
                f -> parsed.computeIfAbsent(f, YamlReader::read));
        Map<String, String> vars = new LinkedHashMap<>(pf.variables());
        vars.put("COMPOSE_PROJECT_NAME", name);
        Function<String, String> lookup = vars::get;
        List<Diagnostic> warnings = new ArrayList<>();
        Path home = Path.of(vars.getOrDefault("HOME", System.getProperty("user.home")));
        YNode.YMap model = new ModelLoader(home, warnings, parsed).load(pf.files(), pf.projectDir(), lookup, List.of());
        if (model.entries().isEmpty()) throw new ComposeException(pf.files().get(0) + ": empty compose file");

        List<String> active = activeProfiles(options, vars);
        Map<String, YNode.YMap> normalised = new LinkedHashMap<>();
        Y.section(model, "services").entries().forEach((k, e) -> normalised.put(k, Normalizer.service((YNode.YMap) e.value(), lookup)));
        Profiles.Split split = Profiles.apply(normalised, active);

        List<Diagnostic> errors = new ArrayList<>();
        Map<String, YNode.YMap> resolved = new LinkedHashMap<>();
        split.enabled().forEach((k, v) -> resolved.put(k, ServiceEnvironment.resolve(v, lookup, errors)));
        if (!errors.isEmpty()) throw new ComposeException(errors);
        Map<String, YNode.YMap> enabled = ProjectDefaults.defaultNetworks(resolved);

        YNode.YMap networks = Y.section(model, "networks");
        if (ProjectDefaults.usesDefault(enabled) && !networks.has("default")) networks = Y.with(networks, "default", Y.emptyMap(model.span()));
        model = Y.with(model, "networks", networks);
        Consistency.check(enabled, split.disabled(), model);

        // disabled services get the same treatment for the records (the runtime may enable one by name); their errors wait until then
        Map<String, YNode.YMap> off = new LinkedHashMap<>();
        split.disabled().forEach((k, v) -> off.put(k, ServiceEnvironment.resolve(v, lookup, new ArrayList<>())));
        Map<String, YNode.YMap> disabled = ProjectDefaults.defaultNetworks(off);
        return new Loaded(project(name, pf, model, enabled, disabled, active), List.copyOf(warnings));
    }

    private static List<String> activeProfiles(LoadOptions options, Map<String, String> vars) {
        if (options.profiles() != null && !options.profiles().isEmpty()) return List.copyOf(options.profiles());
        String env = vars.get("COMPOSE_PROFILES");
        if (env == null || env.isBlank()) return List.of();
        return Arrays.stream(env.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    private static Project project(String name, ProjectFiles pf, YNode.YMap model, Map<String, YNode.YMap> enabled,
                                   Map<String, YNode.YMap> disabled, List<String> active) {
        Map<String, Object> canonical = new LinkedHashMap<>();
        canonical.put("name", name);
        Map<String, Service> services = new LinkedHashMap<>();
        Map<String, Object> canonicalServices = new TreeMap<>();
        enabled.forEach((k, v) -> {
            Map<String, Object> raw = ModelBuilder.canonicalService(v);
            canonicalServices.put(k, raw);
            services.put(k, ModelBuilder.service(k, raw));
        });
        canonical.put("services", new LinkedHashMap<>(canonicalServices));
        Map<String, Service> off = new LinkedHashMap<>();
        disabled.forEach((k, v) -> off.put(k, ModelBuilder.service(k, ModelBuilder.canonicalService(v))));

        Map<String, Network> networks = new LinkedHashMap<>();
        Map<String, Volume> volumes = new LinkedHashMap<>();
        Map<String, FileObject> secrets = new LinkedHashMap<>(), configs = new LinkedHashMap<>();
        for (String section : List.of("networks", "volumes", "secrets", "configs")) {
            YNode.YMap s = ProjectDefaults.named(Y.section(model, section), name);
            if (s.entries().isEmpty()) continue;
            Map<String, Object> plain = new LinkedHashMap<>();
            for (YNode.Entry e : s.entries().values()) {
                @SuppressWarnings("unchecked") Map<String, Object> m = (Map<String, Object>) e.value().plain();
                plain.put(e.key(), m);
                switch (section) {
                    case "networks": networks.put(e.key(), ModelBuilder.network(e.key(), m)); break;
                    case "volumes": volumes.put(e.key(), ModelBuilder.volume(e.key(), m)); break;
                    case "secrets": secrets.put(e.key(), ModelBuilder.fileObject(e.key(), m)); break;
                    default: configs.put(e.key(), ModelBuilder.fileObject(e.key(), m));
                }
            }
            canonical.put(section, ModelBuilder.canonicalSection(plain, section.equals("networks") ? ModelBuilder.NETWORK_ORDER
                    : section.equals("volumes") ? ModelBuilder.NETWORK_ORDER : ModelBuilder.FILE_OBJECT_ORDER));
        }
        for (YNode.Entry e : model.entries().values()) {
            if (e.key().startsWith("x-")) canonical.put(e.key(), e.value().plain());
        }
        List<Path> files = new ArrayList<>();
        for (Path f : pf.files()) files.add(f.toAbsolutePath().normalize());
        return new Project(name, pf.projectDir(), List.copyOf(files), Collections.unmodifiableMap(services),
                Collections.unmodifiableMap(off), Collections.unmodifiableMap(networks), Collections.unmodifiableMap(volumes),
                Collections.unmodifiableMap(secrets), Collections.unmodifiableMap(configs), active, canonical);
    }
}
