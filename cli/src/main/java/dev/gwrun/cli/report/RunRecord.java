package dev.gwrun.cli.report;

import dev.gwrun.engine.Event;
import dev.gwrun.engine.EventSink;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the end-of-run reports (JUnit, Markdown, HTML) are made from: the run's summary and its steps
 * in the order they started, collected from the events. The texts are as the engine masked them;
 * the reports mask again when they write, since a secret may be registered after it was first seen.
 */
public final class RunRecord implements EventSink {
    /** Log lines kept per step for the JUnit report: enough to see what happened, bounded in memory. */
    static final int MAX_LOG_LINES = 200;

    private String runbook = "";
    private String file = "";
    private final Map<String, String> params = new LinkedHashMap<>();
    private Instant started;
    private Instant finished;
    private Event.RunFinished end;
    private final List<Step> steps = new ArrayList<>();
    private final List<Event.GuardRefused> refusals = new ArrayList<>();
    private final List<Event.HandlerFinished> failedHandlers = new ArrayList<>();

    /** One step as it ran: start and end times, outcome, and what went wrong. */
    public static final class Step {
        public final String path;
        public final String name;
        public final int depth;
        public final int line;
        public final String file;
        public final Instant start;
        Instant end;
        Event.StepFinished finish;
        int retries;
        final List<String> log = new ArrayList<>();
        int droppedLog;

        Step(String path, String name, int depth, int line, String file, Instant start) {
            this.path = path;
            this.name = name;
            this.depth = depth;
            this.line = line;
            this.file = file;
            this.start = start;
        }

        /** Null while the step is still running (a run killed or ended by an internal error). */
        public Event.Outcome outcome() { return finish == null ? null : finish.outcome(); }

        public Instant end() { return end; }

        public Duration elapsed() {
            if (finish != null) return finish.elapsed();
            return end == null ? Duration.ZERO : Duration.between(start, end);
        }

        public String message() { return finish == null ? null : finish.message(); }

        public String kind() { return finish == null ? null : finish.kind(); }

        /** Where the step's error happened ({@code file:line:col}), else the step's own line. */
        public String location() {
            if (finish != null && finish.location() != null) return finish.location();
            return (file == null ? "" : file + ":") + line;
        }

        public int retries() { return retries; }

        public List<String> log() { return log; }

        public int droppedLog() { return droppedLog; }
    }

    @Override
    public synchronized void accept(Event e) {
        if (e instanceof Event.RunStarted x) {
            runbook = x.runbook();
            file = x.file();
            params.putAll(x.params());
            started = x.at();
        } else if (e instanceof Event.StepStarted x) {
            steps.add(new Step(x.path(), x.name(), x.depth(), x.line(), x.file(), x.at()));
        } else if (e instanceof Event.StepFinished x) {
            Step s = running(x.path());
            if (s == null) {
                s = new Step(x.path(), x.name(), x.depth(), x.line(), x.file(), x.at());
                steps.add(s);
            }
            s.finish = x;
            s.end = x.at();
        } else if (e instanceof Event.StepRetrying x) {
            Step s = running(x.path());
            if (s != null) {
                s.retries++;
                keep(s, "retrying (attempt " + x.attempt() + "/" + x.attempts() + "): " + x.message());
            }
        } else if (e instanceof Event.Log x) {
            Step s = running(x.path());
            if (s != null) for (String l : x.text().split("\n", -1)) keep(s, l);
        } else if (e instanceof Event.GuardRefused x) {
            refusals.add(x);
        } else if (e instanceof Event.HandlerFinished x) {
            if (!x.ok()) failedHandlers.add(x);
        } else if (e instanceof Event.RunFinished x) {
            end = x;
            finished = x.at();
        }
        if (started == null) started = e.at();
        if (end == null) finished = e.at();
    }

    private static void keep(Step s, String line) {
        if (s.log.size() < MAX_LOG_LINES) s.log.add(line); else s.droppedLog++;
    }

    /** The latest step with this path that has not finished. */
    private Step running(String path) {
        for (int i = steps.size() - 1; i >= 0; i--) {
            Step s = steps.get(i);
            if (s.path.equals(path) && s.finish == null) return s;
        }
        return null;
    }

    public synchronized boolean started() { return started != null; }

    public String runbook() { return runbook; }

    public String file() { return file; }

    public Map<String, String> params() { return params; }

    public Instant startedAt() { return started; }

    /** When the run finished, or the time of its last event if it did not. */
    public Instant finishedAt() { return finished; }

    /** The run's end, or null when it did not reach one (an internal error). */
    public Event.RunFinished end() { return end; }

    public Duration elapsed() {
        if (end != null) return end.elapsed();
        return started == null || finished == null ? Duration.ZERO : Duration.between(started, finished);
    }

    /** The outcome's label: "succeeded", "failed", …, or "incomplete" when the run never finished. */
    public String outcomeLabel() { return end == null ? "incomplete" : end.outcome().label(); }

    /** Whether the run ended well (succeeded, possibly with recovered or skipped steps). */
    public boolean ok() { return end != null && end.exitCode() == 0; }

    public List<Step> steps() { return steps; }

    public List<Event.GuardRefused> refusals() { return refusals; }

    public List<Event.HandlerFinished> failedHandlers() { return failedHandlers; }
}
