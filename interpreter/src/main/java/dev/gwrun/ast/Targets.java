package dev.gwrun.ast;

/** What an assignment writes to. */
public final class Targets {
    private Targets() {}

    /**
     * The variable an assignment target is rooted at: {@code a} for {@code a}, {@code a[0]},
     * {@code a.b} and {@code a[0].b[1].c}; null when the target is rooted at no name.
     */
    public static Expr.Name root(Expr target) {
        Expr e = target;
        while (true) {
            if (e instanceof Expr.Name n) return n;
            if (e instanceof Expr.Index i) e = i.target();
            else if (e instanceof Expr.Member m) e = m.target();
            else return null;
        }
    }
}
