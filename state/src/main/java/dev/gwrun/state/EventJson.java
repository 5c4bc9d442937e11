package dev.gwrun.state;

import dev.gwrun.engine.Event;

import java.lang.reflect.RecordComponent;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An event as one JSON object: {@code "event"} is the record's name (StepFinished), then every
 * component by name. Instants and durations become ISO-8601 text, enums their names. Generic over
 * the records, so events other features add are recorded too. Their text is already masked.
 */
public final class EventJson {
    private EventJson() {}

    public static Map<String, Object> of(Event e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("event", e.getClass().getSimpleName());
        for (RecordComponent c : e.getClass().getRecordComponents()) {
            try {
                m.put(c.getName(), plain(c.getAccessor().invoke(e)));
            } catch (ReflectiveOperationException ex) {
                throw new IllegalStateException("cannot read " + c.getName() + " of " + e.getClass().getSimpleName(), ex);
            }
        }
        return m;
    }

    private static Object plain(Object v) {
        if (v instanceof Instant i) return i.toString();
        if (v instanceof Duration d) return d.toString();
        if (v instanceof Enum<?> en) return en.name();
        if (v instanceof Integer n) return n.longValue();
        return v;
    }
}
