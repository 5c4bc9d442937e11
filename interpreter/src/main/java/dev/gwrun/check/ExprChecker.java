package dev.gwrun.check;

import dev.gwrun.ast.Expr;
import dev.gwrun.ast.ParamType;
import dev.gwrun.check.StaticScope.Ctx;
import dev.gwrun.check.StaticScope.Decl;
import dev.gwrun.host.HostFunction;
import dev.gwrun.host.Methods;
import dev.gwrun.host.Registry;
import dev.gwrun.host.Signature;
import dev.gwrun.host.StaticAdvice;
import dev.gwrun.host.Type;
import dev.gwrun.names.Callee;
import dev.gwrun.names.Names;
import dev.gwrun.source.Diagnostic;
import dev.gwrun.source.Span;
import dev.gwrun.source.Suggest;

import java.nio.file.InvalidPathException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The checker's expressions: the static type of each (ANY where it cannot be known), names that
 * are not defined, unknown modules, functions, methods and fields, and calls checked against
 * their signatures (and the stdlib's {@link StaticAdvice} where the arguments are literal).
 */
final class ExprChecker {
    /** A diagnostic from {@link StaticAdvice}, with the offset of the call it is about (its span may be in another file). */
    record Advised(int at, Diagnostic diagnostic) {}

    private final Registry registry;
    private final List<Diagnostic> diagnostics;
    private final List<Advised> advised;
    /** The runbook's names, resolved once: what a call runs and whether a name is a module come from here. */
    private Names names;

    ExprChecker(Registry registry, List<Diagnostic> diagnostics, List<Advised> advised) {
        this.registry = registry;
        this.diagnostics = diagnostics;
        this.advised = advised;
    }

    void resolved(Names names) {
        this.names = names;
    }

    private void error(Span at, String message) {
        diagnostics.add(Diagnostic.error(at, message));
    }

    /** The static type of an expression, reporting what is wrong inside it. */
    Type expr(Expr e, Ctx ctx) {
        return e.accept(new Types(ctx));
    }

    /** One method per kind of expression. */
    private final class Types implements Expr.Visitor<Type> {
        private final Ctx ctx;

        Types(Ctx ctx) { this.ctx = ctx; }

        @Override public Type visitLiteral(Expr.Literal e) { return StaticTypes.ofValue(e.value()); }

        @Override
        public Type visitTemplate(Expr.Template e) {
            for (Object p : e.parts()) if (p instanceof Expr x) expr(x, ctx);
            return Type.STRING;
        }

        @Override public Type visitName(Expr.Name e) { return name(e, ctx); }

        @Override
        public Type visitListLit(Expr.ListLit e) {
            for (Expr item : e.items()) expr(item, ctx);
            return Type.LIST;
        }

        @Override
        public Type visitMapLit(Expr.MapLit e) {
            for (Expr.MapLit.Entry entry : e.entries()) expr(entry.value(), ctx);
            return Type.MAP;
        }

        @Override public Type visitMember(Expr.Member e) { return member(e, ctx); }

        @Override
        public Type visitIndex(Expr.Index i) {
            Type target = expr(i.target(), ctx);
            Type index = expr(i.index(), ctx);
            if (target.equals(Type.LIST) && index.known() && !index.equals(Type.INT)) error(i.index().span(), "a list index must be an int, got " + article(index));
            if (target.isObject() && i.index() instanceof Expr.Literal lit && lit.value() instanceof String key) return field(target, key, i.index().span());
            if (target.known() && !target.isObject() && !target.equals(Type.LIST) && !target.equals(Type.MAP) && !target.equals(Type.STRING)) {
                error(i.span(), "cannot index " + article(target));
            }
            return target.equals(Type.STRING) ? Type.STRING : Type.ANY;
        }

        @Override public Type visitCall(Expr.Call e) { return call(e, ctx); }

        @Override
        public Type visitUnary(Expr.Unary u) {
            Type t = expr(u.operand(), ctx);
            if (u.op() == Expr.UnaryOp.NOT) {
                if (t.known() && !t.equals(Type.BOOL)) error(u.operand().span(), "'not' needs true or false, got " + article(t));
                return Type.BOOL;
            }
            return StaticTypes.negate(t, u.span(), diagnostics);
        }

        @Override
        public Type visitBinary(Expr.Binary b) {
            Type l = expr(b.left(), ctx);
            Type r = expr(b.right(), ctx);
            if (b.op() == Expr.BinaryOp.AND || b.op() == Expr.BinaryOp.OR) {
                if (l.known() && !l.equals(Type.BOOL)) error(b.left().span(), "'" + b.op().symbol + "' needs true or false, got " + article(l));
                if (r.known() && !r.equals(Type.BOOL)) error(b.right().span(), "'" + b.op().symbol + "' needs true or false, got " + article(r));
                return Type.BOOL;
            }
            return StaticTypes.binary(b.op(), l, r, b.opSpan(), diagnostics);
        }
    }

    private Type name(Expr.Name n, Ctx ctx) {
        Decl d = ctx.scope().find(n.name());
        if (d != null) return d.type();
        if (registry.isModule(n.name())) {
            error(n.span(), "'" + n.name() + "' is a module: call one of its functions, e.g. "
                    + registry.functionNames(n.name()).stream().findFirst().orElse(n.name()) + "(…)");
            return Type.ANY;
        }
        if (registry.function(n.name()) != null) {
            error(n.span(), "'" + n.name() + "' is a function: call it with (…)");
            return Type.ANY;
        }
        if (n.name().equals("error")) {
            error(n.span(), "'error' is only defined inside an on failure block");
            return Type.ANY;
        }
        Set<String> candidates = new LinkedHashSet<>(ctx.scope().visible());
        candidates.addAll(registry.globalNames());
        error(n.span(), "'" + n.name() + "' is not defined" + Suggest.didYouMean(n.name(), candidates));
        return Type.ANY;
    }

    private boolean isModuleRef(Expr e, Ctx ctx) {
        return names.isModule(e);
    }

    /** An undefined name used as `x.f(…)` that is close to a module name: say "unknown module". */
    private boolean unknownModule(Expr target, Ctx ctx) {
        if (!(target instanceof Expr.Name n) || names.bound(n) || registry.isModule(n.name())) return false;
        String close = Suggest.closest(n.name(), registry.moduleNames());
        if (close == null) return false;
        error(n.span(), "unknown module '" + n.name() + "' — did you mean '" + close + "'?");
        return true;
    }

    private Type member(Expr.Member m, Ctx ctx) {
        if (isModuleRef(m.target(), ctx)) {
            String q = ((Expr.Name) m.target()).name() + "." + m.name();
            if (registry.function(q) == null) unknownFunction(m);
            else error(m.span(), "'" + q + "' is a function: call it with (…)");
            return Type.ANY;
        }
        if (unknownModule(m.target(), ctx)) return Type.ANY;
        Type target = expr(m.target(), ctx);
        if (target.isObject()) return field(target, m.name(), m.nameSpan());
        if (target.known() && !target.equals(Type.MAP) && !target.equals(Type.NULL)) {
            error(m.nameSpan(), article(target) + " has no field '" + m.name() + "'"
                    + (Methods.find(target.name(), m.name()) != null ? " (it is a method: call it with (…))" : ""));
        }
        return Type.ANY;
    }

    private Type field(Type object, String name, Span at) {
        Type t = object.fields().get(name);
        if (t == null) {
            error(at, object.name() + " has no field '" + name + "'" + Suggest.didYouMean(name, object.fields().keySet())
                    + " (fields: " + String.join(", ", object.fields().keySet().stream().sorted().toList()) + ")");
            return Type.ANY;
        }
        return t;
    }

    private void unknownFunction(Expr.Member m) {
        String module = ((Expr.Name) m.target()).name();
        String q = module + "." + m.name();
        error(m.span(), "unknown function '" + q + "'" + Suggest.didYouMean(q, registry.functionNames(module)));
    }

    private Type call(Expr.Call c, Ctx ctx) {
        Expr callee = c.callee();
        Callee what = names.callee(c);
        switch (what.kind()) {
            case HOST:
                return adviseAndCheck(what.function(), c, ctx);
            case UNKNOWN_IN_MODULE:
                unknownFunction((Expr.Member) callee);
                args(c, ctx);
                return Type.ANY;
            case UNKNOWN: {
                Expr.Name n = (Expr.Name) callee;
                if (registry.isModule(n.name())) {
                    error(n.span(), "'" + n.name() + "' is a module, not a function: call one of its functions, e.g. "
                            + registry.functionNames(n.name()).stream().findFirst().orElse(n.name()) + "(…)");
                } else {
                    Set<String> candidates = new LinkedHashSet<>(registry.globalNames());
                    candidates.addAll(ctx.scope().visible());
                    error(n.span(), "unknown function '" + n.name() + "'" + Suggest.didYouMean(n.name(), candidates));
                }
                args(c, ctx);
                return Type.ANY;
            }
            default:
                break;
        }
        if (callee instanceof Expr.Name n) {
            Decl d = ctx.scope().find(n.name());
            if (d == null) { // names/Names binds what the scope does; a disagreement is no error of the runbook's
                args(c, ctx);
                return Type.ANY;
            }
            if (d.fn() != null) {
                Signature sig = StaticTypes.userFunction(d.fn());
                return checkCall(sig, c, ctx);
            }
            args(c, ctx);
            if (d.type().known() && !d.type().equals(Type.FUNCTION)) {
                String message = "'" + n.name() + "' is " + article(d.type()) + ", not a function";
                if (registry.function(n.name()) != null && d.span() != null) {
                    // param env: string, then env("HOME"): the name hides the standard function.
                    diagnostics.add(Diagnostic.error(n.span(), message + ": the " + d.kind() + " '" + n.name() + "' (line " + d.span().line()
                            + ") hides the function " + n.name() + "()", "rename the " + d.kind() + " (e.g. '" + n.name() + "_name') to call " + n.name() + "() here"));
                } else {
                    error(n.span(), message);
                }
            }
            return Type.ANY;
        }
        if (callee instanceof Expr.Member m) {
            if (unknownModule(m.target(), ctx)) {
                args(c, ctx);
                return Type.ANY;
            }
            Type receiver = expr(m.target(), ctx);
            if (receiver.known() && !receiver.isObject()) {
                Methods.Method method = Methods.find(receiver.name(), m.name());
                if (method == null) {
                    error(m.nameSpan(), receiver.name() + " has no method '" + m.name() + "'" + Suggest.didYouMean(m.name(), Methods.names(receiver.name())));
                    args(c, ctx);
                    return Type.ANY;
                }
                return checkCall(method.signature(), c, ctx);
            }
            if (receiver.isObject()) {
                error(m.nameSpan(), receiver.name() + " has no method '" + m.name() + "'"
                        + (receiver.fields().containsKey(m.name()) ? " ('" + m.name() + "' is a field: leave out the (…))" : ""));
            }
            args(c, ctx);
            return Type.ANY;
        }
        expr(callee, ctx);
        args(c, ctx);
        return Type.ANY;
    }

    private Type adviseAndCheck(HostFunction fn, Expr.Call c, Ctx ctx) {
        int before = diagnostics.size();
        Type t = checkCall(fn.signature(), c, ctx);
        if (fn instanceof StaticAdvice advice && diagnostics.size() == before) {
            Span at = c.callee().span();
            List<Diagnostic> found;
            try {
                found = advice.diagnose(LiteralArgs.of(fn.signature(), c), LiteralArgs.computed(fn.signature(), c), at.file().directory(), at);
            } catch (InvalidPathException e) {
                // A literal path argument the JDK refuses (a NUL in it, found by fuzzing): the call can never work.
                found = List.of(Diagnostic.error(at, fn.signature().name() + ": an argument is not a file path (" + e.getReason() + ")"));
            }
            for (Diagnostic d : found) {
                advised.add(new Advised(at.start(), d.span() == null ? new Diagnostic(d.severity(), at, d.message(), d.hint(), d.rule()) : d));
            }
        }
        return t;
    }

    private void args(Expr.Call c, Ctx ctx) {
        for (Expr.Arg a : c.args()) expr(a.value(), ctx);
    }

    private Type checkCall(Signature sig, Expr.Call c, Ctx ctx) {
        List<String> names = new ArrayList<>();
        for (Expr.Arg a : c.args()) names.add(a.name());
        Signature.Binding binding = sig.bind(names);
        for (Signature.Problem p : binding.problems()) {
            Span at = p.argIndex() >= 0 ? (c.args().get(p.argIndex()).nameSpan() != null ? c.args().get(p.argIndex()).nameSpan() : c.args().get(p.argIndex()).span()) : c.callee().span();
            error(at, p.message());
        }
        Type[] types = new Type[c.args().size()];
        for (int i = 0; i < c.args().size(); i++) types[i] = expr(c.args().get(i).value(), ctx);
        for (Map.Entry<String, Integer> bound : binding.argIndexByParam().entrySet()) {
            Type want = sig.param(bound.getKey()).type();
            Type got = types[bound.getValue()];
            if (!want.accepts(got)) {
                error(c.args().get(bound.getValue()).value().span(), "argument '" + bound.getKey() + "' of '" + sig.name() + "' must be "
                        + article(want) + ", got " + article(got)
                        + (want.equals(Type.DURATION) && got.equals(Type.INT) ? " (write it with a unit: 30s, 500ms)" : ""));
            }
        }
        return sig.returns();
    }

    static boolean paramAccepts(ParamType p, Type t) {
        return paramType(p).accepts(t);
    }

    static Type paramType(ParamType p) {
        return switch (p) {
            case STRING, SECRET -> Type.STRING;
            case INT -> Type.INT;
            case FLOAT -> Type.FLOAT;
            case BOOL -> Type.BOOL;
            case DURATION -> Type.DURATION;
            case LIST -> Type.LIST;
            case MAP -> Type.MAP;
        };
    }

    static String article(Type t) {
        if (t.isObject()) return t.name();
        return switch (t.name()) {
            case "int" -> "an int";
            case "any" -> "a value";
            case "null" -> "null";
            default -> "a " + t.name();
        };
    }
}
