package dev.gwrun.check;

import dev.gwrun.ast.Block;
import dev.gwrun.ast.Expr;
import dev.gwrun.ast.Param;
import dev.gwrun.ast.ParamType;
import dev.gwrun.ast.Runbook;
import dev.gwrun.ast.Stmt;
import dev.gwrun.check.lint.Lint;
import dev.gwrun.host.HostFunction;
import dev.gwrun.host.Registry;
import dev.gwrun.host.Signature;
import dev.gwrun.host.StaticAdvice;
import dev.gwrun.host.Type;
import dev.gwrun.parse.ParseResult;
import dev.gwrun.parse.Parsing;
import dev.gwrun.runtime.Methods;
import dev.gwrun.source.Diagnostic;
import dev.gwrun.source.SourceFile;
import dev.gwrun.source.Span;
import dev.gwrun.source.Suggest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every static check of a runbook, in one pass over the AST, touching nothing outside the process
 * (it reads the files named by {@code run}, nothing more): undefined names, unknown functions and
 * methods, wrong arguments, ill-typed literals where types are known, misplaced recover/return,
 * params and sub-runbook params. All problems are reported, not only the first.
 */
public final class Checker {
    private static final Type ERROR_TYPE = Type.object("error", Map.of(
            "message", Type.STRING, "step", Type.STRING, "kind", Type.STRING, "line", Type.INT));

    private final Registry registry;
    private final List<Diagnostic> diagnostics = new ArrayList<>();
    /** Diagnostics from {@link StaticAdvice}, each with the offset of the call it is about (its span may be in another file). */
    private final List<Advised> advised = new ArrayList<>();
    private final Set<Path> visiting;
    private Set<String> reassigned = Set.of();

    public Checker(Registry registry) {
        this(registry, new HashSet<>());
    }

    private Checker(Registry registry, Set<Path> visiting) {
        this.registry = registry;
        this.visiting = visiting;
    }

    private record Advised(int at, Diagnostic diagnostic) {}

    /** What a name stands for, statically. */
    private record Decl(String kind, Type type, Span span, Stmt.Fn fn) {}

    private static final class StaticScope {
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

    /** Where a statement stands: inside a fn, inside a step's on failure, inside any handler. */
    private record Ctx(StaticScope scope, boolean inFunction, boolean inStepHandler) {
        Ctx nested() { return new Ctx(new StaticScope(scope), inFunction, inStepHandler); }
    }

    public List<Diagnostic> check(Runbook rb) {
        return check(rb, Map.of());
    }

    /**
     * Checks input that runs where names are already bound (the REPL's session): {@code known}
     * holds their types, in a scope around the input's own, so the input may shadow them.
     */
    public List<Diagnostic> check(Runbook rb, Map<String, Type> known) {
        if (rb.source().path() != null) visiting.add(rb.source().path().toAbsolutePath().normalize());
        reassigned = AssignedNames.of(rb);
        StaticScope outer = new StaticScope(null);
        known.forEach((name, type) -> outer.names.put(name, new Decl("let", type, rb.span(), null)));
        StaticScope root = new StaticScope(outer);
        Ctx ctx = new Ctx(root, false, false);
        for (Param p : rb.params()) {
            Decl existing = root.names.get(p.name());
            if (existing != null) {
                error(p.nameSpan(), "param '" + p.name() + "' is declared twice (first on line " + existing.span().line() + ")");
                continue;
            }
            if (p.defaultValue() != null) {
                Type t = expr(p.defaultValue(), ctx);
                if (t.known() && !t.equals(Type.NULL) && !paramAccepts(p.type(), t)) {
                    error(p.defaultValue().span(), "the default of param '" + p.name() + "' is " + article(t) + ", but its type is " + p.type().keyword);
                }
            }
            root.names.put(p.name(), new Decl("param", paramType(p.type()), p.nameSpan(), null));
        }
        statements(rb.body(), ctx);
        if (rb.onFailure() != null) handlerBlock(rb.onFailure(), ctx, false);
        if (rb.always() != null) handlerBlock(rb.always(), ctx, false);
        if (diagnostics.stream().noneMatch(Diagnostic::isError)) diagnostics.addAll(Lint.check(rb, registry));
        // What a call's advice reports (errors of a Compose file it names, say) is no error of the runbook's
        // own, so it does not hold back the lint rules; it is listed where the call is, in its own order.
        List<Advised> all = new ArrayList<>();
        for (Diagnostic d : diagnostics) all.add(new Advised(d.span() == null ? 0 : d.span().start(), d));
        all.addAll(advised);
        all.sort(Comparator.comparingInt(Advised::at));
        return all.stream().map(Advised::diagnostic).toList();
    }

