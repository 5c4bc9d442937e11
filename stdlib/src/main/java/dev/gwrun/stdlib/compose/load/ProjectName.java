package dev.gwrun.stdlib.compose.load;

import dev.gwrun.source.Span;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The project name, in v2's order: -p, COMPOSE_PROJECT_NAME, the top-level {@code name:}, the project
 * directory's name. A name the user gave must already be valid; the directory's name is normalised.
 */
final class ProjectName {
    private static final Pattern VALID = Pattern.compile("[a-z0-9][a-z0-9_-]*");

    private ProjectName() {}

    /**
     * Settled before the files are interpolated, as compose-go does, so that they may use
     * {@code ${COMPOSE_PROJECT_NAME}}. The {@code name:} of the last file that has one wins, interpolated.
     */
    static String resolve(String flag, Map<String, String> variables, List<Path> files, Path projectDir,
                          Function<Path, YNode.YMap> read) {
        if (flag != null && !flag.isEmpty()) return check(flag, "-p", null);
        String env = variables.get("COMPOSE_PROJECT_NAME");
        if (env != null && !env.isEmpty()) return check(env, "COMPOSE_PROJECT_NAME", null);
        String fromFile = null;
        Span span = null;
        for (Path f : files) {
            YNode.YMap file;
            try {
                file = read.apply(f);
            } catch (ComposeException e) {
                continue; // the load reports it
            }
            if (file.get("name") instanceof YNode.YScalar s && s.asString() != null) {
                String v = Interpolator.string(s.asString(), s.span(), variables::get, new ArrayList<>());
                if (!v.isEmpty()) { fromFile = v; span = s.span(); }
            }
        }
        if (fromFile != null) return check(fromFile, "name:", span);
        Path fileName = projectDir.getFileName();
        String normalised = normalise(fileName == null ? "" : fileName.toString());
        if (normalised.isEmpty()) {
            throw new ComposeException("cannot make a project name of the directory " + projectDir + "; give one with -p or name:");
        }
        return normalised;
    }

    static String check(String name, String from, Span span) {
        if (VALID.matcher(name).matches()) return name;
        String msg = "invalid project name '" + name + "' (from " + from + "): use lower-case letters, digits, '-' and '_', starting with a letter or digit";
        throw span == null ? new ComposeException(msg) : new ComposeException(span, msg);
    }

    /** v2's NormalizeProjectName: lower case, only [a-z0-9_-], leading '-' and '_' dropped. */
    static String normalise(String s) {
        StringBuilder out = new StringBuilder();
        for (char c : s.toLowerCase(Locale.ROOT).toCharArray()) {
            if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-') out.append(c);
        }
        int i = 0;
        while (i < out.length() && (out.charAt(i) == '-' || out.charAt(i) == '_')) i++;
        return out.substring(i);
    }
}
