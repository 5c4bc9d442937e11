package dev.gwrun.stdlib.compose.load;

import dev.gwrun.source.Span;
import dev.gwrun.source.Suggest;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A service's {@code volumes:} entry, short ({@code ./data:/data:ro}, {@code name:/path}, {@code /path},
 * {@code ~/x:/y}) or long syntax, to the long form Compose v2 prints. Bind sources become absolute
 * against the directory the file's relative paths resolve against; {@code ~} is the user's home.
 */
final class Volumes {
    private Volumes() {}

    static final Set<String> PROPAGATIONS = Set.of("rprivate", "private", "rshared", "shared", "rslave", "slave");
    private static final Set<String> TYPES = Set.of("volume", "bind", "tmpfs", "npipe", "cluster", "image");
    private static final Set<String> LONG_KEYS = Set.of("type", "source", "target", "read_only", "consistency", "bind", "volume", "tmpfs", "image");
    private static final Set<String> BIND_KEYS = Set.of("propagation", "create_host_path", "selinux", "recursive");
    private static final Set<String> VOLUME_KEYS = Set.of("nocopy", "subpath", "labels");
    private static final Set<String> TMPFS_KEYS = Set.of("size", "mode");

    static YNode.YMap parse(YNode item, Path base, Path home) {
        if (item instanceof YNode.YMap m) return longForm(m, base, home);
        if (!(item instanceof YNode.YScalar s) || !(s.value() instanceof String spec)) {
            throw new ComposeException(item.span(), "a volume must be a string like \"./data:/data\" or a mapping, not " + Y.kind(item));
        }
        return shortForm(s.span(), spec, base, home);
    }

    static YNode.YMap shortForm(Span span, String spec, Path base, Path home) {
        if (spec.isEmpty()) throw new ComposeException(span, "invalid volume \"\": empty");
        String[] parts = spec.split(":", -1);
        if (parts.length > 3) throw bad(span, spec, "too many colons");
        for (String p : parts) if (p.isEmpty()) throw bad(span, spec, "empty section between colons");
        String source = parts.length == 1 ? "" : parts[0];
        String target = parts.length == 1 ? parts[0] : parts[1];
        boolean readOnly = false, nocopy = false;
        String propagation = null, selinux = null;
        if (parts.length == 3) {
            for (String opt : parts[2].split(",", -1)) {
                switch (opt) {
                    case "ro": readOnly = true; break;
                    case "rw": readOnly = false; break;
                    case "nocopy": nocopy = true; break;
                    case "z": case "Z": selinux = opt; break;
                    case "cached": case "delegated": case "consistent": break; // accepted and ignored, as v2 does
                    default:
                        if (PROPAGATIONS.contains(opt)) { propagation = opt; break; }
                        throw bad(span, spec, "unknown option '" + opt + "' (ro, rw, nocopy, z, Z or a bind propagation)");
                }
            }
        }
        if (!target.startsWith("/")) throw bad(span, spec, "the container path '" + target + "' is not absolute");
        Map<String, YNode> m = new LinkedHashMap<>();
        boolean bind = isFilePath(source);
        m.put("type", Y.str(span, bind ? "bind" : "volume"));
        if (!source.isEmpty()) m.put("source", Y.str(span, bind ? absolute(source, base, home) : source));
        m.put("target", Y.str(span, cleanTarget(target)));
        if (readOnly) m.put("read_only", Y.bool(span, true));
        if (bind) {
            Map<String, YNode> b = new LinkedHashMap<>();
            if (propagation != null) b.put("propagation", Y.str(span, propagation));
            b.put("create_host_path", Y.bool(span, true));
            if (selinux != null) b.put("selinux", Y.str(span, selinux));
            m.put("bind", Y.map(span, b));
        } else {
            Map<String, YNode> v = new LinkedHashMap<>();
            if (nocopy) v.put("nocopy", Y.bool(span, true));
            m.put("volume", Y.map(span, v));
        }
        return Y.map(span, m);
    }