    private void error(Span at, String message) {
        diagnostics.add(Diagnostic.error(at, message));
    }

    // ---- Statements -------------------------------------------------------------------

    private void statements(List<Stmt> stmts, Ctx ctx) {
        // fn declarations are visible throughout their block, as at run time.
        for (Stmt s : stmts) {
            if (s instanceof Stmt.Fn fn) declare(ctx, fn.name(), new Decl("fn", Type.FUNCTION, fn.nameSpan(), fn));
        }
        for (Stmt s : stmts) statement(s, ctx);
    }

    private void block(Block b, Ctx ctx) {
        statements(b.statements(), ctx.nested());
    }

    private void handlerBlock(Block b, Ctx ctx, boolean stepHandler) {
        Ctx h = new Ctx(new StaticScope(ctx.scope()), ctx.inFunction(), stepHandler);
        h.scope().names.put("error", new Decl("handler", ERROR_TYPE, b.span(), null));
        statements(b.statements(), h);
    }

    private void declare(Ctx ctx, String name, Decl d) {
        Decl existing = ctx.scope().names.get(name);
        if (existing != null && existing != d && !(existing.fn() != null && existing.fn() == d.fn())) {
            error(d.span(), "'" + name + "' is already declared in this block (line " + existing.span().line() + ")");
            return;
        }
        ctx.scope().names.put(name, d);
    }

    private void statement(Stmt s, Ctx ctx) {
        if (s instanceof Stmt.Let x) {
            Type t = expr(x.value(), ctx);
            if (registry.isModule(x.name())) error(x.nameSpan(), "'" + x.name() + "' is the name of a module; choose another name");
            declare(ctx, x.name(), new Decl("let", reassigned.contains(x.name()) ? Type.ANY : t, x.nameSpan(), null));
        } else if (s instanceof Stmt.Assign x) {
            assign(x, ctx);
        } else if (s instanceof Stmt.Guard x) {
            condition(x.condition(), ctx, "a guard");
            expr(x.message(), ctx);
        } else if (s instanceof Stmt.Step x) {
            step(x, ctx);
        } else if (s instanceof Stmt.Parallel x) {
            Set<String> names = new HashSet<>();
            for (Stmt.Step step : x.steps()) {
                if (step.name() instanceof Expr.Literal lit && lit.value() instanceof String n && !names.add(n)) {
                    error(step.name().span(), "two steps of this parallel block are named '" + n + "'");
                }
                step(step, ctx);
            }
        } else if (s instanceof Stmt.Wait x) {
            condition(x.condition(), ctx, "'wait until'");
            if (x.every() != null) durationOption(x.every(), ctx, "every");
            if (x.timeout() != null) durationOption(x.timeout(), ctx, "the wait's timeout");
        } else if (s instanceof Stmt.If x) {
            condition(x.condition(), ctx, "an if");
            block(x.then(), ctx);
            if (x.otherwise() != null) block(x.otherwise(), ctx);
        } else if (s instanceof Stmt.For x) {
            Type t = expr(x.iterable(), ctx);
            if (t.known() && !t.equals(Type.LIST) && !t.equals(Type.MAP)) {
                error(x.iterable().span(), "'for' needs a list (or a map, for its keys), got " + article(t));
            }
            Ctx body = ctx.nested();
            body.scope().names.put(x.variable(), new Decl("loop", Type.ANY, x.variableSpan(), null));
            statements(x.body().statements(), body);
        } else if (s instanceof Stmt.Fn x) {
            Ctx body = new Ctx(new StaticScope(ctx.scope()), true, false);
            for (int i = 0; i < x.params().size(); i++) {
                body.scope().names.put(x.params().get(i), new Decl("let", Type.ANY, x.paramSpans().get(i), null));
            }
            statements(x.body().statements(), body);
        } else if (s instanceof Stmt.Return x) {
            if (!ctx.inFunction()) error(x.span(), "'return' outside a function");
            if (x.value() != null) expr(x.value(), ctx);
        } else if (s instanceof Stmt.Fail x) {
            expr(x.message(), ctx);
        } else if (s instanceof Stmt.Log x) {
            expr(x.message(), ctx);
        } else if (s instanceof Stmt.Confirm x) {
            expr(x.question(), ctx);
        } else if (s instanceof Stmt.Run x) {
            run(x, ctx);
        } else if (s instanceof Stmt.Recover x) {
            // A fn body starts outside any handler, so a step handler inside a fn may recover, a fn inside a handler may not.
            if (!ctx.inStepHandler()) {
                error(x.span(), "'recover' belongs in a step's on failure block" + (ctx.inFunction() ? ", not in a function" : ""));
            }
        } else if (s instanceof Stmt.Lock x) {
            lock(x, ctx);
        } else if (s instanceof Stmt.ExprStmt x) {
            expr(x.expr(), ctx);
        }
    }

