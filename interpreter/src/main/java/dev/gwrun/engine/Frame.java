package dev.gwrun.engine;

import dev.gwrun.runtime.Cancellation;
import dev.gwrun.runtime.Scope;
import dev.gwrun.source.SourceFile;

/**
 * Where evaluation stands: the scope, the cancellation token in force, the step path, the file,
 * (inside a wait condition) the observer that remembers the last host result for the report, and
 * the for-loop iterations around it ("2", or "2.1" when nested; empty outside loops).
 */
record Frame(Scope scope, Cancellation cancel, StepPath path, SourceFile source, WaitObserver observer, String iteration) {

    Frame(Scope scope, Cancellation cancel, StepPath path, SourceFile source, WaitObserver observer) {
        this(scope, cancel, path, source, observer, "");
    }

    Frame withScope(Scope s) { return new Frame(s, cancel, path, source, observer, iteration); }

    Frame withCancel(Cancellation c) { return new Frame(scope, c, path, source, observer, iteration); }

    Frame inStep(StepPath p, Scope s, Cancellation c) { return new Frame(s, c, p, source, observer, iteration); }

    Frame observing(WaitObserver o) { return new Frame(scope, cancel, path, source, o, iteration); }

    /** Inside iteration {@code n} (1-based) of a for loop: steps here are told apart by it across runs. */
    Frame inIteration(int n) {
        return new Frame(scope, cancel, path, source, observer, iteration.isEmpty() ? String.valueOf(n) : iteration + "." + n);
    }

    /** What identifies a step here across runs: its path, plus the iteration of each enclosing for loop. */
    String stepKey(StepPath stepPath) {
        return iteration.isEmpty() ? stepPath.toString() : stepPath + " #" + iteration;
    }

    /** Remembers what a wait condition last saw, for "last: HTTP 503 …" in its timeout message. */
    static final class WaitObserver {
        volatile Object lastHostResult;
        /** What the last host call said its result stands for (CallContext.describeResult), or null. */
        volatile String lastDescription;
    }
}
