package dev.gwrun.stdlib.compose.load;

import dev.gwrun.source.Diagnostic;
import dev.gwrun.source.Span;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Stage: {@code extends}. Each service that extends another (in the same file or, with {@code file:}, in
 * another, read with its own directory as the base of its relative paths) becomes the base service merged
 * with its own keys by {@link Merger}'s rules. Chains are followed; a cycle is an error naming the chain.
 */
final class Extends {
    private static final Set<String> KEYS = Set.of("service", "file");

    private final Function<Path, YNode.YMap> readFile;
    private final List<Diagnostic> errors = new ArrayList<>();
    private final Map<String, YNode.YMap> resolved = new HashMap<>();

    /** @param readFile reads another file: parsed, interpolated and normalised against its own directory */
    private Extends(Function<Path, YNode.YMap> readFile) {
        this.readFile = readFile;
    }

    /**
     * Resolves every {@code extends} in a file's services.
     *
     * @param file the file the services were read from (its directory is where a relative {@code file:} is looked for)
     */
    static YNode.YMap apply(YNode.YMap model, Path file, Function<Path, YNode.YMap> readFile) {
        if (!(model.get("services") instanceof YNode.YMap services)) return model;
        Extends ex = new Extends(readFile);
        Map<String, YNode.Entry> out = new LinkedHashMap<>();
        for (YNode.Entry e : services.entries().values()) {
            if (!(e.value() instanceof YNode.YMap svc) || ServiceNormalizer.isReset(svc)) { out.put(e.key(), e); continue; } // a !reset service
            out.put(e.key(), new YNode.Entry(e.key(), e.keySpan(), ex.resolve(file, services, e.key(), svc, new ArrayList<>())));
        }
        if (!ex.errors.isEmpty()) throw new ComposeException(ex.errors);
        Map<String, YNode.Entry> top = new LinkedHashMap<>(model.entries());
        top.put("services", new YNode.Entry("services", model.entries().get("services").keySpan(), new YNode.YMap(services.span(), services.tag(), out)));
        return new YNode.YMap(model.span(), model.tag(), top);
    }

    private YNode.YMap resolve(Path file, YNode.YMap services, String name, YNode.YMap svc, List<String> chain) {
        String id = file.toAbsolutePath().normalize() + "#" + name;
        YNode ext = svc.get("extends");
        if (ext == null) return svc;
        YNode.YMap done = resolved.get(id);
        if (done != null) return done;
        if (chain.contains(id)) {
            List<String> names = new ArrayList<>();
            for (String c : chain.subList(chain.indexOf(id), chain.size())) names.add(c.substring(c.indexOf('#') + 1));
            names.add(name);
            errors.add(Diagnostic.error(ext.span(), "extends cycle: " + String.join(" -> ", names)));
            return without(svc);
        }
        chain.add(id);
        try {
            String baseName;
            Path baseFile = file;
            YNode.YMap baseServices = services;
            Span fileSpan = ext.span();
            Span serviceSpan = ext.span();
            if (ext instanceof YNode.YScalar s && !s.isNull()) {
                baseName = Y.string(s, "extends");
            } else {
                YNode.YMap em = Y.mapping(ext, "extends");
                Volumes.checkKeys(em, KEYS, "extends");
                if (!em.has("service")) throw new ComposeException(em.span(), "extends needs the service to extend");
                baseName = Y.string(em.get("service"), "extends.service");
                serviceSpan = em.get("service").span();
                if (em.has("file")) {
                    String f = Y.string(em.get("file"), "extends.file");
                    fileSpan = em.get("file").span();
                    Path dir = file.toAbsolutePath().getParent();
                    baseFile = dir.resolve(f).normalize();
                    // a missing file, or a directory, is an error at file: (it had no position)
                    if (!Files.isRegularFile(baseFile)) throw new ComposeException(fileSpan, "extends file " + baseFile + " not found");
                    YNode.YMap other = readFile.apply(baseFile);
                    YNode s = other.get("services");
                    baseServices = s instanceof YNode.YMap sm ? sm : Y.emptyMap(other.span());
                }
            }
            YNode base = baseServices.get(baseName);
            if (base == null) {
                String where = baseFile.equals(file) ? "" : " in " + baseFile;
                throw new ComposeException(serviceSpan, "service '" + name + "' extends '" + baseName + "', which is not defined" + where
                        + dev.gwrun.source.Suggest.didYouMean(baseName, keys(baseServices)));
            }
            if (!(base instanceof YNode.YMap baseMap) || ServiceNormalizer.isReset(base)) throw new ComposeException(fileSpan, "service '" + name + "' extends '" + baseName + "', which is reset");
            YNode.YMap baseResolved = resolve(baseFile, baseServices, baseName, baseMap, chain);
            YNode.YMap merged = Merger.mergeService(without(baseResolved), without(svc));
            resolved.put(id, merged);
            return merged;
        } catch (ComposeException e) {
            errors.addAll(e.diagnostics());
            return without(svc);
        } finally {
            chain.remove(chain.size() - 1);
        }
    }

    private static List<String> keys(YNode.YMap m) {
        List<String> out = new ArrayList<>();
        m.keys().forEach(out::add);
        return out;
    }

    private static YNode.YMap without(YNode.YMap svc) {
        if (!svc.has("extends")) return svc;
        Map<String, YNode.Entry> out = new LinkedHashMap<>(svc.entries());
        out.remove("extends");
        return new YNode.YMap(svc.span(), svc.tag(), out);
    }
}
