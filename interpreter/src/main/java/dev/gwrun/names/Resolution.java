package dev.gwrun.names;

import dev.gwrun.ast.Expr;
import dev.gwrun.ast.Runbook;
import dev.gwrun.host.Registry;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;

/**
 * What {@link Names} resolved, for every runbook a run has loaded (the top one and each sub-runbook) or
 * every input a REPL session has entered, keyed by node: the table the evaluator reads instead of
 * working out callees again from its run-time scope (as jlox's interpreter reads its resolver's map).
 * Safe for the parallel steps of a run that reads it while a sub-runbook is added.
 */
public final class Resolution {
    private final Registry registry;
    private final Map<Expr.Call, Callee> callees = Collections.synchronizedMap(new IdentityHashMap<>());
    private final Set<Expr.Name> bound = Collections.synchronizedSet(Collections.newSetFromMap(new IdentityHashMap<>()));

    public Resolution(Registry registry) { this.registry = registry; }

    /** Resolves {@code rb} (see {@link Names#of(Runbook, Registry, Set)}) and adds what it found. */
    public Names add(Runbook rb, Set<String> known) {
        Names names = Names.of(rb, registry, known);
        callees.putAll(names.callees());
        bound.addAll(names.boundNames());
        return names;
    }

    /** How many nodes it holds answers for (calls and bound names): what a run keeps of the runbooks it loaded. */
    public int size() {
        return callees.size() + bound.size();
    }

    /** What a call calls; a call of no runbook added here is a defect of the caller, not of the runbook. */
    public Callee callee(Expr.Call c) {
        Callee what = callees.get(c);
        if (what == null) throw new IllegalStateException("the call at " + c.span() + " was never resolved");
        return what;
    }

    /** Whether {@code e} names a module that no variable hides where it stands. */
    public boolean isModule(Expr e) {
        return Callee.isModule(e, registry, bound::contains);
    }
}