    private void lock(Stmt.Lock x, Ctx ctx) {
        Type name = expr(x.name(), ctx);
        if (name.known() && !name.equals(Type.STRING)) error(x.name().span(), "a lock's name must be a string, got " + article(name));
        if (x.name() instanceof Expr.Literal lit && lit.value() instanceof String n && n.isBlank()) {
            error(x.name().span(), "a lock's name cannot be empty");
        }
        if (x.timeout() != null) durationOption(x.timeout(), ctx, "a lock's timeout");
        block(x.body(), ctx);
    }

    private void step(Stmt.Step x, Ctx ctx) {
        Type name = expr(x.name(), ctx);
        if (name.known() && !name.equals(Type.STRING)) error(x.name().span(), "a step's name must be a string, got " + article(name));
        if (x.when() != null) condition(x.when(), ctx, "a step's 'when'");
        if (x.timeout() != null) durationOption(x.timeout(), ctx, "a step's timeout");
        if (x.retry() != null) {
            Type t = expr(x.retry(), ctx);
            if (t.known() && !t.equals(Type.INT)) error(x.retry().span(), "retry needs a whole number of attempts, got " + article(t));
        }
        if (x.backoff() != null) durationOption(x.backoff(), ctx, "backoff");
        Ctx body = new Ctx(new StaticScope(ctx.scope()), ctx.inFunction(), false);
        statements(x.body().statements(), body);
        if (x.onFailure() != null) handlerBlock(x.onFailure(), ctx, true);
    }

    private void assign(Stmt.Assign x, Ctx ctx) {
        expr(x.value(), ctx);
        if (x.target() instanceof Expr.Name n) {
            Decl d = ctx.scope().find(n.name());
            if (d == null) {
                error(n.span(), "cannot assign to '" + n.name() + "': it is not declared; use 'let " + n.name() + " = …'");
            } else if (d.kind().equals("param")) {
                error(n.span(), "cannot assign to param '" + n.name() + "': params are read-only; copy it with 'let'");
            } else if (d.kind().equals("fn")) {
                error(n.span(), "cannot assign to function '" + n.name() + "'");
            } else if (d.kind().equals("handler")) {
                error(n.span(), "cannot assign to '" + n.name() + "' in a handler");
            }
        } else {
            expr(x.target(), ctx);
        }
    }

