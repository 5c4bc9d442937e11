package dev.gwrun.plan;

import java.util.List;

/**
 * What {@code gwrun plan} found: the params as they would be bound, and the runbook's entries in
 * order (its body, then its on failure and always handlers).
 *
 * @param probed whether read-only calls were made (--probe)
 */
public record Plan(String runbook, String file, boolean probed, List<ParamValue> params, List<PlanEntry> entries) {

    /** A param's value and where it came from: "given", "default", or "missing" (required, not given). */
    public record ParamValue(String name, String type, String value, String source) {}

    /** How many entries of a kind (or with an effect, for "changes" and "read-only") the plan holds, at any depth. */
    public long count(String kindOrEffect) {
        return count(entries, kindOrEffect);
    }

    private static long count(List<PlanEntry> entries, String what) {
        long n = 0;
        for (PlanEntry e : entries) {
            if (e.kind().equals(what) || what.equals(e.effect())) n++;
            n += count(e.children(), what);
        }
        return n;
    }
}
