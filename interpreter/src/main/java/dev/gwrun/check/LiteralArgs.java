package dev.gwrun.check;

import dev.gwrun.ast.Expr;
import dev.gwrun.host.Signature;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The arguments of a call that are written as literals, by parameter name, for {@link dev.gwrun.host.StaticAdvice}. */
final class LiteralArgs {
    private LiteralArgs() {}

    static Map<String, Object> of(Signature sig, Expr.Call c) {
        List<String> names = new ArrayList<>();
        for (Expr.Arg a : c.args()) names.add(a.name());
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, Integer> bound : sig.bind(names).argIndexByParam().entrySet()) {
            Object v = literal(c.args().get(bound.getValue()).value());
            if (v != NOT_LITERAL) out.put(bound.getKey(), v);
        }
        return out;
    }

    /** The parameters whose arguments are computed at run time: bound, but not to a literal. */
    static Set<String> computed(Signature sig, Expr.Call c) {
        List<String> names = new ArrayList<>();
        for (Expr.Arg a : c.args()) names.add(a.name());
        Set<String> out = new LinkedHashSet<>();
        for (Map.Entry<String, Integer> bound : sig.bind(names).argIndexByParam().entrySet()) {
            if (literal(c.args().get(bound.getValue()).value()) == NOT_LITERAL) out.add(bound.getKey());
        }
        return out;
    }

    private static final Object NOT_LITERAL = new Object();

    private static Object literal(Expr e) {
        if (e instanceof Expr.Literal lit) return lit.value();
        if (e instanceof Expr.ListLit l) {
            List<Object> items = new ArrayList<>();
            for (Expr item : l.items()) {
                Object v = literal(item);
                if (v == NOT_LITERAL) return NOT_LITERAL;
                items.add(v);
            }
            return items;
        }
        return NOT_LITERAL;
    }
}
