package dev.gwrun.state;

import dev.gwrun.engine.Locks;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Where run records and locks live: a directory (default {@code .gwrun} in the current directory)
 * or a PostgreSQL database that runners on many machines share ({@code --state postgres://…}).
 */
public interface StateStore extends AutoCloseable {

    /** Opens the store a --state value names: a postgres:// or postgresql:// URL, else a directory. */
    static StateStore open(String spec, Path cwd) throws IOException {
        if (spec != null && (spec.startsWith("postgres://") || spec.startsWith("postgresql://"))) return PgStateStore.open(spec);
        Path dir = spec == null || spec.isBlank() ? cwd.resolve(".gwrun") : cwd.resolve(spec);
        return new FileStateStore(dir.normalize());
    }

    /** For messages: the directory, or the URL without its password. */
    String describe();

    /** Starts the record of a new run; the header is durable when this returns. */
    RunWriter create(RunHeader header) throws IOException;

    /** Removes a run's record: for a run that never started (its params were refused). */
    void delete(String id) throws IOException;

    /** Recent runs, newest first. */
    List<RunRecord> recent(int limit) throws IOException;

    /**
     * One run by id, by a prefix only one id has, or "last" for the newest. Throws
     * IllegalArgumentException with a message for a person when there is none (or several).
     */
    RunRecord load(String id) throws IOException;

    /** Every run of this runbook, newest first (for the once steps it already ran). */
    List<RunRecord> runsOf(String runbook) throws IOException;

    /** The named locks of this store, taken on behalf of {@code owner}. */
    Locks locks(Owner owner);

    @Override void close();
}
