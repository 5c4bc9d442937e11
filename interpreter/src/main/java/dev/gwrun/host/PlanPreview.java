package dev.gwrun.host;

/**
 * Optional for a {@link HostFunction} whose effect is {@link Effect#CHANGE}: what a call would change,
 * worked out by reading only ({@code compose.up(p)}: "would create app-web-1, recreate app-api-1 (config
 * changed: image), leave app-db-1"). {@code gwrun plan --probe} shows it beside the call it does not make,
 * when every argument of the call is known. Implementations must not change anything.
 */
public interface PlanPreview {

    /**
     * One line, starting with a verb ("would create …"), saying what the call would do now.
     *
     * @throws Exception when the answer cannot be worked out; the plan shows the failure instead
     */
    String preview(Args args, CallContext ctx) throws Exception;
}
