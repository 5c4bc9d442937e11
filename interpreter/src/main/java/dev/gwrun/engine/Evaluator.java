package dev.gwrun.engine;

import dev.gwrun.ast.Expr;
import dev.gwrun.ast.Stmt;
import dev.gwrun.host.Args;
import dev.gwrun.host.CallContext;
import dev.gwrun.host.HostFunction;
import dev.gwrun.host.Methods;
import dev.gwrun.host.ParamSpec;
import dev.gwrun.host.Signature;
import dev.gwrun.host.Type;
import dev.gwrun.host.Effect;
import dev.gwrun.names.Callee;
import dev.gwrun.runtime.Callable;
import dev.gwrun.runtime.Cancellation;
import dev.gwrun.runtime.GwrunError;
import dev.gwrun.runtime.HostObject;
import dev.gwrun.runtime.Operators;
import dev.gwrun.runtime.Scope;
import dev.gwrun.runtime.Template;
import dev.gwrun.runtime.Values;
import dev.gwrun.source.Span;
import dev.gwrun.source.Suggest;

import java.io.InterruptedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Evaluates expressions. Host failures become GwrunErrors that carry the call site. */
final class Evaluator {
    private final Session session;
    private final Executor executor;

    Evaluator(Session session, Executor executor) {
        this.session = session;
        this.executor = executor;
    }

    Object eval(Expr e, Frame f) {
        try {
            return e.accept(new In(f));
        } catch (GwrunError err) {
            throw err.at(e.span());
        }
    }

    /** Evaluation in one frame: one method per kind of expression. */
    private final class In implements Expr.Visitor<Object> {
        private final Frame f;

        In(Frame f) { this.f = f; }

        @Override public Object visitLiteral(Expr.Literal e) { return e.value(); }

        @Override public Object visitTemplate(Expr.Template e) { return template(e, f); }

        @Override public Object visitName(Expr.Name e) { return name(e, f); }

        @Override
        public Object visitListLit(Expr.ListLit e) {
            List<Object> out = new ArrayList<>(e.items().size());
            for (Expr item : e.items()) out.add(eval(item, f));
            return out;
        }

        @Override
        public Object visitMapLit(Expr.MapLit e) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (Expr.MapLit.Entry entry : e.entries()) out.put(entry.key(), eval(entry.value(), f));
            return out;
        }

        @Override public Object visitMember(Expr.Member e) { return member(e, f); }

        @Override public Object visitIndex(Expr.Index e) { return index(e, f); }

        @Override public Object visitCall(Expr.Call e) { return call(e, f); }

        @Override
        public Object visitUnary(Expr.Unary e) {
            return e.op() == Expr.UnaryOp.NOT ? !bool(e.operand(), f, "'not'") : Operators.negate(eval(e.operand(), f));
        }

