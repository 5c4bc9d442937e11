package dev.gwrun.plan;

import java.util.ArrayList;
import java.util.List;

/**
 * One line of a plan: what the runbook would do at {@code line}, what is known about it now
 * ({@code note}: "→ true", "skipped", "(known at run time)"), and for calls of the standard library
 * whether they read or change the world. Children are what happens inside (a step's body).
 *
 * @param kind   step, parallel, call, guard, wait, if, else, for, let, log, confirm, fail, run (its sub-runbook planned as
 *               children), param (a sub-runbook's), handler, note
 * @param effect "changes", "read-only" or null (not a call, or a pure one)
 */
public record PlanEntry(String kind, int line, String text, String note, String effect, List<PlanEntry> children) {

    static PlanEntry of(String kind, int line, String text, String note, String effect) {
        return new PlanEntry(kind, line, text, note, effect, new ArrayList<>());
    }
}
