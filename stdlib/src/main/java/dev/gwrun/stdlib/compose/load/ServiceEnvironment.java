package dev.gwrun.stdlib.compose.load;

import dev.gwrun.source.Diagnostic;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Stage seven: a service's final environment. The {@code env_file:} files in order (later ones win, a
 * missing one is an error unless {@code required: false}), then {@code environment:} over them; a variable
 * named there without a value takes the project's value of it (process environment, then .env), else
 * the env file's, else it is left out. The {@code env_file} key is then dropped, as v2's config does.
 */
final class ServiceEnvironment {
    private ServiceEnvironment() {}

    static YNode.YMap resolve(YNode.YMap svc, Function<String, String> variables, List<Diagnostic> errors) {
        Map<String, YNode> env = new LinkedHashMap<>();
        Map<String, String> own = new LinkedHashMap<>();
        if (svc.get("environment") instanceof YNode.YMap m) {
            for (YNode.Entry e : m.entries().values()) {
                String v = Y.isNull(e.value()) ? variables.apply(e.key()) : ((YNode.YScalar) e.value()).asString();
                if (v != null) own.put(e.key(), v);
            }
        }
        // as compose-go: a reference in an env file reads the project's variables, then the service's environment:
        Function<String, String> lookup = k -> variables.apply(k) != null ? variables.apply(k) : own.get(k);
        YNode files = svc.get("env_file");
        if (files instanceof YNode.YSeq seq) {
            for (YNode f : seq.items()) {
                YNode.YMap fm = (YNode.YMap) f;
                String path = ((YNode.YScalar) fm.get("path")).asString();
                boolean required = !(fm.get("required") instanceof YNode.YScalar r && Boolean.FALSE.equals(r.value()));
                if (!Files.isRegularFile(Path.of(path))) {
                    if (required) errors.add(Diagnostic.error(fm.get("path").span(), "env file " + path + " not found"));
                    continue;
                }
                try {
                    Map<String, String> read = Dotenv.read(Path.of(path), lookup);
                    read.forEach((k, v) -> env.put(k, Y.str(fm.span(), v)));
                } catch (ComposeException e) {
                    errors.addAll(e.diagnostics());
                }
            }
        }
        if (svc.get("environment") instanceof YNode.YMap m) {
            for (YNode.Entry e : m.entries().values()) {
                if (!Y.isNull(e.value())) { env.put(e.key(), e.value()); continue; }
                String v = variables.apply(e.key());
                if (v != null) env.put(e.key(), Y.str(e.value().span(), v));
            }
        }
        YNode.YMap out = Y.without(svc, "env_file");
        if (env.isEmpty()) return Y.without(out, "environment");
        YNode.YMap envMap = Y.map(svc.has("environment") ? svc.get("environment").span() : svc.span(), env);
        return Y.with(out, "environment", envMap);
    }
}
