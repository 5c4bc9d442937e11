package dev.gwrun.plan;

import dev.gwrun.host.CallContext;
import dev.gwrun.runtime.Cancellation;
import dev.gwrun.source.Span;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/** What a probed read-only call may use: the environment, its directory, no masking beyond secrets it registers. */
final class ProbeContext implements CallContext {
    private final Span site;
    private final Map<String, String> env;
    private final Set<String> secrets = new HashSet<>();
    private final Cancellation cancellation = new Cancellation();

    ProbeContext(Span site, Map<String, String> env) {
        this.site = site;
        this.env = env;
    }

    @Override public Cancellation cancellation() { return cancellation; }

    @Override public void log(String line) {}

    @Override public void output(String stream, String line) {}

    @Override public String env(String name) { return env.get(name); }

    @Override public void registerSecret(String value) { secrets.add(value); }

    @Override public String mask(String text) {
        for (String s : secrets) if (!s.isEmpty()) text = text.replace(s, "***");
        return text;
    }

    @Override public Path directory() { return site.file().directory(); }

    @Override public Span callSite() { return site; }
}
