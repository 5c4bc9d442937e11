package dev.gwrun.cli.repl;

import dev.gwrun.engine.EventSink;

/** Where the events of one input are shown (the terminal renderer); closed when the input ends. */
public interface EventView extends EventSink, AutoCloseable {
    @Override
    void close();
}