    private void run(Stmt.Run x, Ctx ctx) {
        expr(x.path(), ctx);
        Type with = x.with() == null ? Type.MAP : expr(x.with(), ctx);
        if (with.known() && !with.equals(Type.MAP)) error(x.with().span(), "'with' needs a map of params, got " + article(with));
        if (!(x.path() instanceof Expr.Literal lit && lit.value() instanceof String rel)) return;
        Path file;
        try {
            file = x.span().file().directory().resolve(rel).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            // a NUL in the string, say: no file has that name (found by fuzzing)
            error(x.path().span(), "cannot find runbook: the path is not a file path (" + e.getReason() + ")");
            return;
        }
        if (!Files.isRegularFile(file)) {
            error(x.path().span(), "cannot find runbook '" + rel + "' (looked for " + file + ")");
            return;
        }
        if (visiting.contains(file)) return;
        Runbook sub;
        try {
            ParseResult<Runbook> parsed = Parsing.parseRunbook(new SourceFile(rel, file, Files.readString(file)));
            if (!parsed.ok()) {
                error(x.path().span(), "runbook '" + rel + "' has errors: " + parsed.diagnostics().get(0).headline());
                return;
            }
            sub = parsed.ast();
        } catch (IOException e) {
            error(x.path().span(), "cannot read runbook '" + rel + "': " + e.getMessage());
            return;
        }
        List<Diagnostic> subErrors = new Checker(registry, visiting).check(sub).stream().filter(Diagnostic::isError).toList();
        if (!subErrors.isEmpty()) {
            error(x.path().span(), "runbook '" + rel + "' has errors: " + subErrors.get(0).headline()
                    + (subErrors.size() > 1 ? " (and " + (subErrors.size() - 1) + " more)" : ""));
        }
        if (x.with() == null || x.with() instanceof Expr.MapLit) {
            List<Expr.MapLit.Entry> entries = x.with() == null ? List.of() : ((Expr.MapLit) x.with()).entries();
            List<String> known = sub.params().stream().map(Param::name).toList();
            Set<String> given = new HashSet<>();
            for (Expr.MapLit.Entry e : entries) {
                given.add(e.key());
                Param p = sub.param(e.key());
                if (p == null) {
                    error(e.keySpan(), "runbook '" + rel + "' has no param '" + e.key() + "'" + Suggest.didYouMean(e.key(), known));
                } else {
                    Type t = expr(e.value(), new Ctx(ctx.scope(), ctx.inFunction(), ctx.inStepHandler()));
                    if (t.known() && !t.equals(Type.NULL) && !paramAccepts(p.type(), t)) {
                        error(e.value().span(), "param '" + p.name() + "' of '" + rel + "' is " + p.type().keyword + ", got " + article(t));
                    }
                }
            }
            for (Param p : sub.params()) {
                if (p.required() && !given.contains(p.name())) {
                    error(x.span(), "runbook '" + rel + "' needs the param '" + p.name() + "' (" + p.type().keyword + "): add it to 'with'");
                }
            }
        }
    }

    private void condition(Expr e, Ctx ctx, String what) {
        Type t = expr(e, ctx);
        if (t.known() && !t.equals(Type.BOOL)) error(e.span(), what + " needs true or false, got " + article(t));
    }

    private void durationOption(Expr e, Ctx ctx, String what) {
        Type t = expr(e, ctx);
        if (t.known() && !t.equals(Type.DURATION)) {
            String hint = e instanceof Expr.Literal lit && lit.value() instanceof Long n ? " — write " + n + "s or " + n + "ms" : "";
            error(e.span(), what + " needs a duration like 30s, got " + article(t) + hint);
        }
    }

    // ---- Expressions ------------------------------------------------------------------

