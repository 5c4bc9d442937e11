package dev.gwrun.stdlib.compose.load;

import dev.gwrun.source.Diagnostic;
import dev.gwrun.source.Suggest;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Stage four for a whole file: checks the top-level keys and the entries of {@code networks},
 * {@code volumes}, {@code secrets} and {@code configs}, and hands each service to {@link ServiceNormalizer}.
 * Every error of the file is collected.
 */
final class FileNormalizer {
    static final Set<String> TOP_KEYS = Set.of("name", "version", "services", "networks", "volumes", "secrets", "configs", "include", "models");
    static final Set<String> NETWORK_KEYS = Set.of("name", "driver", "driver_opts", "external", "internal", "attachable",
            "enable_ipv4", "enable_ipv6", "ipam", "labels");
    static final Set<String> VOLUME_KEYS = Set.of("name", "driver", "driver_opts", "external", "labels");
    static final Set<String> SECRET_KEYS = Set.of("name", "file", "environment", "external", "labels", "driver", "driver_opts", "template_driver");
    static final Set<String> CONFIG_KEYS = Set.of("name", "file", "environment", "content", "external", "labels", "template_driver");

    private static final java.util.regex.Pattern SERVICE_NAME = java.util.regex.Pattern.compile("[a-zA-Z0-9._-]+");

    private FileNormalizer() {}

    /**
     * @param base the directory the file's relative paths resolve against
     * @throws ComposeException every error of the file
     */
    static YNode.YMap normalize(YNode.YMap file, Path base, Path home, List<Diagnostic> warnings) {
        List<Diagnostic> errors = new java.util.ArrayList<>();
        Map<String, YNode.Entry> out = new LinkedHashMap<>();
        for (YNode.Entry e : file.entries().values()) {
            String key = e.key();
            YNode v = e.value();
            if (key.startsWith("x-") || ServiceNormalizer.isReset(v)) { out.put(key, e); continue; }
            if (!TOP_KEYS.contains(key)) {
                errors.add(Diagnostic.error(e.keySpan(), "unknown top-level key '" + key + "'" + Suggest.didYouMean(key, TOP_KEYS)));
                continue;
            }
            try {
                YNode n;
                switch (key) {
                    case "version":
                        warnings.add(Diagnostic.warning(e.keySpan(), "compose-obsolete-version", "the top-level 'version' is obsolete and ignored"));
                        continue;
                    case "name": n = Y.isNull(v) ? v : Y.str(v.span(), Y.string(v, "name")); break;
                    case "services": n = services(v, base, home, errors); break;
                    case "networks": n = section(v, "network", NETWORK_KEYS, base, home, errors); break;
                    case "volumes": n = section(v, "volume", VOLUME_KEYS, base, home, errors); break;
                    case "secrets": n = section(v, "secret", SECRET_KEYS, base, home, errors); break;
                    case "configs": n = section(v, "config", CONFIG_KEYS, base, home, errors); break;
                    default: n = v;
                }
                out.put(key, new YNode.Entry(key, e.keySpan(), n));
            } catch (ComposeException ex) {
                errors.addAll(ex.diagnostics());
            }
        }
        if (!errors.isEmpty()) throw new ComposeException(errors);
        return new YNode.YMap(file.span(), file.tag(), out);
    }

    private static YNode services(YNode v, Path base, Path home, List<Diagnostic> errors) {
        if (Y.isNull(v)) return Y.emptyMap(v.span());
        YNode.YMap m = Y.mapping(v, "services");
        ServiceNormalizer sn = new ServiceNormalizer(base, home, errors);
        Map<String, YNode.Entry> out = new LinkedHashMap<>();
        for (YNode.Entry e : m.entries().values()) {
            if (e.key().startsWith("x-")) continue;
            if (ServiceNormalizer.isReset(e.value())) { out.put(e.key(), e); continue; }
            if (!SERVICE_NAME.matcher(e.key()).matches()) {
                errors.add(Diagnostic.error(e.keySpan(), "invalid service name '" + e.key() + "': use letters, digits, '.', '_' and '-'"));
                continue;
            }
            out.put(e.key(), new YNode.Entry(e.key(), e.keySpan(), sn.normalize(e.key(), e.value())));
        }
        return new YNode.YMap(m.span(), m.tag(), out);
    }

    private static YNode section(YNode v, String what, Set<String> keys, Path base, Path home, List<Diagnostic> errors) {
        if (Y.isNull(v)) return Y.emptyMap(v.span());
        YNode.YMap m = Y.mapping(v, what + "s");
        Map<String, YNode.Entry> out = new LinkedHashMap<>();
        for (YNode.Entry e : m.entries().values()) {
            if (e.key().startsWith("x-")) continue;
            if (ServiceNormalizer.isReset(e.value())) { out.put(e.key(), e); continue; }
            try {
                YNode n = e.value();
                if (Y.isNull(n)) n = Y.emptyMap(e.keySpan());
                YNode.YMap d = Y.mapping(n, what + " '" + e.key() + "'");
                Map<String, YNode.Entry> o = new LinkedHashMap<>();
                for (YNode.Entry f : d.entries().values()) {
                    if (!keys.contains(f.key()) && !f.key().startsWith("x-")) {
                        errors.add(Diagnostic.error(f.keySpan(), what + " '" + e.key() + "': unknown key '" + f.key() + "'" + Suggest.didYouMean(f.key(), keys)));
                        continue;
                    }
                    YNode val = f.value();
                    YNode c;
                    switch (f.key()) {
                        case "external":
                            if (val instanceof YNode.YMap ext) {
                                // the obsolete external: {name: x} form
                                if (ext.has("name")) o.put("name", new YNode.Entry("name", f.keySpan(), Y.str(ext.get("name").span(), Y.string(ext.get("name"), "external.name"))));
                                c = Y.bool(val.span(), true);
                            } else {
                                c = Y.bool(val.span(), Y.bool(val, "external"));
                            }
                            break;
                        case "internal": case "attachable": case "enable_ipv4": case "enable_ipv6":
                            c = Y.bool(val.span(), Y.bool(val, f.key()));
                            break;
                        case "labels": case "driver_opts": c = ServiceNormalizer.keyValues(f.key(), val, false); break;
                        case "file": c = Y.str(val.span(), Volumes.absolute(Y.string(val, "file"), base, home)); break;
                        case "ipam": c = Y.mapping(val, "ipam"); break;
                        default: c = Y.str(val.span(), Y.string(val, f.key()));
                    }
                    o.put(f.key(), new YNode.Entry(f.key(), f.keySpan(), c));
                }
                out.put(e.key(), new YNode.Entry(e.key(), e.keySpan(), new YNode.YMap(d.span(), d.tag(), o)));
            } catch (ComposeException ex) {
                errors.addAll(ex.diagnostics());
            }
        }
        return new YNode.YMap(m.span(), m.tag(), out);
    }
}
