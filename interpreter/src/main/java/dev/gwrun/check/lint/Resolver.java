package dev.gwrun.check.lint;

import dev.gwrun.ast.Block;
import dev.gwrun.ast.Expr;
import dev.gwrun.ast.Param;
import dev.gwrun.ast.Runbook;
import dev.gwrun.ast.Stmt;
import dev.gwrun.source.Span;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Binds every name to its declaration with the scoping rules of the run engine (a block, a step
 * body, a handler, a loop body and a function body are scopes; functions are visible throughout
 * their block). The lint rules about unused, shadowed and secret names read the result.
 */
final class Resolver {
    /** One declared name. {@code kind} is param, let, for, fn or fn-param. */
    static final class Decl {
        final String name;
        final String kind;
        final Span span;
        /** The declared value (the let's initial value), or null. */
        final Expr value;
        /** The declaration of the same name in an enclosing scope, if any. */
        Decl shadows;
        boolean read;

        Decl(String name, String kind, Span span, Expr value) {
            this.name = name;
            this.kind = kind;
            this.span = span;
            this.value = value;
        }
    }

    /** {@code target = value} where the target is (rooted at) a declared name. */
    record Write(Decl decl, Expr value, Stmt.Assign stmt) {}

    final List<Decl> decls = new ArrayList<>();
    final Map<Expr.Name, Decl> uses = new IdentityHashMap<>();
    final Map<Stmt.Assign, Write> writes = new IdentityHashMap<>();
    private final Deque<Map<String, Decl>> scopes = new ArrayDeque<>();

    static Resolver of(Runbook rb) {
        Resolver r = new Resolver();
        r.push();
        for (Param p : rb.params()) {
            if (p.defaultValue() != null) r.expr(p.defaultValue());
            r.declare(new Decl(p.name(), "param", p.nameSpan(), p.defaultValue()));
        }
        r.stmts(rb.body());
        if (rb.onFailure() != null) r.block(rb.onFailure());
        if (rb.always() != null) r.block(rb.always());
        return r;
    }

    /** The declaration a name (or the root of target.x / target[i]) refers to, or null for globals and modules. */
    Decl root(Expr e) {
        while (e instanceof Expr.Member m) e = m.target();
        while (e instanceof Expr.Index i) e = i.target();
        while (e instanceof Expr.Member m) e = m.target();
        return e instanceof Expr.Name n ? uses.get(n) : null;
    }

    private void push() { scopes.push(new HashMap<>()); }

    private void pop() { scopes.pop(); }

    private void declare(Decl d) {
        Map<String, Decl> current = scopes.peek();
        if (current.containsKey(d.name) && current.get(d.name) != d) {
            return; // the checker reports a second declaration in one block as an error
        }
        for (Map<String, Decl> outer : scopes) {
            if (outer != current && outer.containsKey(d.name)) {
                d.shadows = outer.get(d.name);
                break;
            }
        }
        current.put(d.name, d);
        decls.add(d);
    }

    private Decl lookup(String name) {
        for (Map<String, Decl> s : scopes) {
            Decl d = s.get(name);
            if (d != null) return d;
        }
        return null;
    }

    private void stmts(List<Stmt> list) {
        for (Stmt s : list) if (s instanceof Stmt.Fn fn) declare(new Decl(fn.name(), "fn", fn.nameSpan(), null));
        for (Stmt s : list) stmt(s);
    }

    private void block(Block b) {
        push();
        stmts(b.statements());
        pop();
    }

    private void stmt(Stmt s) {
        if (s instanceof Stmt.Let x) {
            expr(x.value());
            declare(new Decl(x.name(), "let", x.nameSpan(), x.value()));
        } else if (s instanceof Stmt.Assign x) {
            expr(x.value());
            if (x.target() instanceof Expr.Name n) {
                Decl d = lookup(n.name());
                if (d != null) writes.put(x, new Write(d, x.value(), x));
            } else {
                expr(x.target());
                Decl d = root(x.target());
                if (d != null) writes.put(x, new Write(d, x.value(), x));
            }
        } else if (s instanceof Stmt.Step x) {
            exprs(x.name(), x.when(), x.timeout(), x.retry(), x.backoff());
            block(x.body());
            if (x.onFailure() != null) block(x.onFailure());
        } else if (s instanceof Stmt.Parallel x) {
            for (Stmt.Step step : x.steps()) stmt(step);
        } else if (s instanceof Stmt.If x) {
            expr(x.condition());
            block(x.then());
            if (x.otherwise() != null) block(x.otherwise());
        } else if (s instanceof Stmt.For x) {
            expr(x.iterable());
            push();
            declare(new Decl(x.variable(), "for", x.variableSpan(), null));
            stmts(x.body().statements());
            pop();
        } else if (s instanceof Stmt.Lock x) {
            exprs(x.name(), x.timeout());
            block(x.body());
        } else if (s instanceof Stmt.Fn x) {
            push();
            for (int i = 0; i < x.params().size(); i++) {
                Decl p = new Decl(x.params().get(i), "fn-param", x.paramSpans().get(i), null);
                scopes.peek().put(p.name, p);
                decls.add(p);
            }
            stmts(x.body().statements());
            pop();
        } else {
            // Statements without scopes of their own: only their expressions matter.
            if (s instanceof Stmt.Guard x) exprs(x.condition(), x.message());
            else if (s instanceof Stmt.Wait x) exprs(x.condition(), x.every(), x.timeout());
            else if (s instanceof Stmt.Return x) exprs(x.value());
            else if (s instanceof Stmt.Fail x) exprs(x.message());
            else if (s instanceof Stmt.Log x) exprs(x.message());
            else if (s instanceof Stmt.Confirm x) exprs(x.question());
            else if (s instanceof Stmt.Run x) exprs(x.path(), x.with());
            else if (s instanceof Stmt.ExprStmt x) exprs(x.expr());
            else if (!(s instanceof Stmt.Recover)) throw new IllegalStateException("the resolver has no case for " + s.getClass().getSimpleName());
        }
    }

    private void exprs(Expr... list) {
        for (Expr e : list) if (e != null) expr(e);
    }

    private void expr(Expr e) {
        AstWalk.expression(e, new AstWalk.Visitor() {
            @Override
            public void expr(Expr x, List<Stmt.Step> steps) {
                if (x instanceof Expr.Name n) {
                    Decl d = lookup(n.name());
                    if (d != null) {
                        d.read = true;
                        uses.put(n, d);
                    }
                }
            }
        });
    }
}