    private Type expr(Expr e, Ctx ctx) {
        if (e instanceof Expr.Literal lit) return StaticTypes.ofValue(lit.value());
        if (e instanceof Expr.Template t) {
            for (Object p : t.parts()) if (p instanceof Expr x) expr(x, ctx);
            return Type.STRING;
        }
        if (e instanceof Expr.Name n) return name(n, ctx);
        if (e instanceof Expr.ListLit l) {
            for (Expr item : l.items()) expr(item, ctx);
            return Type.LIST;
        }
        if (e instanceof Expr.MapLit m) {
            for (Expr.MapLit.Entry entry : m.entries()) expr(entry.value(), ctx);
            return Type.MAP;
        }
        if (e instanceof Expr.Member m) return member(m, ctx);
        if (e instanceof Expr.Index i) {
            Type target = expr(i.target(), ctx);
            Type index = expr(i.index(), ctx);
            if (target.equals(Type.LIST) && index.known() && !index.equals(Type.INT)) error(i.index().span(), "a list index must be an int, got " + article(index));
            if (target.isObject() && i.index() instanceof Expr.Literal lit && lit.value() instanceof String key) return field(target, key, i.index().span());
            if (target.known() && !target.isObject() && !target.equals(Type.LIST) && !target.equals(Type.MAP) && !target.equals(Type.STRING)) {
                error(i.span(), "cannot index " + article(target));
            }
            return target.equals(Type.STRING) ? Type.STRING : Type.ANY;
        }
        if (e instanceof Expr.Call c) return call(c, ctx);
        if (e instanceof Expr.Unary u) {
            Type t = expr(u.operand(), ctx);
            if (u.op() == Expr.UnaryOp.NOT) {
                if (t.known() && !t.equals(Type.BOOL)) error(u.operand().span(), "'not' needs true or false, got " + article(t));
                return Type.BOOL;
            }
            return StaticTypes.negate(t, u.span(), diagnostics);
        }
        if (e instanceof Expr.Binary b) {
            Type l = expr(b.left(), ctx);
            Type r = expr(b.right(), ctx);
            if (b.op() == Expr.BinaryOp.AND || b.op() == Expr.BinaryOp.OR) {
                if (l.known() && !l.equals(Type.BOOL)) error(b.left().span(), "'" + b.op().symbol + "' needs true or false, got " + article(l));
                if (r.known() && !r.equals(Type.BOOL)) error(b.right().span(), "'" + b.op().symbol + "' needs true or false, got " + article(r));
                return Type.BOOL;
            }
            return StaticTypes.binary(b.op(), l, r, b.opSpan(), diagnostics);
        }
        return Type.ANY;
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
        return e instanceof Expr.Name n && registry.isModule(n.name()) && ctx.scope().find(n.name()) == null;
    }

    /** An undefined name used as `x.f(…)` that is close to a module name: say "unknown module". */
    private boolean unknownModule(Expr target, Ctx ctx) {
        if (!(target instanceof Expr.Name n) || ctx.scope().find(n.name()) != null || registry.isModule(n.name())) return false;
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
        if (callee instanceof Expr.Member m && isModuleRef(m.target(), ctx)) {
            HostFunction fn = registry.function(((Expr.Name) m.target()).name() + "." + m.name());
            if (fn == null) {
                unknownFunction(m);
                args(c, ctx);
                return Type.ANY;
            }
            return adviseAndCheck(fn, c, ctx);
        }
        if (callee instanceof Expr.Name n && ctx.scope().find(n.name()) == null) {
            HostFunction fn = registry.function(n.name());
            if (fn != null) return adviseAndCheck(fn, c, ctx);
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
        if (callee instanceof Expr.Name n) {
            Decl d = ctx.scope().find(n.name());
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
            for (Diagnostic d : advice.diagnose(LiteralArgs.of(fn.signature(), c), LiteralArgs.computed(fn.signature(), c), at.file().directory(), at)) {
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

    private static boolean paramAccepts(ParamType p, Type t) {
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
