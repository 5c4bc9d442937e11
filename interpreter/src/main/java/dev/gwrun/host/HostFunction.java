package dev.gwrun.host;

/** A function of the standard library: its signature and its implementation. */
public interface HostFunction {
    Signature signature();

    /**
     * Runs the call. Throw {@link dev.gwrun.runtime.GwrunError} for failures a runbook author
     * should read; anything else is wrapped into one at the call site.
     */
    Object call(Args args, CallContext ctx) throws Exception;

    /** The implementation part, for building functions from lambdas. */
    @FunctionalInterface
    interface Impl {
        Object call(Args args, CallContext ctx) throws Exception;
    }

    static HostFunction of(Signature signature, Impl impl) {
        return new HostFunction() {
            @Override public Signature signature() { return signature; }

            @Override public Object call(Args args, CallContext ctx) throws Exception { return impl.call(args, ctx); }
        };
    }
}
