package dev.gwrun.state;

import dev.gwrun.engine.StepMemory;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Steps that succeeded before, as the engine asks about them. On resume: the successes of the run
 * being resumed, matched by key in order (two steps with the same key are matched in turn). For
 * {@code once} steps also: their successes in earlier runs of the same runbook with the same params,
 * and in this run (so a retried parent step does not run a once step again).
 */
public final class RecordedSteps implements StepMemory {
    private final Map<String, Deque<RunRecord.Completion>> resumed = new HashMap<>();
    private final Map<String, RunRecord.Completion> onceBefore = new HashMap<>();
    private final Map<String, Map<String, Object>> onceNow = new HashMap<>();
    private final String thisRun;

    /**
     * @param resumedRun the run being resumed, or null for a fresh run
     * @param earlierRuns earlier runs of the same runbook and params, newest first (their once steps count)
     */
    public RecordedSteps(RunRecord resumedRun, List<RunRecord> earlierRuns, String thisRun) {
        this.thisRun = thisRun;
        if (resumedRun != null) {
            for (RunRecord.Completion c : resumedRun.completions()) {
                resumed.computeIfAbsent(c.key(), k -> new ArrayDeque<>()).add(c);
            }
        }
        for (RunRecord r : earlierRuns) {
            for (RunRecord.Completion c : r.completions()) {
                if (c.once()) onceBefore.putIfAbsent(c.key(), c);
            }
        }
    }

    @Override
    public synchronized Recalled recall(String key, boolean once) {
        if (once && onceNow.containsKey(key)) {
            return new Recalled(thisRun, "once: already succeeded earlier in this run", onceNow.get(key));
        }
        Deque<RunRecord.Completion> q = resumed.get(key);
        if (q != null && !q.isEmpty()) {
            RunRecord.Completion c = q.poll();
            return new Recalled(c.run(), (c.once() || once ? "once: " : "") + "succeeded in run " + c.run(), c.values());
        }
        if (once && onceBefore.containsKey(key)) {
            RunRecord.Completion c = onceBefore.get(key);
            return new Recalled(c.run(), "once: succeeded in run " + c.run(), c.values());
        }
        return null;
    }

    @Override
    public synchronized void succeeded(String key, boolean once, Map<String, Object> values) {
        if (once) onceNow.putIfAbsent(key, new LinkedHashMap<>(values));
    }

    /** How many recorded successes resume will reuse (for "skipping N steps that succeeded"). */
    public synchronized int resumable() {
        int n = 0;
        for (Deque<RunRecord.Completion> q : resumed.values()) n += q.size();
        return n;
    }
}
