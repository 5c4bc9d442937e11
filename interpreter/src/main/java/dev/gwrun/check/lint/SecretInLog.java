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
        if (e instanceof Expr.Literal) return null;
        if (e instanceof Expr.Name n) return secret.contains(ctx.names.use(n)) ? "'" + n.name() + "', which holds a secret" : null;
        if (e instanceof Expr.Template t) return first(t.parts().stream().filter(p -> p instanceof Expr).map(p -> (Expr) p).toList(), secret, ctx);
        if (e instanceof Expr.ListLit l) return first(l.items(), secret, ctx);
        if (e instanceof Expr.MapLit m) return first(m.entries().stream().map(Expr.MapLit.Entry::value).toList(), secret, ctx);
        if (e instanceof Expr.Member m) return showsSecret(m.target(), secret, ctx);
        if (e instanceof Expr.Index i) return showsSecret(i.target(), secret, ctx);
        if (e instanceof Expr.Call call) {
            HostFunction fn = ctx.hostFunction(call);
            if (fn != null) {
                if (!fn.signature().name().equals("secret")) return null;
                return call.args().size() == 1 && call.args().get(0).value() instanceof Expr.Literal lit
                        ? "the secret '" + lit.value() + "'" : "a secret";
            }
            return call.callee() instanceof Expr.Member method ? showsSecret(method.target(), secret, ctx) : null;
        }
        if (e instanceof Expr.Unary) return null;
        if (e instanceof Expr.Binary b) {
            return b.op() == Expr.BinaryOp.ADD ? first(List.of(b.left(), b.right()), secret, ctx) : null;
        }
        throw new IllegalStateException("secret-in-log has no case for " + e.getClass().getSimpleName());
    }

    private static String first(List<Expr> exprs, Set<Names.Decl> secret, LintContext ctx) {
        for (Expr x : exprs) {
            String s = showsSecret(x, secret, ctx);
            if (s != null) return s;
        }
        return null;
    }
}
