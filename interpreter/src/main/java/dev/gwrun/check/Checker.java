package dev.gwrun.check;

import dev.gwrun.ast.Block;
import dev.gwrun.ast.Expr;
import dev.gwrun.ast.Param;
import dev.gwrun.ast.Runbook;
import dev.gwrun.ast.Stmt;
import dev.gwrun.check.ExprChecker.Advised;
import dev.gwrun.check.StaticScope.Ctx;
import dev.gwrun.check.StaticScope.Decl;
import dev.gwrun.check.lint.Lint;
import dev.gwrun.host.Registry;
import dev.gwrun.host.Type;
import dev.gwrun.names.Names;
import dev.gwrun.runtime.GwrunError;
import dev.gwrun.source.Diagnostic;
import dev.gwrun.source.Span;
import dev.gwrun.source.Suggest;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.gwrun.check.ExprChecker.article;
import static dev.gwrun.check.ExprChecker.paramAccepts;
import static dev.gwrun.check.ExprChecker.paramType;

/**
 * Every static check of a runbook, touching nothing outside the process (it reads the files named
 * by {@code run}, nothing more): scopes and statements here (declarations, misplaced recover and
 * return, conditions and durations, params and sub-runbook params); expressions, calls and types
 * in {@link ExprChecker}; then the lint rules. All problems are reported, not only the first.
 */
public final class Checker {
    private static final Type ERROR_TYPE = Type.object("error", Map.of(
            "message", Type.STRING, "step", Type.STRING, "kind", Type.STRING, "line", Type.INT));

    private final Registry registry;
    private final List<Diagnostic> diagnostics = new ArrayList<>();
    /** Diagnostics from the stdlib's static advice, each with the offset of the call it is about. */
    private final List<Advised> advised = new ArrayList<>();
    private final ExprChecker exprs;
    private final Set<Path> visiting;
    private Set<String> reassigned = Set.of();

    public Checker(Registry registry) {
        this(registry, new HashSet<>());
    }

    private Checker(Registry registry, Set<Path> visiting) {
        this.registry = registry;
        this.visiting = visiting;
        this.exprs = new ExprChecker(registry, diagnostics, advised);
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
        Names names = Names.of(rb, registry, known.keySet());
        exprs.resolved(names);
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
        if (diagnostics.stream().noneMatch(Diagnostic::isError)) diagnostics.addAll(Lint.check(rb, registry, names));
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

    private Type expr(Expr e, Ctx ctx) {
        return exprs.expr(e, ctx);
    }

    // ---- Scopes -----------------------------------------------------------------------

    private void statements(List<? extends Stmt> stmts, Ctx ctx) {
        // fn declarations are visible throughout their block, as at run time.
        for (Stmt s : stmts) {
            if (s instanceof Stmt.Fn fn) declare(ctx, fn.name(), new Decl("fn", Type.FUNCTION, fn.nameSpan(), fn));
        }
        Statements visitor = new Statements(ctx);
        for (Stmt s : stmts) s.accept(visitor);
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

    // ---- Statements -------------------------------------------------------------------

    /** One method per kind of statement, in the scope {@code ctx}. */
    private final class Statements implements Stmt.Visitor<Void> {
        private final Ctx ctx;

        Statements(Ctx ctx) { this.ctx = ctx; }

        @Override
        public Void visitLet(Stmt.Let x) {
            Type t = expr(x.value(), ctx);
            if (registry.isModule(x.name())) error(x.nameSpan(), "'" + x.name() + "' is the name of a module; choose another name");
            declare(ctx, x.name(), new Decl("let", reassigned.contains(x.name()) ? Type.ANY : t, x.nameSpan(), null));
            return null;
        }

        @Override public Void visitAssign(Stmt.Assign x) { assign(x, ctx); return null; }

        @Override
        public Void visitGuard(Stmt.Guard x) {
            condition(x.condition(), ctx, "a guard");
            expr(x.message(), ctx);
            return null;
        }

        @Override public Void visitStep(Stmt.Step x) { step(x, ctx); return null; }

        @Override
        public Void visitParallel(Stmt.Parallel x) {
            Set<String> names = new HashSet<>();
            for (Stmt.Step step : x.steps()) {
                if (step.name() instanceof Expr.Literal lit && lit.value() instanceof String n && !names.add(n)) {
                    error(step.name().span(), "two steps of this parallel block are named '" + n + "'");
                }
                step(step, ctx);
            }
            return null;
        }

        @Override
        public Void visitWait(Stmt.Wait x) {
            condition(x.condition(), ctx, "'wait until'");
            if (x.every() != null) durationOption(x.every(), ctx, "every");
            if (x.timeout() != null) durationOption(x.timeout(), ctx, "the wait's timeout");
            return null;
        }

        @Override
        public Void visitIf(Stmt.If x) {
            condition(x.condition(), ctx, "an if");
            block(x.then(), ctx);
            if (x.otherwise() != null) block(x.otherwise(), ctx);
            return null;
        }

        @Override
        public Void visitFor(Stmt.For x) {
            Type t = expr(x.iterable(), ctx);
            if (t.known() && !t.equals(Type.LIST) && !t.equals(Type.MAP)) {
                error(x.iterable().span(), "'for' needs a list (or a map, for its keys), got " + article(t));
            }
            Ctx body = ctx.nested();
            body.scope().names.put(x.variable(), new Decl("loop", Type.ANY, x.variableSpan(), null));
            statements(x.body().statements(), body);
            return null;
        }

        @Override
        public Void visitFn(Stmt.Fn x) {
            Ctx body = new Ctx(new StaticScope(ctx.scope()), true, false);
            for (int i = 0; i < x.params().size(); i++) {
                body.scope().names.put(x.params().get(i), new Decl("let", Type.ANY, x.paramSpans().get(i), null));
            }
            statements(x.body().statements(), body);
            return null;
        }

        @Override
        public Void visitReturn(Stmt.Return x) {
            if (!ctx.inFunction()) error(x.span(), "'return' outside a function");
            if (x.value() != null) expr(x.value(), ctx);
            return null;
        }

        @Override public Void visitFail(Stmt.Fail x) { expr(x.message(), ctx); return null; }

        @Override public Void visitLog(Stmt.Log x) { expr(x.message(), ctx); return null; }

        @Override public Void visitConfirm(Stmt.Confirm x) { expr(x.question(), ctx); return null; }

        @Override public Void visitRun(Stmt.Run x) { run(x, ctx); return null; }

        @Override
        public Void visitRecover(Stmt.Recover x) {
            // A fn body starts outside any handler, so a step handler inside a fn may recover, a fn inside a handler may not.
            if (!ctx.inStepHandler()) {
                error(x.span(), "'recover' belongs in a step's on failure block" + (ctx.inFunction() ? ", not in a function" : ""));
            }
            return null;
        }

        @Override public Void visitLock(Stmt.Lock x) { lock(x, ctx); return null; }

        @Override public Void visitExprStmt(Stmt.ExprStmt x) { expr(x.expr(), ctx); return null; }
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

    /** A {@code run}: its path and with, and, when the path is literal, the runbook it names and the params given to it. */
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
        if (visiting.contains(file)) return;
        Runbook sub;
        try {
            sub = SubRunbooks.parse(file, rel, x.path().span());
        } catch (GwrunError e) {
            error(x.path().span(), e.getMessage());
            return;
        }
        String errors = SubRunbooks.errors(rel, new Checker(registry, visiting).check(sub));
        if (errors != null) error(x.path().span(), errors);
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
}
