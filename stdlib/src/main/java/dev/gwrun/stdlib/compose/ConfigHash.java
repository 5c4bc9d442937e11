package dev.gwrun.stdlib.compose;

import dev.gwrun.stdlib.compose.model.Service;

import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * gwrun's config hash of a service, written in {@code com.docker.compose.config-hash}: sha256 of the
 * service's config in a canonical text (maps sorted by key, records by component) and the id of the
 * image it runs, so a changed setting or a rebuilt or re-pulled image both count as a change. As in
 * Compose's {@code ServiceHash}, what does not shape a container is left out: build, pull_policy,
 * the replica count, depends_on and profiles. Beside it, {@link #parts} hashes each setting on its own,
 * so a recreate can say which changed.
 */
final class ConfigHash {
    /** Record components and raw keys that do not shape a container. */
    private static final Set<String> LEFT_OUT = Set.of("build", "pullPolicy", "pull_policy", "replicas", "scale",
            "dependsOn", "depends_on", "profiles", "raw", "deploy");

    private ConfigHash() {}

    /** The hash of the whole config and image. */
    static String of(Service s, String imageId) {
        return sha256(String.join("\n", parts(s, imageId).values()));
    }

    /** Each setting's canonical text by name ("image" is the reference and the image id). */
    static Map<String, String> parts(Service s, String imageId) {
        Map<String, String> out = new LinkedHashMap<>();
        for (RecordComponent c : Service.class.getRecordComponents()) {
            if (LEFT_OUT.contains(c.getName())) continue;
            Object v;
            try {
                v = c.getAccessor().invoke(s);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
            if (c.getName().equals("image")) v = v + "@" + imageId;
            out.put(c.getName(), c.getName() + "=" + canonical(v));
        }
        // deploy shapes a container except for its replica count (resources, restart_policy).
        Map<String, Object> deploy = new TreeMap<>(s.deploy());
        deploy.remove("replicas");
        out.put("deploy", "deploy=" + canonical(deploy));
        Map<String, Object> others = RawSettings.others(s);
        if (!others.isEmpty()) out.put("other", "other=" + canonical(others));
        return out;
    }

    /** "command:1a2b3c4d,environment:…": short hashes of the settings that are set, for the config-parts label. */
    static String partsLabel(Service s, String imageId) {
        List<String> out = new ArrayList<>();
        parts(s, imageId).forEach((k, v) -> out.add(k + ":" + sha256(v).substring(0, 8)));
        return String.join(",", out);
    }

    /** The settings whose short hashes differ between two config-parts labels; empty when one is missing. */
    static List<String> changed(String oldLabel, String newLabel) {
        if (oldLabel == null || oldLabel.isBlank()) return List.of();
        Map<String, String> was = parse(oldLabel);
        Map<String, String> now = parse(newLabel);
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, String> e : now.entrySet()) if (!e.getValue().equals(was.get(e.getKey()))) out.add(e.getKey());
        return out;
    }

    private static Map<String, String> parse(String label) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String kv : label.split(",")) {
            int i = kv.indexOf(':');
            if (i > 0) m.put(kv.substring(0, i), kv.substring(i + 1));
        }
        return m;
    }

    static String canonical(Object v) {
        StringBuilder b = new StringBuilder();
        write(v, b);
        return b.toString();
    }

    private static void write(Object v, StringBuilder b) {
        if (v == null) {
            b.append("null");
        } else if (v instanceof Map<?, ?> m) {
            Map<String, Object> sorted = new TreeMap<>();
            m.forEach((k, x) -> sorted.put(String.valueOf(k), x));
            b.append('{');
            boolean first = true;
            for (Map.Entry<String, Object> e : sorted.entrySet()) {
                if (!first) b.append(',');
                first = false;
                quote(e.getKey(), b);
                b.append(':');
                write(e.getValue(), b);
            }
            b.append('}');
        } else if (v instanceof Collection<?> c) {
            b.append('[');
            boolean first = true;
            for (Object x : c) {
                if (!first) b.append(',');
                first = false;
                write(x, b);
            }
            b.append(']');
        } else if (v instanceof Record r) {
            Map<String, Object> fields = new TreeMap<>();
            for (RecordComponent c : r.getClass().getRecordComponents()) {
                try {
                    fields.put(c.getName(), c.getAccessor().invoke(r));
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(e);
                }
            }
            write(fields, b);
        } else if (v instanceof CharSequence || v instanceof java.nio.file.Path) {
            quote(v.toString(), b);
        } else {
            b.append(v);
        }
    }

    private static void quote(String s, StringBuilder b) {
        b.append('"').append(s.replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
