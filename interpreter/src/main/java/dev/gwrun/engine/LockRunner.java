package dev.gwrun.engine;

import dev.gwrun.ast.Stmt;
import dev.gwrun.runtime.Cancellation;
import dev.gwrun.runtime.GwrunError;
import dev.gwrun.runtime.Values;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code lock name [timeout d] { … }} and the run's --lock locks: takes a named lock from the
 * session's store, shows waits and take-overs as info lines, and always releases it (success,
 * failure, Ctrl-C), since the body runs inside try/finally on the engine's thread.
 */
final class LockRunner {
    /** The error kind of a lock that could not be taken; a run ending with it exits 6. */
    static final String KIND = "lock";

    private final Session session;
    private final Executor executor;

    LockRunner(Session session, Executor executor) {
        this.session = session;
        this.executor = executor;
    }

    void run(Stmt.Lock s, Frame f) {
        String name = Values.str(executor.eval.eval(s.name(), f));
        if (name.isBlank()) throw new GwrunError("type", "a lock's name cannot be empty", s.name().span());
        Duration wait = s.timeout() == null ? Duration.ZERO : executor.duration(s.timeout(), f, "a lock's timeout");
        // Re-entered when this run already holds it (--lock, or a lock statement around this one on
        // this thread); parallel steps of one run still exclude each other.
        Set<String> here = HELD_HERE.get();
        if (session.runLockNames.contains(name) || here.contains(name)) {
            executor.block(s.body(), f);
            return;
        }
        try (Locks.Held held = acquire(session, name, wait, f.cancel(), f.path().toString(), s.span().line())) {
            here.add(name);
            try {
                executor.block(s.body(), f);
            } finally {
                here.remove(name);
            }
        }
    }

    private static final ThreadLocal<Set<String>> HELD_HERE = ThreadLocal.withInitial(HashSet::new);

    /** Takes every run lock in order; on failure releases those already taken and rethrows. */
    static List<Locks.Held> acquireAll(Session session, List<String> names, Duration wait, Cancellation cancel) {
        List<Locks.Held> held = new ArrayList<>();
        try {
            for (String name : names) {
                if (session.runLockNames.contains(name)) continue;
                held.add(acquire(session, name, wait, cancel, "", 0));
                session.runLockNames.add(name);
            }
            return held;
        } catch (RuntimeException e) {
            releaseAll(held);
            throw e;
        }
    }

    static void releaseAll(List<Locks.Held> held) {
        for (int i = held.size() - 1; i >= 0; i--) held.get(i).close();
    }

    private static Locks.Held acquire(Session session, String name, Duration wait, Cancellation cancel, String path, int line) {
        if (session.locks == null) throw new GwrunError(KIND, "lock '" + name + "' needs a state store, and this run has none");
        Locks.Held held = session.locks.acquire(name, wait,
                text -> session.emit(new Event.Log(session.now(), path, Event.Stream.INFO, session.mask(text), line)), cancel);
        session.emit(new Event.Log(session.now(), path, Event.Stream.INFO, session.mask("holding lock " + name), line));
        return () -> {
            held.close();
            session.emit(new Event.Log(session.now(), path, Event.Stream.INFO, session.mask("released lock " + name), line));
        };
    }
}
