package dev.gwrun.runtime;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Cooperative cancellation, in a tree: a run's token has a child per step with a timeout and per
 * parallel branch; cancelling one cancels its children. The evaluator checks it between
 * statements; blocking host calls (HTTP, processes, sleeps, waits) register a hook that breaks
 * them off at once.
 */
public final class Cancellation {
    private final Cancellation parent;
    private final List<Cancellation> children = new CopyOnWriteArrayList<>();
    private final List<Runnable> hooks = new CopyOnWriteArrayList<>();
    private final Object lock = new Object();
    private volatile GwrunError reason;

    public Cancellation() {
        this(null);
    }

    private Cancellation(Cancellation parent) {
        this.parent = parent;
    }

    /** A token cancelled with this one (and on its own); close() detaches it. */
    public Cancellation child() {
        Cancellation c = new Cancellation(this);
        children.add(c);
        if (reason != null) c.cancel(reason);
        return c;
    }

    public void close() {
        if (parent != null) parent.children.remove(this);
    }

    /** Cancels this token and its children with the error the cancelled work fails with. */
    public void cancel(GwrunError why) {
        List<Runnable> toRun;
        synchronized (lock) {
            if (reason != null) return;
            reason = why;
            toRun = new ArrayList<>(hooks);
            lock.notifyAll();
        }
        for (Runnable hook : toRun) {
            try {
                hook.run();
            } catch (RuntimeException ignored) {
                // a hook that cannot cancel must not stop the others
            }
        }
        for (Cancellation c : children) c.cancel(why);
    }

    public boolean isCancelled() {
        return reason != null;
    }

    public GwrunError reason() {
        return reason;
    }

    /** Throws the cancellation's error if cancelled. */
    public void check() {
        GwrunError r = reason;
        if (r != null) throw new GwrunError(r.kind(), r.getMessage());
    }

    /** Registers a hook run on cancellation (at once if already cancelled); close the handle when done. */
    public Registration onCancel(Runnable hook) {
        boolean runNow;
        synchronized (lock) {
            runNow = reason != null;
            if (!runNow) hooks.add(hook);
        }
        if (runNow) hook.run();
        return () -> hooks.remove(hook);
    }

    /** Sleeps for d, returning early (by throwing) when cancelled. */
    public void sleep(Duration d) {
        long deadline = System.nanoTime() + Durations.nanos(d);
        synchronized (lock) {
            while (reason == null) {
                long left = deadline - System.nanoTime();
                if (left <= 0) return;
                try {
                    lock.wait(Math.max(1, left / 1_000_000), 0);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new GwrunError("interrupted", "interrupted");
                }
            }
        }
        check();
    }

    /** A handle to deregister a cancel hook. */
    public interface Registration extends AutoCloseable {
        @Override
        void close();
    }
}
