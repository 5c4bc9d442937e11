package dev.gwrun.engine;

import dev.gwrun.runtime.Cancellation;

import java.time.Duration;
import java.util.function.Consumer;

/**
 * Named locks shared by every run that uses the same state store (a directory, or PostgreSQL for
 * runners on many machines). A holder that dies stops holding its lock: a file lock's lease runs
 * out, a PostgreSQL advisory lock ends with its session.
 */
public interface Locks {

    /**
     * Takes the lock, waiting up to {@code wait} (zero: not at all) while someone else holds it.
     * {@code notice} receives the lines a person should see ("waiting for lock … held by … since …",
     * "took over lock … whose holder stopped renewing it …").
     * Throws GwrunError of kind "lock" naming the holder when the wait runs out, and the
     * cancellation's error when the run is interrupted while waiting.
     */
    Held acquire(String name, Duration wait, Consumer<String> notice, Cancellation cancel);

    /** A held lock; closing releases it (idempotent). */
    interface Held extends AutoCloseable {
        @Override void close();
    }
}
