package dev.gwrun.names;

import dev.gwrun.ast.Block;
import dev.gwrun.ast.Expr;
import dev.gwrun.ast.Param;
import dev.gwrun.ast.Runbook;
import dev.gwrun.ast.Stmt;
import dev.gwrun.ast.Targets;
import dev.gwrun.ast.TreeWalk;
import dev.gwrun.host.HostFunction;
import dev.gwrun.host.Registry;
import dev.gwrun.source.Span;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Binds every name of a runbook to its declaration, once, with the scoping rules of the run engine
 * (a block, a step body, a handler, a loop body and a function body are scopes; functions are
 * visible throughout their block), and stores the result beside the tree: which declaration each
 * name reads, which variable each assignment writes, which stdlib function each call runs. The
 * checker, the lint rules, the planner, the doc page and (through {@link Resolution}) the evaluator
 * read it, so they cannot disagree on what a call runs.
 */
public final class Names {
    /** One declared name. {@code kind} is param, let, for, fn or fn-param. */
    public static final class Decl {
        public final String name;
        public final String kind;
        public final Span span;
        /** The declared value (the let's initial value, the param's default), or null. */
        public final Expr value;
        private Decl shadows;
        private boolean read;

        Decl(String name, String kind, Span span, Expr value) {
            this.name = name;
            this.kind = kind;
            this.span = span;
            this.value = value;
        }

        /** The declaration of the same name in an enclosing scope that this one hides, or null. */
        public Decl shadows() { return shadows; }

        /** Whether any expression reads it. */
        public boolean read() { return read; }
    }

    /** {@code target = value} where the target is (rooted at) a declared name. */
    public record Write(Decl decl, Expr value, Stmt.Assign stmt) {}

    private final Registry registry;
    private final List<Decl> decls = new ArrayList<>();
    private final Map<Expr.Name, Decl> uses = new IdentityHashMap<>();
    private final Map<Stmt.Assign, Write> writes = new IdentityHashMap<>();
    private final Map<Expr.Call, Callee> callees = new IdentityHashMap<>();

    private Names(Registry registry) { this.registry = registry; }

    public static Names of(Runbook rb, Registry registry) {
        return of(rb, registry, Set.of());
    }

    /**
     * Resolves input that runs where names are already bound (the REPL's session variables): {@code known}
     * are declared in a scope around the input's own, so the input may shadow them and they hide modules.
     */
    public static Names of(Runbook rb, Registry registry, Set<String> known) {
        Names names = new Names(registry);
        new Binder(names).runbook(rb, known);
        return names;
    }

    /** Every declaration, in source order. */
    public List<Decl> decls() { return Collections.unmodifiableList(decls); }

    /** The declaration a name reads, or null for a global or a module. */
    public Decl use(Expr.Name n) { return uses.get(n); }

    /** Whether a name reads a declaration of the runbook (so it hides any module or global of that name). */
    public boolean bound(Expr.Name n) { return uses.containsKey(n); }

    /** Every assignment to a declared variable, in source order. */
    public List<Write> writes() { return List.copyOf(writes.values()); }

    /** The variable an assignment writes, or null when it is no declared one. */
    public Write write(Stmt.Assign a) { return writes.get(a); }

    /** What a call calls, as resolved where it stands. */
    public Callee callee(Expr.Call c) {
        Callee what = callees.get(c);
        if (what == null) throw new IllegalArgumentException("the call at " + c.span() + " is not part of the runbook these names resolve");
        return what;
    }

    /** Whether {@code e} names a module that no variable hides where it stands. */
    public boolean isModule(Expr e) { return Callee.isModule(e, registry, this::bound); }

    /** Every call of the runbook with what it calls. */
    Map<Expr.Call, Callee> callees() { return Collections.unmodifiableMap(callees); }

    /** Every name of the runbook that reads a declaration. */
    Set<Expr.Name> boundNames() { return Collections.unmodifiableSet(uses.keySet()); }

