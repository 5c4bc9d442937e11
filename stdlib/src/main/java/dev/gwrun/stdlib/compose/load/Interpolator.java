package dev.gwrun.stdlib.compose.load;

import dev.gwrun.source.Diagnostic;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Stage two: substitutes variables in every scalar value of a file (never in keys), as compose-go's
 * {@code interpolation} package does, then re-types the values of keys that take a number or a boolean
 * (compose-go's type-cast table: {@code replicas: ${N}} is a number, {@code tty: ${T}} a boolean).
 * Unset variables are warnings at the scalar; a failed {@code ${V:?msg}} or a malformed template is an
 * error at the scalar. Every error of the file is collected before throwing.
 */
final class Interpolator {
    private enum Cast { INT, FLOAT, BOOL }

    private static final Map<String, Cast> CASTS = new LinkedHashMap<>();

    static {
        for (String k : List.of("cpu_count", "cpu_period", "cpu_quota", "cpu_rt_period", "cpu_rt_runtime", "cpu_shares",
                "oom_score_adj", "pids_limit", "scale", "deploy.replicas", "deploy.update_config.parallelism",
                "deploy.rollback_config.parallelism", "deploy.restart_policy.max_attempts",
                "deploy.placement.max_replicas_per_node", "healthcheck.retries", "ports.[].target", "ulimits.*",
                "ulimits.*.hard", "ulimits.*.soft")) {
            CASTS.put("services.*." + k, Cast.INT);
        }
        for (String k : List.of("cpu_percent", "cpus", "deploy.update_config.max_failure_ratio",
                "deploy.rollback_config.max_failure_ratio")) {
            CASTS.put("services.*." + k, Cast.FLOAT);
        }
        for (String k : List.of("init", "depends_on.*.required", "depends_on.*.restart", "healthcheck.disable",
                "oom_kill_disable", "privileged", "read_only", "stdin_open", "tty", "volumes.[].read_only",
                "volumes.[].volume.nocopy")) {
            CASTS.put("services.*." + k, Cast.BOOL);
        }
        for (String k : List.of("networks.*.external", "networks.*.internal", "networks.*.attachable",
                "networks.*.enable_ipv4", "networks.*.enable_ipv6", "volumes.*.external", "secrets.*.external",
                "configs.*.external")) {
            CASTS.put(k, Cast.BOOL);
        }
    }

    private final Function<String, String> lookup;
    private final List<Diagnostic> warnings;
    private final List<Diagnostic> errors = new ArrayList<>();

    private Interpolator(Function<String, String> lookup, List<Diagnostic> warnings) {
        this.lookup = lookup;
        this.warnings = warnings;
    }

    /**
     * A NUL can be written in YAML ("\0") or come from a variable, but no path, name, argument or
     * environment value the engine takes may hold one (a NUL in env_file: escaped as InvalidPathException).
     */
    static final String NUL = "a NUL character (\\0) cannot be part of a Compose value: no path, name, command or environment variable may hold one";

    /**
     * Interpolates a whole file.
     *
     * @param warnings where the warnings for unset variables are added
     * @throws ComposeException every failed substitution of the file
     */
    static YNode.YMap interpolate(YNode.YMap file, Function<String, String> lookup, List<Diagnostic> warnings) {
        Interpolator in = new Interpolator(lookup, warnings);
        YNode out = in.walk(file, new ArrayList<>());
        if (!in.errors.isEmpty()) throw new ComposeException(in.errors);
        return (YNode.YMap) out;
    }

    /** Interpolates one string (the project name, say); the span is where errors and warnings point. */
    static String string(String text, dev.gwrun.source.Span span, Function<String, String> lookup, List<Diagnostic> warnings) {
        try {
            return Template.substitute(text, lookup, v -> warnings.add(unsetWarning(span, v)));
        } catch (Template.TemplateException e) {
            throw new ComposeException(span, e.getMessage());
        }
    }

    private YNode walk(YNode node, List<String> path) {
        if (node instanceof YNode.YMap m) {
            Map<String, YNode.Entry> out = new LinkedHashMap<>();
            boolean changed = false;
            for (YNode.Entry e : m.entries().values()) {
                if (e.key().indexOf('\0') >= 0) errors.add(Diagnostic.error(e.keySpan(), NUL));
                // x- extensions are interpolated too (compose-go does), keys never are
                path.add(e.key());
                YNode v = walk(e.value(), path);
                path.remove(path.size() - 1);
                changed |= v != e.value();
                out.put(e.key(), v == e.value() ? e : new YNode.Entry(e.key(), e.keySpan(), v));
            }
            return changed ? new YNode.YMap(m.span(), m.tag(), out) : m;
        }
        if (node instanceof YNode.YSeq s) {
            List<YNode> out = new ArrayList<>();
            boolean changed = false;
            path.add("[]");
            for (YNode item : s.items()) {
                YNode v = walk(item, path);
                changed |= v != item;
                out.add(v);
            }
            path.remove(path.size() - 1);
            return changed ? new YNode.YSeq(s.span(), s.tag(), out) : s;
        }
        YNode.YScalar s = (YNode.YScalar) node;
        if (!(s.value() instanceof String text)) return s;
        if (text.indexOf('$') < 0) {
            if (text.indexOf('\0') >= 0) errors.add(Diagnostic.error(s.span(), NUL));
            return s;
        }
        String result;
        try {
            result = Template.substitute(text, lookup, v -> warnings.add(unsetWarning(s.span(), v)));
        } catch (Template.TemplateException e) {
            errors.add(Diagnostic.error(s.span(), e.getMessage()));
            return s;
        }
        if (result.indexOf('\0') >= 0) {
            errors.add(Diagnostic.error(s.span(), NUL));
            return s;
        }
        Cast cast = castFor(path);
        if (cast == null) return new YNode.YScalar(s.span(), s.tag(), result, result, true);
        return cast(s, result, cast);
    }

    private YNode cast(YNode.YScalar s, String result, Cast cast) {
        String t = result.strip();
        try {
            switch (cast) {
                case INT:
                    return new YNode.YScalar(s.span(), s.tag(), result, Long.parseLong(t), false);
                case FLOAT:
                    return new YNode.YScalar(s.span(), s.tag(), result, Double.parseDouble(t), false);
                default:
                    String b = t.toLowerCase();
                    if (b.equals("true") || b.equals("y") || b.equals("yes") || b.equals("on")) return new YNode.YScalar(s.span(), s.tag(), result, true, false);
                    if (b.equals("false") || b.equals("n") || b.equals("no") || b.equals("off")) return new YNode.YScalar(s.span(), s.tag(), result, false, false);
                    errors.add(Diagnostic.error(s.span(), "'" + result + "' is not a boolean (true or false)"));
                    return s;
            }
        } catch (NumberFormatException e) {
            errors.add(Diagnostic.error(s.span(), "'" + result + "' is not " + (cast == Cast.INT ? "an integer" : "a number")));
            return s;
        }
    }

    private static Cast castFor(List<String> path) {
        outer:
        for (Map.Entry<String, Cast> e : CASTS.entrySet()) {
            String[] parts = e.getKey().split("\\.");
            if (parts.length != path.size()) continue;
            for (int i = 0; i < parts.length; i++) {
                String p = parts[i];
                String actual = path.get(i);
                if (p.equals("*")) { if (actual.equals("[]")) continue outer; continue; }
                if (!p.equals(actual)) continue outer;
            }
            return e.getValue();
        }
        return null;
    }

    static Diagnostic unsetWarning(dev.gwrun.source.Span span, String name) {
        return Diagnostic.warning(span, "compose-unset-variable", "the \"" + name + "\" variable is not set; defaulting to a blank string");
    }
}
