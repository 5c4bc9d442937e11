package dev.gwrun.check;

import dev.gwrun.ast.Stmt;
import dev.gwrun.host.Type;
import dev.gwrun.source.Span;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/** The names the checker knows at a point of the runbook, with their static types; one per block. */
final class StaticScope {
    /** What a name stands for, statically. */
    record Decl(String kind, Type type, Span span, Stmt.Fn fn) {}

    /** Where a statement stands: its scope, inside a fn, inside a step's on failure. */
    record Ctx(StaticScope scope, boolean inFunction, boolean inStepHandler) {
        Ctx nested() { return new Ctx(new StaticScope(scope), inFunction, inStepHandler); }
    }

    final StaticScope parent;
    final Map<String, Decl> names = new LinkedHashMap<>();

    StaticScope(StaticScope parent) { this.parent = parent; }

    Decl find(String name) {
        for (StaticScope s = this; s != null; s = s.parent) {
            Decl d = s.names.get(name);
            if (d != null) return d;
        }
        return null;
    }

    Set<String> visible() {
        Set<String> all = new LinkedHashSet<>();
        for (StaticScope s = this; s != null; s = s.parent) all.addAll(s.names.keySet());
        return all;
    }
}
