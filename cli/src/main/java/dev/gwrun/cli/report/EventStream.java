package dev.gwrun.cli.report;

import dev.gwrun.engine.Event;
import dev.gwrun.engine.EventSink;
import dev.gwrun.params.Masker;
import dev.gwrun.runtime.Json;

import java.io.IOException;
import java.io.Writer;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code --events}: the run as JSON Lines, one object per event, written and flushed as it happens,
 * so a killed run leaves a readable prefix. Every object has {@code type}, {@code time} (UTC,
 * ISO-8601), {@code path} and {@code line}; the rest depends on the type. The schema is documented
 * in docs/events.md; change both together.
 */
public final class EventStream implements EventSink, AutoCloseable {
    /** Bumped when a field changes meaning or disappears; new fields and types do not bump it. */
    public static final int SCHEMA = 1;

    private final Writer out;
    private final boolean ownsStream;
    private final Masker masker;
    private IOException failure;

    /** Writes to {@code out}; closes it at the end when {@code ownsStream}. */
    public EventStream(Writer out, boolean ownsStream, Masker masker) {
        this.out = out;
        this.ownsStream = ownsStream;
        this.masker = masker;
    }

    @Override
    public synchronized void accept(Event e) {
        if (failure != null) return;
        // Masked value by value, before encoding: JSON escaping would hide a secret holding a quote from the masker.
        Map<String, Object> m = toMap(e);
        m.replaceAll((k, v) -> mask(v));
        String line = Json.write(m) + "\n";
        try {
            out.write(line);
            out.flush();
        } catch (IOException x) {
            // A full disk or closed pipe must not stop the deployment; the problem is reported at the end.
            failure = x;
        }
    }

    /** The first write error, if any (the stream stops at the first). */
    public synchronized IOException failure() { return failure; }

    @Override
    public synchronized void close() {
        try {
            out.flush();
            if (ownsStream) out.close();
        } catch (IOException x) {
            if (failure == null) failure = x;
        }
    }

    /** The JSON object for one event, fields in documented order. */
    static Map<String, Object> toMap(Event e) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (e instanceof Event.RunStarted x) {
            head(m, "run_started", e, "", null);
            m.put("schema", (long) SCHEMA);
            m.put("runbook", x.runbook());
            m.put("file", x.file());
            m.put("params", new LinkedHashMap<>(x.params()));
        } else if (e instanceof Event.StepStarted x) {
            head(m, "step_started", e, x.path(), x.line());
            m.put("name", x.name());
            m.put("depth", (long) x.depth());
            m.put("file", x.file());
        } else if (e instanceof Event.StepRetrying x) {
            head(m, "step_retried", e, x.path(), x.line());
            m.put("attempt", (long) x.attempt());
            m.put("attempts", (long) x.attempts());
            m.put("message", x.message());
            m.put("backoff_ms", ms(x.backoff()));
        } else if (e instanceof Event.StepFinished x) {
            head(m, "step_" + x.outcome().name().toLowerCase(), e, x.path(), x.line());
            m.put("name", x.name());
            m.put("depth", (long) x.depth());
            m.put("file", x.file());
            m.put("elapsed_ms", ms(x.elapsed()));
            m.put("message", x.message());
            m.put("kind", x.kind());
            m.put("location", x.location());
        } else if (e instanceof Event.StepValues x) {
            head(m, "step_values", e, x.path(), null);
            m.put("key", x.key());
            m.put("once", x.once());
            m.put("values", new LinkedHashMap<>(x.values()));
            m.put("reused_from", x.reusedFrom());
        } else if (e instanceof Event.Log x) {
            head(m, "log", e, x.path(), x.line());
            m.put("stream", x.stream().name().toLowerCase());
            m.put("text", x.text());
        } else if (e instanceof Event.WaitStarted x) {
            head(m, "wait_started", e, x.path(), x.line());
            m.put("condition", x.condition());
            m.put("every_ms", ms(x.every()));
            m.put("timeout_ms", ms(x.timeout()));
        } else if (e instanceof Event.WaitAttempt x) {
            head(m, "wait_attempt", e, x.path(), x.line());
            m.put("attempt", (long) x.attempt());
            m.put("elapsed_ms", ms(x.elapsed()));
            m.put("last", x.last());
        } else if (e instanceof Event.WaitFinished x) {
            head(m, "wait_finished", e, x.path(), x.line());
            m.put("satisfied", x.satisfied());
            m.put("attempts", (long) x.attempts());
            m.put("elapsed_ms", ms(x.elapsed()));
        } else if (e instanceof Event.HandlerStarted x) {
            head(m, "handler_started", e, x.path(), x.line());
            m.put("handler", x.kind());
        } else if (e instanceof Event.HandlerFinished x) {
            head(m, "handler_finished", e, x.path(), x.line());
            m.put("handler", x.kind());
            m.put("ok", x.ok());
            m.put("recovered", "recovered".equals(x.message()));
            m.put("message", "recovered".equals(x.message()) ? null : x.message());
        } else if (e instanceof Event.GuardRefused x) {
            head(m, "guard_refused", e, "", x.line());
            m.put("message", x.message());
            m.put("location", x.location());
        } else if (e instanceof Event.RunFinished x) {
            head(m, "run_finished", e, "", Locations.line(x.location()));
            m.put("outcome", x.outcome().name().toLowerCase());
            m.put("exit_code", (long) x.exitCode());
            m.put("elapsed_ms", ms(x.elapsed()));
            m.put("message", x.message());
            m.put("failed_step", x.failedStep());
            m.put("location", x.location());
        } else {
            head(m, "unknown", e, "", null);
        }
        return m;
    }

    private static void head(Map<String, Object> m, String type, Event e, String path, Integer line) {
        m.put("type", type);
        m.put("time", e.at().toString());
        m.put("path", path);
        m.put("line", line == null || line <= 0 ? null : (long) line);
    }

    private Object mask(Object v) {
        if (v instanceof String s) return masker.mask(s);
        if (v instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, x) -> out.put(masker.mask(String.valueOf(k)), mask(x)));
            return out;
        }
        return v;
    }

    private static long ms(Duration d) { return d == null ? 0 : d.toMillis(); }
}
