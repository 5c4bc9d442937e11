package dev.gwrun.state;

import dev.gwrun.engine.EventSink;

/**
 * Appends a run's events to its record as they happen. Never throws into the run: the first
 * write problem is kept (and later events dropped) for the command to report at the end.
 */
public interface RunWriter extends EventSink, AutoCloseable {
    /** The first problem writing the record, or null. */
    String problem();

    @Override void close();
}
