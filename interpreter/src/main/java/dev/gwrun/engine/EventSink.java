package dev.gwrun.engine;

/** Receives a run's events, one at a time and in order (calls are serialized by the engine). */
@FunctionalInterface
public interface EventSink {
    void accept(Event event);
}
