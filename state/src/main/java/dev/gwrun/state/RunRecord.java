package dev.gwrun.state;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One run as recorded: its header and its events (JSON objects, in order). Everything `gwrun runs`,
 * `show` and `resume` need is derived here. A record without a RunFinished event belongs to a run
 * that was killed (or is still running): it shows as interrupted, at the step that was open.
 */
public record RunRecord(RunHeader header, List<Map<String, Object>> events) {

    /** One step as it ended (or did not: outcome INTERRUPTED and no elapsed time). */
    public record StepView(String path, String name, long depth, String outcome, Duration elapsed, String message, Long line) {}

    /** A step that succeeded, with the key resume matches it by and the values it bound (encoded). */
    public record Completion(String key, String path, boolean once, Map<String, Object> values, String run) {}

    public String id() { return header.id(); }

    public Map<String, Object> finish() {
        for (int i = events.size() - 1; i >= 0; i--) {
            if ("RunFinished".equals(events.get(i).get("event"))) return events.get(i);
        }
        return null;
    }

    /** succeeded, failed, refused, handler_failed, interrupted (also for a record that just stops). */
    public String outcome() {
        Map<String, Object> f = finish();
        return f == null ? "INTERRUPTED" : String.valueOf(f.get("outcome"));
    }

    /** Whether the run ended without a RunFinished: killed, or still running. */
    public boolean cutShort() { return finish() == null; }

    public boolean succeeded() {
        String o = outcome();
        return o.equals("SUCCEEDED") || o.equals("RECOVERED") || o.equals("SKIPPED");
    }

    /** The step the run failed in, or was in when it stopped; null when there is none. */
    public String failedStep() {
        Map<String, Object> f = finish();
        if (f != null) return f.get("failedStep") == null ? null : String.valueOf(f.get("failedStep"));
        StepView open = null;
        for (StepView s : steps()) if (s.outcome().equals("INTERRUPTED")) open = s;
        return open == null ? null : open.name();
    }

    public String message() {
        Map<String, Object> f = finish();
        if (f == null) return "the run stopped without finishing (killed, or still running)";
        return f.get("message") == null ? null : String.valueOf(f.get("message"));
    }

    public String location() {
        Map<String, Object> f = finish();
        return f == null || f.get("location") == null ? null : String.valueOf(f.get("location"));
    }

    public Duration elapsed() {
        Map<String, Object> f = finish();
        if (f != null && f.get("elapsed") != null) return Duration.parse(String.valueOf(f.get("elapsed")));
        if (events.isEmpty()) return Duration.ZERO;
        Object last = events.get(events.size() - 1).get("at");
        return last == null ? Duration.ZERO : Duration.between(header.started(), Instant.parse(String.valueOf(last)));
    }

    /** Steps in the order they started; those never finished are INTERRUPTED. */
    public List<StepView> steps() {
        List<StepView> out = new ArrayList<>();
        Map<String, Integer> open = new LinkedHashMap<>();
        for (Map<String, Object> e : events) {
            String type = String.valueOf(e.get("event"));
            String path = String.valueOf(e.get("path"));
            if (type.equals("StepStarted")) {
                open.put(path, out.size());
                out.add(new StepView(path, String.valueOf(e.get("name")), num(e.get("depth")), "INTERRUPTED", null, null, num(e.get("line"))));
            } else if (type.equals("StepFinished")) {
                StepView done = new StepView(path, String.valueOf(e.get("name")), num(e.get("depth")), String.valueOf(e.get("outcome")),
                        e.get("elapsed") == null ? null : Duration.parse(String.valueOf(e.get("elapsed"))),
                        e.get("message") == null ? null : String.valueOf(e.get("message")), num(e.get("line")));
                Integer at = open.remove(path);
                if (at != null) out.set(at, done); else out.add(done);
            }
        }
        return out;
    }

    /** Steps that succeeded (or were reused from an earlier run), in order, with what they bound. */
    @SuppressWarnings("unchecked")
    public List<Completion> completions() {
        List<Completion> out = new ArrayList<>();
        for (Map<String, Object> e : events) {
            if (!"StepValues".equals(e.get("event"))) continue;
            Map<String, Object> values = e.get("values") instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
            String from = e.get("reusedFrom") == null ? header.id() : String.valueOf(e.get("reusedFrom"));
            out.add(new Completion(String.valueOf(e.get("key")), String.valueOf(e.get("path")),
                    Boolean.TRUE.equals(e.get("once")), values, from));
        }
        return out;
    }

    private static long num(Object v) { return v instanceof Long n ? n : 0; }
}
