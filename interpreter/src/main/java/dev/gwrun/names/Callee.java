package dev.gwrun.names;

import dev.gwrun.ast.Expr;
import dev.gwrun.host.HostFunction;
import dev.gwrun.host.Registry;

import java.util.function.Predicate;

/**
 * What the callee of a call names: the one answer to "which host function does this call run",
 * read by the checker, the lint rules, the planner, the doc page and the evaluator. A variable
 * hides a module or a global function of the same name; {@code bound} says which names are bound
 * where the call stands. {@link Names} applies it to every call once; the passes read its answers.
 */
public record Callee(Kind kind, HostFunction function, String name) {
    public enum Kind {
        /** A stdlib function: {@code module.fn(…)}, or {@code fn(…)} of a global no variable hides. */
        HOST,
        /** {@code module.fn(…)} where the module has no such function; {@code name} is "module.fn". */
        UNKNOWN_IN_MODULE,
        /** {@code name(…)} where no variable and no global function is called so (it may name a module). */
        UNKNOWN,
        /** Anything else: a variable (a runbook function), a method of a value, a computed callee. */
        VALUE
    }

    /** What {@code c} calls, given which names are bound where it stands. */
    public static Callee of(Expr.Call c, Registry registry, Predicate<Expr.Name> bound) {
        Expr callee = c.callee();
        if (callee instanceof Expr.Member m && isModule(m.target(), registry, bound)) {
            String q = ((Expr.Name) m.target()).name() + "." + m.name();
            HostFunction fn = registry.function(q);
            return fn == null ? new Callee(Kind.UNKNOWN_IN_MODULE, null, q) : new Callee(Kind.HOST, fn, q);
        }
        if (callee instanceof Expr.Name n && !bound.test(n)) {
            HostFunction fn = registry.function(n.name());
            return fn == null ? new Callee(Kind.UNKNOWN, null, n.name()) : new Callee(Kind.HOST, fn, n.name());
        }
        return new Callee(Kind.VALUE, null, null);
    }

    /** Whether {@code e} names a module that no variable hides. */
    public static boolean isModule(Expr e, Registry registry, Predicate<Expr.Name> bound) {
        return e instanceof Expr.Name n && registry.isModule(n.name()) && !bound.test(n);
    }

    /** The stdlib function called, or null. */
    public HostFunction host() {
        return kind == Kind.HOST ? function : null;
    }
}
