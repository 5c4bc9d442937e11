package dev.gwrun.stdlib;

import dev.gwrun.host.Args;
import dev.gwrun.host.CallContext;
import dev.gwrun.host.HostFunction;
import dev.gwrun.runtime.GwrunError;
import dev.gwrun.runtime.HostObject;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Calls a standard-library function by its qualified name with named arguments, as the evaluator does. */
public final class HostCalls {
    private HostCalls() {}

    /** Calls {@code function} (say {@code "docker.run"}) with the given arguments. */
    public static Object call(CallContext ctx, String function, Map<String, Object> args) throws Exception {
        HostFunction f = StandardLibrary.registry().function(function);
        assertThat(f).as(function).isNotNull();
        return f.call(new Args(f.signature(), new LinkedHashMap<>(args)), ctx);
    }

    /** Calls {@code function} with arguments given as name, value, name, value, … (a value may be null). */
    public static Object call(CallContext ctx, String function, Object... namesAndValues) throws Exception {
        return call(ctx, function, args(namesAndValues));
    }

    /** {@link #call(CallContext, String, Map)} for a function that returns an object (a response, a result). */
    public static HostObject object(CallContext ctx, String function, Map<String, Object> args) throws Exception {
        Object result = call(ctx, function, args);
        assertThat(result).as(function).isInstanceOf(HostObject.class);
        return (HostObject) result;
    }

    /** The runbook error the call fails with, or null when it does not fail. */
    public static GwrunError failure(CallContext ctx, String function, Map<String, Object> args) {
        return catchThrowableOfType(GwrunError.class, () -> call(ctx, function, args));
    }

    /** {@link #failure(CallContext, String, Map)} with arguments given as name, value, name, value, … */
    public static GwrunError failure(CallContext ctx, String function, Object... namesAndValues) {
        return failure(ctx, function, args(namesAndValues));
    }

    private static Map<String, Object> args(Object... namesAndValues) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) values.put((String) namesAndValues[i], namesAndValues[i + 1]);
        return values;
    }
}