    /** The stdlib function a call runs, or null for a runbook's own function, a method or an unknown name. */
    public HostFunction host(Expr.Call c) { return callee(c).host(); }

    /** The walk that binds: scopes pushed and popped around blocks as the engine does. */
    private static final class Binder extends TreeWalk {
        private final Names out;
        private final Deque<Map<String, Decl>> scopes = new ArrayDeque<>();

        Binder(Names out) { this.out = out; }

        void runbook(Runbook rb, Set<String> known) {
            push();
            for (String name : known) scopes.peek().put(name, new Decl(name, "session", rb.span(), null));
            runbook(rb);
        }

        @Override
        public void runbook(Runbook rb) {
            push();
            for (Param p : rb.params()) {
                expr(p.defaultValue());
                declare(new Decl(p.name(), "param", p.nameSpan(), p.defaultValue()));
            }
            statements(rb.body());
            handler(rb.onFailure());
            handler(rb.always());
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
            out.decls.add(d);
        }

        private Decl lookup(String name) {
            for (Map<String, Decl> s : scopes) {
                Decl d = s.get(name);
                if (d != null) return d;
            }
            return null;
        }

        /** Functions first: they are visible throughout their block. */
        @Override
        public void statements(List<? extends Stmt> list) {
            for (Stmt s : list) if (s instanceof Stmt.Fn fn) declare(new Decl(fn.name(), "fn", fn.nameSpan(), null));
            super.statements(list);
        }

        private void scoped(Block b) {
            scoped(b, null);
        }

        /** An on failure or always block: its scope binds {@code error}, as at run time. */
        private void handler(Block b) {
            if (b != null) scoped(b, new Decl("error", "handler", b.span(), null));
        }

        /** A block in a scope of its own, where {@code bound} (if any) is declared first. */
        private void scoped(Block b, Decl bound) {
            if (b == null) return;
            push();
            if (bound != null) scopes.peek().put(bound.name, bound);
            statements(b.statements());
            pop();
        }

        @Override
        public Void visitLet(Stmt.Let s) {
            expr(s.value());
            declare(new Decl(s.name(), "let", s.nameSpan(), s.value()));
            return null;
        }

        @Override
        public Void visitAssign(Stmt.Assign s) {
            expr(s.value());
            Decl d;
            if (s.target() instanceof Expr.Name n) {
                d = lookup(n.name()); // written, not read
            } else {
                expr(s.target());
                Expr.Name root = Targets.root(s.target());
                d = root == null ? null : out.uses.get(root);
            }
            if (d != null) out.writes.put(s, new Write(d, s.value(), s));
            return null;
        }

        @Override
        public Void visitStep(Stmt.Step s) {
            header(s);
            scoped(s.body());
            handler(s.onFailure());
            return null;
        }

        @Override
        public Void visitIf(Stmt.If s) {
            expr(s.condition());
            scoped(s.then());
            scoped(s.otherwise());
            return null;
        }

        @Override
        public Void visitFor(Stmt.For s) {
            expr(s.iterable());
            push();
            declare(new Decl(s.variable(), "for", s.variableSpan(), null));
            statements(s.body().statements());
            pop();
            return null;
        }

        @Override
        public Void visitLock(Stmt.Lock s) {
            expr(s.name());
            expr(s.timeout());
            scoped(s.body());
            return null;
        }

        @Override
        public Void visitFn(Stmt.Fn s) {
            push();
            for (int i = 0; i < s.params().size(); i++) {
                Decl p = new Decl(s.params().get(i), "fn-param", s.paramSpans().get(i), null);
                scopes.peek().put(p.name, p);
                out.decls.add(p);
            }
            statements(s.body().statements());
            pop();
            return null;
        }

        @Override
        public Void visitCall(Expr.Call e) {
            super.visitCall(e);
            out.callees.put(e, Callee.of(e, out.registry, out::bound));
            return null;
        }

        @Override
        public Void visitName(Expr.Name e) {
            Decl d = lookup(e.name());
            if (d != null) {
                d.read = true;
                out.uses.put(e, d);
            }
            return null;
        }
    }
}
