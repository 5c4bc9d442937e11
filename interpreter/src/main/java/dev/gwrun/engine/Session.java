package dev.gwrun.engine;

import dev.gwrun.params.Masker;
import dev.gwrun.host.Registry;
import dev.gwrun.names.Resolution;
import dev.gwrun.runtime.Cancellation;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What one run and its sub-runbooks share: the host functions, the secret masker, the event sink
 * (calls serialized, so parallel steps' events arrive one at a time), the environment with
 * --env-file values over it, the prompter, and the root cancellation token that Ctrl-C cancels.
 */
final class Session {
    final Registry registry;
    final Masker masker;
    final Map<String, String> envOverlay;
    /**
     * What host calls of this run started and the run relies on (containers), by key, in the order
     * they were started: every wait gives up at once when one of them has a problem.
     */
    final Map<String, dev.gwrun.host.Watch> watches = java.util.Collections.synchronizedMap(new java.util.LinkedHashMap<>());
    final Prompter prompter;
    final boolean assumeYes;
    final Cancellation root;
    final Clock clock;
    /** Set when any on failure handler failed: the run ends with exit code 5. */
    final AtomicBoolean handlerFailed = new AtomicBoolean();
    /** Steps that succeeded before; set by the engine from RunOptions. */
    StepMemory memory = StepMemory.NONE;
    /** What each call of the runbooks this session runs calls, resolved once by names/Names. */
    Resolution resolution;
    /** The sub-runbooks loaded into {@link #resolution}, each parsed, checked and resolved once. */
    LoadedRunbooks runbooks;
    /** The lock store; null when the run has none. */
    Locks locks;
    /** Locks held for the whole run (--lock): a lock statement naming one of them re-enters it. */
    final java.util.Set<String> runLockNames = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final EventSink sink;
    private ScheduledExecutorService scheduler;
    private final Object emitLock = new Object();

    Session(Registry registry, Masker masker, EventSink sink, Map<String, String> envOverlay,
            Prompter prompter, boolean assumeYes, Cancellation root, Clock clock) {
        this.registry = registry;
        this.masker = masker;
        this.sink = sink;
        this.envOverlay = envOverlay;
        this.prompter = prompter;
        this.assumeYes = assumeYes;
        this.root = root;
        this.clock = clock;
        this.resolution = new Resolution(registry);
        this.runbooks = new LoadedRunbooks(registry, resolution);
    }

    void emit(Event e) {
        synchronized (emitLock) {
            // Parallel steps stamp an event before taking this lock, so one may arrive stamped a few
            // microseconds before the event emitted ahead of it; consumers may rely on times in stream
            // order never going backwards, so such an event takes the time of the one before it.
            if (lastEmitted != null && e.at().isBefore(lastEmitted)) e = restamp(e, lastEmitted);
            lastEmitted = e.at();
            sink.accept(e);
        }
    }

    private Instant lastEmitted;

    /** The same event with another time: every event record has its time as the first component. */
    private static Event restamp(Event e, Instant at) {
        try {
            java.lang.reflect.RecordComponent[] parts = e.getClass().getRecordComponents();
            Object[] values = new Object[parts.length];
            Class<?>[] types = new Class<?>[parts.length];
            for (int i = 0; i < parts.length; i++) {
                values[i] = parts[i].getAccessor().invoke(e);
                types[i] = parts[i].getType();
            }
            values[0] = at;
            return (Event) e.getClass().getDeclaredConstructor(types).newInstance(values);
        } catch (ReflectiveOperationException x) {
            throw new IllegalStateException("cannot restamp " + e.getClass().getSimpleName(), x);
        }
    }

    Instant now() { return clock.instant(); }

    /** Timers for step timeouts and wait deadlines; one daemon thread, made on first use. */
    synchronized ScheduledExecutorService scheduler() {
        if (scheduler == null) {
            scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "gwrun-timers");
                t.setDaemon(true);
                return t;
            });
        }
        return scheduler;
    }

    synchronized void close() {
        if (scheduler != null) scheduler.shutdownNow();
    }

    String mask(String s) { return masker.mask(s); }

    String env(String name) {
        String v = envOverlay.get(name);
        return v != null ? v : System.getenv(name);
    }

    /** The first problem of what the run started and still relies on, or null when all is well. */
    dev.gwrun.runtime.GwrunError watchedProblem() {
        java.util.List<dev.gwrun.host.Watch> all;
        synchronized (watches) {
            all = new java.util.ArrayList<>(watches.values());
        }
        for (dev.gwrun.host.Watch w : all) {
            dev.gwrun.runtime.GwrunError e;
            try {
                e = w.problem();
            } catch (RuntimeException ignored) {
                continue; // a watch that cannot tell is no reason to stop waiting
            }
            if (e != null) return e;
        }
        return null;
    }
}
