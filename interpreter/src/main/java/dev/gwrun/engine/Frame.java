package dev.gwrun.engine;

import dev.gwrun.runtime.Cancellation;
import dev.gwrun.runtime.Scope;
import dev.gwrun.source.SourceFile;

/**
 * Where evaluation stands: the scope, the cancellation token in force, the step path, the file,
 * and (inside a wait condition) the observer that remembers the last host result for the report.
 */
record Frame(Scope scope, Cancellation cancel, StepPath path, SourceFile source, WaitObserver observer) {

    Frame withScope(Scope s) { return new Frame(s, cancel, path, source, observer); }

    Frame withCancel(Cancellation c) { return new Frame(scope, c, path, source, observer); }

    Frame inStep(StepPath p, Scope s, Cancellation c) { return new Frame(s, c, p, source, observer); }

    Frame observing(WaitObserver o) { return new Frame(scope, cancel, path, source, o); }

    /** Remembers what a wait condition last saw, for "last: HTTP 503 …" in its timeout message. */
    static final class WaitObserver {
        volatile Object lastHostResult;
    }
}
