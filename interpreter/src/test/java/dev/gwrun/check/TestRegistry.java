package dev.gwrun.check;

import dev.gwrun.host.Effect;
import dev.gwrun.host.HostFunction;
import dev.gwrun.host.HostModule;
import dev.gwrun.host.ParamSpec;
import dev.gwrun.host.Registry;
import dev.gwrun.host.Signature;
import dev.gwrun.host.Type;

import java.util.List;
import java.util.Map;

/**
 * A small stand-in for the stdlib's table (the interpreter module cannot see the stdlib): the
 * signatures the checker tests rely on. Nothing is ever called, so every implementation returns null.
 */
final class TestRegistry {
    static final Type HTTP_RESPONSE = Type.object("HTTP response",
            Map.of("status", Type.INT, "body", Type.STRING, "json", Type.ANY, "headers", Type.MAP));

    private TestRegistry() {}

    static Registry create() {
        return new Registry(List.of(
                module("http",
                        function("http.get", HTTP_RESPONSE,
                                ParamSpec.required("url", Type.STRING, "the URL"),
                                ParamSpec.optional("headers", Type.MAP, "request headers"),
                                ParamSpec.optional("timeout", Type.DURATION, "how long to wait"))),
                module("",
                        function("env", Type.STRING,
                                ParamSpec.required("name", Type.STRING, "the variable"),
                                ParamSpec.optional("default", Type.ANY, "when unset")),
                        function("sleep", Type.NULL,
                                ParamSpec.required("duration", Type.DURATION, "how long")),
                        function("sh", Type.ANY,
                                ParamSpec.required("command", Type.STRING, "shell text"),
                                ParamSpec.optional("check", Type.BOOL, "fail on a non-zero exit")))));
    }

    private static HostFunction function(String name, Type returns, ParamSpec... params) {
        return HostFunction.of(new Signature(name, List.of(params), returns, Effect.PURE, null), (args, ctx) -> null);
    }

    private static HostModule module(String name, HostFunction... functions) {
        return new HostModule() {
            @Override public String name() { return name; }

            @Override public String doc() { return "test module " + name; }

            @Override public List<HostFunction> functions() { return List.of(functions); }
        };
    }
}
