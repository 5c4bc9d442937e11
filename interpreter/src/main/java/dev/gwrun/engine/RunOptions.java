package dev.gwrun.engine;

import dev.gwrun.params.Masker;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/** How to run: params as given on the command line, environment overrides, and where events go. */
public final class RunOptions {
    public Map<String, String> params = new LinkedHashMap<>();
    public Map<String, String> env = new LinkedHashMap<>();
    public boolean assumeYes;
    public Prompter prompter = Prompter.NONE;
    public EventSink sink = e -> { };
    public Masker masker = new Masker();
    public RunControl control = new RunControl();
    public Clock clock = Clock.systemUTC();
    /** Steps that succeeded before (resume, once); NONE runs every step. */
    public StepMemory memory = StepMemory.NONE;
    /** The store behind {@code lock} statements and {@link #runLocks}; null: locks are unavailable. */
    public Locks locks;
    /** Locks held for the whole run (gwrun run --lock NAME), taken after RunStarted, before any statement. */
    public java.util.List<String> runLocks = java.util.List.of();
    /** How long to wait for a run lock held by someone else (--lock-wait); zero fails at once. */
    public java.time.Duration runLockWait = java.time.Duration.ZERO;
}
