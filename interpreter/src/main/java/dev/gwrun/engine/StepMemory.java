package dev.gwrun.engine;

import java.util.Map;

/**
 * What a run knows about steps that already succeeded: in the run being resumed, or (for a
 * {@code once} step) in any earlier run of the same runbook and params. Consulted before each step
 * runs; a step it recalls is skipped and the values it bound are restored.
 */
public interface StepMemory {
    StepMemory NONE = (key, once) -> null;

    /**
     * The recorded success to reuse instead of running the step with this key, or null to run it.
     * Called once per time the step is reached, in order, so repeated keys are matched in turn.
     */
    Recalled recall(String key, boolean once);

    /** A step with this key just succeeded in this run (a retried parent must not re-run a once step). */
    default void succeeded(String key, boolean once, Map<String, Object> values) { }

    /**
     * A recorded success: the run it happened in, why it is reused (shown to the user), and the
     * values it bound, encoded by {@link BoundValues#encode}.
     */
    record Recalled(String run, String why, Map<String, Object> values) {}
}
