package dev.gwrun.stdlib.compose;

import dev.gwrun.host.CallContext;
import dev.gwrun.runtime.Callable;
import dev.gwrun.runtime.Cancellation;
import dev.gwrun.source.Span;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The call's context with a cancellation of its own, a child of the call's: the threads of one
 * {@code compose.up} share it, so the first service that fails stops the others' waits at once, and a
 * step timeout or Ctrl-C still stops them all.
 */
final class ScopedContext implements CallContext {
    private final CallContext outer;
    private final Cancellation token;

    ScopedContext(CallContext outer) {
        this.outer = outer;
        this.token = outer.cancellation().child();
    }

    /** Detaches the child token from the call's. */
    void close() { token.close(); }

    @Override public Cancellation cancellation() { return token; }

    @Override public void log(String line) { outer.log(line); }

    @Override public void output(String stream, String line) { outer.output(stream, line); }

    @Override public String env(String name) { return outer.env(name); }

    @Override public Map<String, String> envOverrides() { return outer.envOverrides(); }

    @Override public void registerSecret(String value) { outer.registerSecret(value); }

    @Override public String mask(String text) { return outer.mask(text); }

    @Override public Path directory() { return outer.directory(); }

    @Override public Span callSite() { return outer.callSite(); }

    @Override public void describeResult(String description) { outer.describeResult(description); }

    @Override public Object call(Callable fn, List<Object> args) { return outer.call(fn, args); }
}
