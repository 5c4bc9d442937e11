package dev.gwrun.stdlib.docker;

import dev.gwrun.host.Args;
import dev.gwrun.host.CallContext;
import dev.gwrun.runtime.GwrunError;
import dev.gwrun.runtime.Values;

/** Picks the engine a call goes to: its {@code engine:} argument, else the environment's default. */
public final class Engines {
    private Engines() {}

    public static Engine of(Args args, CallContext ctx) {
        if (!args.has("engine")) {
            return Engine.fromEnvironment(ctx);
        }
        Object e = args.value("engine");
        if (e instanceof Engine engine) return engine;
        throw new GwrunError("type", args.signature().name() + ": engine must be a handle from docker.engine(…), got "
                + Values.typeName(e) + " " + Values.repr(e));
    }

    static Engine named(Args args, CallContext ctx) {
        return Engine.named(args.string("host"), args.value("tls"), ctx.env("DOCKER_CERT_PATH"));
    }
}
