package dev.gwrun.check.lint;

import dev.gwrun.ast.Expr;
import dev.gwrun.ast.Param;
import dev.gwrun.ast.ParamType;
import dev.gwrun.ast.Stmt;
import dev.gwrun.host.HostFunction;
import dev.gwrun.names.Names;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A {@code log} that shows a secret: a {@code secret(…)} call, a {@code secret} param, or a name
 * whose value came from one (through lets and assignments). The masker prints *** at run time; the log line is still wrong.
 */
final class SecretInLog implements LintRule {
    @Override public String name() { return "secret-in-log"; }

    @Override public String summary() { return "a secret interpolated into 'log'"; }

    @Override
    public void check(LintContext ctx) {
        Set<Names.Decl> secret = new HashSet<>();
        // A secret param holds a secret from the start; secret() calls are found below.
        Set<String> secretParams = new HashSet<>();
        for (Param p : ctx.runbook.params()) if (p.type() == ParamType.SECRET) secretParams.add(p.name());
        for (Names.Decl d : ctx.names.decls()) if (d.kind.equals("param") && secretParams.contains(d.name)) secret.add(d);
        boolean changed = true;
        while (changed) {
            changed = false;
            for (Names.Decl d : ctx.names.decls()) {
                if (!secret.contains(d) && d.value != null && showsSecret(d.value, secret, ctx) != null) changed |= secret.add(d);
            }
            for (Names.Write w : ctx.names.writes()) {
                if (!secret.contains(w.decl()) && showsSecret(w.value(), secret, ctx) != null) changed |= secret.add(w.decl());
            }
        }
        AstWalk.runbook(ctx.runbook, new AstWalk.Visitor() {
            @Override
            public void stmt(Stmt s, List<Stmt.Step> steps) {
                if (!(s instanceof Stmt.Log log)) return;
                String what = showsSecret(log.message(), secret, ctx);
                if (what != null) {
                    ctx.warn(log.message().span(), "log shows " + what + " (masked as *** at run time, but a log line is no place for it)",
                            "log that the secret is set, or where it came from, not its value");
                }
            }
        });
    }

    /**
     * How the value of an expression shows a secret ("the secret 'X'", "'token', which holds a
     * secret"), or null. A secret flows through strings, '+', lists, maps, fields, indexing and
     * methods of the secret itself, not through the arguments of a call (sh(…, env: {T: token})
     * uses the secret; its result does not show it) nor through comparisons.
     */
    private static String showsSecret(Expr e, Set<Names.Decl> secret, LintContext ctx) {
        return e.accept(new Shows(secret, ctx));
    }

    /** One method per kind of expression: what secret it shows, or null. */
    private record Shows(Set<Names.Decl> secret, LintContext ctx) implements Expr.Visitor<String> {
        private String first(List<Expr> exprs) {
            for (Expr x : exprs) {
                String s = x.accept(this);
                if (s != null) return s;
            }
            return null;
        }

        @Override public String visitLiteral(Expr.Literal e) { return null; }

        @Override
        public String visitName(Expr.Name n) {
            return secret.contains(ctx.names.use(n)) ? "'" + n.name() + "', which holds a secret" : null;
        }

        @Override
        public String visitTemplate(Expr.Template t) {
            return first(t.parts().stream().filter(p -> p instanceof Expr).map(p -> (Expr) p).toList());
        }

        @Override public String visitListLit(Expr.ListLit l) { return first(l.items()); }

        @Override public String visitMapLit(Expr.MapLit m) { return first(m.entries().stream().map(Expr.MapLit.Entry::value).toList()); }

        @Override public String visitMember(Expr.Member m) { return m.target().accept(this); }

        @Override public String visitIndex(Expr.Index i) { return i.target().accept(this); }

        @Override
        public String visitCall(Expr.Call call) {
            HostFunction fn = ctx.hostFunction(call);
            if (fn != null) {
                if (!fn.signature().name().equals("secret")) return null;
                return call.args().size() == 1 && call.args().get(0).value() instanceof Expr.Literal lit
                        ? "the secret '" + lit.value() + "'" : "a secret";
            }
            return call.callee() instanceof Expr.Member method ? method.target().accept(this) : null;
        }

        @Override public String visitUnary(Expr.Unary e) { return null; }

        @Override
        public String visitBinary(Expr.Binary b) {
            return b.op() == Expr.BinaryOp.ADD ? first(List.of(b.left(), b.right())) : null;
        }
    }
}
