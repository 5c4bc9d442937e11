package dev.gwrun.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * What happens during a run, in order. The terminal view, JSON lines, JUnit and CI annotations are
 * renderers of these events. Every text field is already masked: no secret reaches a renderer.
 * {@code path} is the step path ("deploy › migrate"), empty outside any step; {@code line} is the
 * source line of the statement that caused the event.
 */
public sealed interface Event {
    Instant at();

    record RunStarted(Instant at, String runbook, String file, Map<String, String> params) implements Event {}

    /** {@code file} is the source file {@code line} is in (a sub-runbook's steps are in its own file). */
    record StepStarted(Instant at, String path, String name, int depth, int line, String file) implements Event {
        public StepStarted(Instant at, String path, String name, int depth, int line) {
            this(at, path, name, depth, line, null);
        }
    }

    record StepRetrying(Instant at, String path, int attempt, int attempts, String message, Duration backoff, int line) implements Event {}

    /**
     * {@code file} is the source file {@code line} (the step's) is in; {@code location} is where a failed or
     * recovered step's error happened, as {@code file:line:col}, or null when that is not known.
     */
    record StepFinished(Instant at, String path, String name, int depth, Outcome outcome, Duration elapsed,
                        String message, String kind, int line, String file, String location) implements Event {
        public StepFinished(Instant at, String path, String name, int depth, Outcome outcome, Duration elapsed,
                            String message, String kind, int line) {
            this(at, path, name, depth, outcome, elapsed, message, kind, line, null, null);
        }
    }

    /**
     * A step succeeded (or was skipped because it succeeded before: then {@code reusedFrom} names
     * that run). {@code key} identifies it across runs (its path, plus the iteration of each
     * enclosing for loop); {@code values} are the variables it assigned, encoded by BoundValues,
     * with secrets replaced by a marker. Emitted just before its StepFinished; run records keep it.
     */
    record StepValues(Instant at, String path, String key, boolean once, Map<String, Object> values,
                      String reusedFrom) implements Event {}

    record Log(Instant at, String path, Stream stream, String text, int line) implements Event {}

    record WaitStarted(Instant at, String path, String condition, Duration every, Duration timeout, int line) implements Event {}

    /** {@code line} is the wait statement's. */
    record WaitAttempt(Instant at, String path, int attempt, Duration elapsed, String last, int line) implements Event {
        public WaitAttempt(Instant at, String path, int attempt, Duration elapsed, String last) {
            this(at, path, attempt, elapsed, last, 0);
        }
    }

    record WaitFinished(Instant at, String path, boolean satisfied, int attempts, Duration elapsed, int line) implements Event {}

    /** A runbook-level or step-level handler: kind is "on failure" or "always". */
    record HandlerStarted(Instant at, String path, String kind, int line) implements Event {}

    record HandlerFinished(Instant at, String path, String kind, boolean ok, String message, int line) implements Event {}

    /** A guard before the first step refused; all of them are reported before the run ends. */
    record GuardRefused(Instant at, String message, int line, String location) implements Event {}

    record RunFinished(Instant at, Outcome outcome, int exitCode, Duration elapsed, String message,
                       String failedStep, String location) implements Event {}

    /** How a step or run ended. */
    enum Outcome {
        SUCCEEDED, FAILED, SKIPPED, RECOVERED, REFUSED, HANDLER_FAILED, INTERRUPTED;

        public String label() { return name().toLowerCase().replace('_', ' '); }
    }

    /** Where a log line came from: a log statement, a command's output, gwrun itself, or a warning of a call that went on. */
    enum Stream { LOG, STDOUT, STDERR, INFO, WARNING }
}