    private static YNode.YMap longForm(YNode.YMap m, Path base, Path home) {
        checkKeys(m, LONG_KEYS, "volume");
        if (!m.has("type")) throw new ComposeException(m.span(), "a volume in the long syntax needs a type (volume, bind, tmpfs, …)");
        String type = Y.string(m.get("type"), "type");
        if (!TYPES.contains(type)) throw new ComposeException(m.get("type").span(), "unknown volume type '" + type + "'" + Suggest.didYouMean(type, TYPES));
        if (!m.has("target") || Y.isNull(m.get("target"))) throw new ComposeException(m.span(), "a volume in the long syntax needs a target");
        Map<String, YNode> out = new LinkedHashMap<>();
        out.put("type", Y.str(m.get("type").span(), type));
        YNode src = m.get("source");
        if (!Y.isNull(src)) {
            String s = Y.string(src, "source");
            if (type.equals("bind")) s = absolute(s, base, home);
            out.put("source", Y.str(src.span(), s));
        } else if (type.equals("bind")) {
            throw new ComposeException(m.span(), "a bind mount needs a source");
        }
        String target = Y.string(m.get("target"), "target");
        out.put("target", Y.str(m.get("target").span(), cleanTarget(target)));
        if (m.has("read_only") && Boolean.TRUE.equals(Y.bool(m.get("read_only"), "read_only"))) out.put("read_only", Y.bool(m.get("read_only").span(), true));
        if (m.has("consistency")) out.put("consistency", Y.str(m.get("consistency").span(), Y.string(m.get("consistency"), "consistency")));
        if (m.has("bind")) {
            YNode.YMap b = Y.mapping(m.get("bind"), "bind");
            checkKeys(b, BIND_KEYS, "bind");
            Map<String, YNode> bo = new LinkedHashMap<>();
            if (b.has("propagation")) {
                String p = Y.string(b.get("propagation"), "propagation");
                if (!PROPAGATIONS.contains(p)) throw new ComposeException(b.get("propagation").span(), "unknown bind propagation '" + p + "'");
                bo.put("propagation", Y.str(b.get("propagation").span(), p));
            }
            boolean create = !b.has("create_host_path") || Boolean.TRUE.equals(Y.bool(b.get("create_host_path"), "create_host_path"));
            bo.put("create_host_path", Y.bool(b.span(), create));
            if (b.has("selinux")) bo.put("selinux", Y.str(b.get("selinux").span(), Y.string(b.get("selinux"), "selinux")));
            if (b.has("recursive")) bo.put("recursive", Y.str(b.get("recursive").span(), Y.string(b.get("recursive"), "recursive")));
            out.put("bind", Y.map(b.span(), bo));
        }
        if (m.has("volume")) {
            YNode.YMap v = Y.isNull(m.get("volume")) ? Y.emptyMap(m.get("volume").span()) : Y.mapping(m.get("volume"), "volume");
            checkKeys(v, VOLUME_KEYS, "volume option");
            Map<String, YNode> vo = new LinkedHashMap<>();
            if (v.has("labels")) vo.put("labels", v.get("labels"));
            if (v.has("nocopy") && Boolean.TRUE.equals(Y.bool(v.get("nocopy"), "nocopy"))) vo.put("nocopy", Y.bool(v.get("nocopy").span(), true));
            if (v.has("subpath")) vo.put("subpath", Y.str(v.get("subpath").span(), Y.string(v.get("subpath"), "subpath")));
            out.put("volume", Y.map(v.span(), vo));
        }
        if (m.has("tmpfs")) {
            YNode.YMap t = Y.mapping(m.get("tmpfs"), "tmpfs");
            checkKeys(t, TMPFS_KEYS, "tmpfs option");
            Map<String, YNode> to = new LinkedHashMap<>();
            if (t.has("size")) to.put("size", Y.num(t.get("size").span(), Units.bytes(t.get("size"))));
            if (t.has("mode")) to.put("mode", Y.num(t.get("mode").span(), Y.integer(t.get("mode"), "mode")));
            out.put("tmpfs", Y.map(t.span(), to));
        }
        if (m.has("image")) out.put("image", m.get("image"));
        return Y.map(m.span(), out);
    }

    static void checkKeys(YNode.YMap m, Set<String> known, String what) {
        for (YNode.Entry e : m.entries().values()) {
            if (!known.contains(e.key()) && !e.key().startsWith("x-")) {
                throw new ComposeException(e.keySpan(), "unknown " + what + " key '" + e.key() + "'" + Suggest.didYouMean(e.key(), known));
            }
        }
    }

    static boolean isFilePath(String source) {
        return !source.isEmpty() && (source.charAt(0) == '.' || source.charAt(0) == '/' || source.charAt(0) == '~');
    }

    /** A host path made absolute: {@code ~} is the home directory, a relative path is against {@code base}. */
    static String absolute(String path, Path base, Path home) {
        if (path.equals("~")) return home.toString();
        if (path.startsWith("~/")) return home.resolve(path.substring(2)).normalize().toString();
        Path p = Path.of(path);
        return (p.isAbsolute() ? p : base.resolve(p)).normalize().toString();
    }

    private static String cleanTarget(String target) {
        String t = Path.of(target).normalize().toString();
        return t.isEmpty() ? target : t;
    }

    private static ComposeException bad(Span span, String spec, String why) {
        return new ComposeException(span, "invalid volume \"" + spec + "\": " + why);
    }

    static List<String> types() { return List.copyOf(TYPES); }
}