        @Override public Object visitBinary(Expr.Binary e) { return binary(e, f); }
    }

    /** Evaluates a condition, which must be a bool: runbooks should say what they mean. */
    boolean bool(Expr e, Frame f, String what) {
        Object v = eval(e, f);
        if (v instanceof Boolean b) return b;
        throw new GwrunError("type", what + " needs true or false, got " + Values.typeName(v) + " " + Values.repr(v), e.span());
    }

    private Object template(Expr.Template t, Frame f) {
        List<Template.Piece> pieces = new ArrayList<>();
        for (Object part : t.parts()) {
            if (part instanceof String s) pieces.add(new Template.Piece(true, s));
            else pieces.add(new Template.Piece(false, eval((Expr) part, f)));
        }
        return new Template(pieces);
    }

    private Object name(Expr.Name n, Frame f) {
        if (f.scope().isDefined(n.name())) return f.scope().get(n.name());
        if (session.registry.isModule(n.name())) {
            throw new GwrunError("name", "'" + n.name() + "' is a module: call one of its functions, e.g. "
                    + session.registry.functionNames(n.name()).stream().findFirst().orElse(n.name() + ".…") + "(…)", n.span());
        }
        throw new GwrunError("name", "'" + n.name() + "' is not defined", n.span());
    }

    private Object member(Expr.Member m, Frame f) {
        if (isModuleRef(m.target(), f)) {
            throw new GwrunError("name", "'" + qualified(m) + "' is a function: call it with (…)", m.span());
        }
        Object target = eval(m.target(), f);
        return field(target, m.name(), m.nameSpan());
    }

    static Object field(Object target, String name, Span at) {
        if (target instanceof HostObject h) {
            if (h.fieldNames().contains(name)) return h.field(name);
            throw new GwrunError("type", h.typeName() + " has no field '" + name + "'" + Suggest.didYouMean(name, h.fieldNames())
                    + " (fields: " + String.join(", ", h.fieldNames()) + ")", at);
        }
        if (target instanceof Map<?, ?> map) {
            if (map.containsKey(name)) return map.get(name);
            List<String> keys = map.keySet().stream().map(String::valueOf).toList();
            throw new GwrunError("type", "the map has no key '" + name + "'" + Suggest.didYouMean(name, keys)
                    + (keys.isEmpty() ? " (it is empty)" : " (keys: " + String.join(", ", keys.subList(0, Math.min(10, keys.size()))) + ")"), at);
        }
        throw new GwrunError("type", Values.typeName(target) + " has no field '" + name + "'", at);
    }

    private Object index(Expr.Index i, Frame f) {
        Object target = eval(i.target(), f);
        Object key = eval(i.index(), f);
        if (target instanceof List<?> list) {
            if (!(key instanceof Long n)) throw new GwrunError("type", "a list index must be an int, got " + Values.typeName(key), i.index().span());
            long at = n < 0 ? list.size() + n : n;
            if (at < 0 || at >= list.size()) {
                throw new GwrunError("type", "index " + n + " is out of range for a list of " + list.size() + " item" + (list.size() == 1 ? "" : "s"), i.index().span());
            }
            return list.get((int) at);
        }
        if (target instanceof Map<?, ?> || target instanceof HostObject) {
            if (!(key instanceof CharSequence k)) throw new GwrunError("type", "a map key must be a string, got " + Values.typeName(key), i.index().span());
            return field(target, k.toString(), i.index().span());
        }
        if (target instanceof CharSequence s) {
            if (!(key instanceof Long n)) throw new GwrunError("type", "a string index must be an int, got " + Values.typeName(key), i.index().span());
            long at = n < 0 ? s.length() + n : n;
            if (at < 0 || at >= s.length()) throw new GwrunError("type", "index " + n + " is out of range for a string of length " + s.length(), i.index().span());
            return String.valueOf(s.charAt((int) at));
        }
        throw new GwrunError("type", "cannot index " + Values.typeName(target), i.span());
    }

    private Object binary(Expr.Binary b, Frame f) {
        if (b.op() == Expr.BinaryOp.AND) return bool(b.left(), f, "'and'") && bool(b.right(), f, "'and'");
        if (b.op() == Expr.BinaryOp.OR) return bool(b.left(), f, "'or'") || bool(b.right(), f, "'or'");
        Object left = eval(b.left(), f);
        Object right = eval(b.right(), f);
        try {
            return Operators.binary(b.op(), left, right);
        } catch (GwrunError err) {
            throw err.at(b.opSpan());
        }
    }

    // ---- Calls ------------------------------------------------------------------------

    /** Whether an expression names a module (and no variable of the same name hides it). */
    boolean isModuleRef(Expr e, Frame f) {
        return session.resolution.isModule(e);
    }

    private static String qualified(Expr.Member m) {
        return ((Expr.Name) m.target()).name() + "." + m.name();
    }

    private Object call(Expr.Call c, Frame f) {
        f.cancel().check();
        Expr callee = c.callee();
        Callee what = session.resolution.callee(c);
        switch (what.kind()) {
            case HOST:
                return host(what.function(), c, f);
            case UNKNOWN_IN_MODULE: {
                Expr.Member m = (Expr.Member) callee;
                String module = ((Expr.Name) m.target()).name();
                throw new GwrunError("name", "unknown function '" + what.name() + "'"
                        + Suggest.didYouMean(what.name(), session.registry.functionNames(module)), m.span());
            }
            case UNKNOWN:
                throw new GwrunError("name", "unknown function '" + what.name() + "'", callee.span());
            default:
                break;
        }
        if (callee instanceof Expr.Member m) {
            Object receiver = eval(m.target(), f);
            Methods.Method method = Methods.find(Values.typeName(receiver), m.name());
            if (method == null) {
                if (receiver instanceof Map<?, ?> map && map.get(m.name()) instanceof Callable fn) return callFunction(fn, c, f);
                throw new GwrunError("type", Values.typeName(receiver) + " has no method '" + m.name() + "'"
                        + Suggest.didYouMean(m.name(), Methods.names(Values.typeName(receiver))), m.nameSpan());
            }
            Args args = bind(method.signature(), c, f);
            return method.impl().call(receiver, args);
        }
        Object target = eval(callee, f);
        if (target instanceof Callable fn) return callFunction(fn, c, f);
        throw new GwrunError("type", Values.typeName(target) + " is not a function", callee.span());
    }

    private Args bind(Signature sig, Expr.Call c, Frame f) {
        List<String> names = new ArrayList<>();
        for (Expr.Arg a : c.args()) names.add(a.name());
        Signature.Binding binding = sig.bind(names);
        if (!binding.problems().isEmpty()) {
            Signature.Problem p = binding.problems().get(0);
            Span at = p.argIndex() >= 0 ? c.args().get(p.argIndex()).span() : c.span();
            throw new GwrunError("type", p.message(), at);
        }
        List<Object> given = new ArrayList<>();
        for (Expr.Arg a : c.args()) given.add(eval(a.value(), f));
        return Args.bind(sig, names, given);
    }

    private Object host(HostFunction fn, Expr.Call c, Frame f) {
        Args args = bind(fn.signature(), c, f);
        HostContext ctx = new HostContext(f, c.span());
        Object result;
        try {
            result = fn.call(args, ctx);
        } catch (GwrunError e) {
            throw f.cancel().isCancelled() ? cancelled(f.cancel(), c.span()) : e.at(c.span());
        } catch (InterruptedException | InterruptedIOException e) {
            throw cancelled(f.cancel(), c.span());
        } catch (Exception e) {
            if (f.cancel().isCancelled()) throw cancelled(f.cancel(), c.span());
            String module = fn.signature().name().contains(".") ? fn.signature().name().substring(0, fn.signature().name().indexOf('.')) : fn.signature().name();
            String detail = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            throw new GwrunError(module, fn.signature().name() + ": " + detail, c.span(), e);
        }
        if (f.observer() != null) {
            f.observer().lastHostResult = result;
            f.observer().lastDescription = ctx.description;
        }
        return result;
    }

    private static GwrunError cancelled(Cancellation token, Span at) {
        GwrunError reason = token.reason();
        if (reason == null) return new GwrunError("interrupted", "interrupted", at);
        return new GwrunError(reason.kind(), reason.getMessage(), at);
    }

    private Object callFunction(Callable callable, Expr.Call c, Frame f) {
        if (!(callable instanceof FunctionValue fn)) throw new GwrunError("type", "cannot call " + callable.name(), c.span());
        List<ParamSpec> params = new ArrayList<>();
        for (String p : fn.params()) params.add(ParamSpec.required(p, Type.ANY, null));
        Args args = bind(new Signature(fn.name(), params, Type.ANY, Effect.PURE, null), c, f);
        return invoke(fn, args, f, c.span());
    }

    private Object invoke(FunctionValue fn, Args args, Frame f, Span at) {
        Scope scope = fn.closure().child();
        for (String p : fn.params()) scope.declare(p, args.value(p), Scope.Kind.LET);
        try {
            executor.block(fn.declaration().body().statements(), f.withScope(scope));
            return null;
        } catch (Signals.Return r) {
            return r.value;
        } catch (StackOverflowError so) {
            throw new GwrunError("type", "function '" + fn.name() + "' calls itself too deeply", at);
        }
    }

    /** A function value called by a host function (a probe: argument), with positional arguments. */
    private Object callFromHost(Callable callable, List<Object> given, Frame f, Span at) {
        if (!(callable instanceof FunctionValue fn)) throw new GwrunError("type", "cannot call " + callable.name(), at);
        if (given.size() != fn.params().size()) {
            throw new GwrunError("type", "function '" + fn.name() + "' takes " + fn.params().size() + " argument"
                    + (fn.params().size() == 1 ? "" : "s") + ", but is called with " + given.size(), at);
        }
        List<ParamSpec> params = new ArrayList<>();
        for (String p : fn.params()) params.add(ParamSpec.required(p, Type.ANY, null));
        List<String> names = new ArrayList<>();
        for (int i = 0; i < given.size(); i++) names.add(null);
        return invoke(fn, Args.bind(new Signature(fn.name(), params, Type.ANY, Effect.PURE, null), names, given), f, at);
    }

    /** A user function: its declaration and the scope it closes over. */
    record FunctionValue(Stmt.Fn declaration, Scope closure) implements Callable {
        @Override public String name() { return declaration.name(); }

        @Override public List<String> params() { return declaration.params(); }
    }

    /** What a host function sees of the run. */
    private final class HostContext implements CallContext {
        private final Frame frame;
        private final Span site;
        private volatile String description;

        HostContext(Frame frame, Span site) {
            this.frame = frame;
            this.site = site;
        }

        @Override public Cancellation cancellation() { return frame.cancel(); }

        @Override public void log(String line) {
            session.emit(new Event.Log(session.now(), frame.path().toString(), Event.Stream.INFO, session.mask(line), site.line()));
        }

        @Override public void warn(String line) {
            session.emit(new Event.Log(session.now(), frame.path().toString(), Event.Stream.WARNING, session.mask(line), site.line()));
        }

        @Override public void output(String stream, String line) {
            Event.Stream s = "stderr".equals(stream) ? Event.Stream.STDERR : Event.Stream.STDOUT;
            session.emit(new Event.Log(session.now(), frame.path().toString(), s, session.mask(line), site.line()));
        }

        @Override public String env(String name) { return session.env(name); }

        @Override public Map<String, String> envOverrides() { return session.envOverlay; }

        @Override public void registerSecret(String value) { session.masker.register(value); }

        @Override public String mask(String text) { return session.mask(text); }

        @Override public Path directory() { return frame.source().directory(); }

        @Override public Span callSite() { return site; }

        @Override public void describeResult(String text) { description = text; }

        @Override public Object call(Callable fn, List<Object> args) { return callFromHost(fn, args, frame, site); }

        @Override public void watch(String key, dev.gwrun.host.Watch watch) { session.watches.put(key, watch); }

        @Override public void unwatch(String key) { session.watches.remove(key); }
    }
}
