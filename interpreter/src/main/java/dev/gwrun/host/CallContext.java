package dev.gwrun.host;

import dev.gwrun.runtime.Cancellation;
import dev.gwrun.source.Span;

import java.nio.file.Path;

/** What a host function may use of the run it is called from. */
public interface CallContext {
    /** Cancelled when the step times out, a parallel sibling fails, or the user presses Ctrl-C. */
    Cancellation cancellation();

    /** A readable line under the current step ("docker: started api-green …"); masked before it is shown. */
    void log(String line);

    /**
     * Something went wrong that does not fail the call (a notification that could not be sent): shown
     * as a warning under the current step and in every report; masked before it is shown. The default
     * logs it.
     */
    default void warn(String line) {
        log("warning: " + line);
    }

    /** One line a command printed, on "stdout" or "stderr"; masked before it is shown. */
    void output(String stream, String line);

    /** An environment variable, with --env-file values over the process environment; null when unset. */
    String env(String name);

    /** The --env-file values, which commands started by the run see in their environment too. */
    default java.util.Map<String, String> envOverrides() {
        return java.util.Map.of();
    }

    /** Registers a value to be masked as *** in everything gwrun prints or writes. */
    void registerSecret(String value);

    /** Replaces every registered secret in text with ***. */
    String mask(String text);

    /** The directory relative paths in the runbook are resolved against (the runbook's own). */
    Path directory();

    /** Where in the source the call is. */
    Span callSite();

    /**
     * Says in one line what this call's result stands for, when the result cannot say it itself: a
     * {@code false} from {@code docker.healthy} is "'api' is running, health: starting …". A wait that
     * times out shows it as what it last saw. The default ignores it.
     */
    default void describeResult(String description) {}

    /**
     * Calls a runbook function given to the host function as an argument ({@code probe: check_api}),
     * on the calling thread, within the call's step; its errors propagate as they are. Contexts that
     * run no runbook code (plan, tests) refuse.
     *
     * @param fn   a value of type {@link Type#FUNCTION}
     * @param args the positional arguments
     */
    default Object call(dev.gwrun.runtime.Callable fn, java.util.List<Object> args) {
        throw new dev.gwrun.runtime.GwrunError("type", "cannot call the function '" + fn.name() + "' here");
    }

    /**
     * Keeps an eye on something this call started, for the rest of the run: every {@code wait until}
     * stops at once when it reports a problem. A later call with the same key replaces it.
     *
     * @param key what it is, e.g. "docker:api-green" (a later stop or rm of it calls {@link #unwatch})
     */
    default void watch(String key, Watch watch) {}

    /** Stops watching: the run stopped or removed it on purpose. */
    default void unwatch(String key) {}
}
