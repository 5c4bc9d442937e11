package dev.gwrun.ast;

import dev.gwrun.parse.Parsing;
import dev.gwrun.source.SourceFile;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

/**
 * A runbook holding every kind of statement and expression, for the tests that a pass handles them all:
 * a new AST node kind fails those tests until it is added here and the pass handles it.
 */
public final class EveryNode {
    private EveryNode() {}

    public static final String SOURCE = """
            runbook "sink" {
              description "every node"
              param p: int = -1
              let l = [1, 2.5, 3s, "s", "${p}", true, null, {k: 1}]
              l[0] = l[1]
              guard p > 0 else "no"
              fn f(a, b) { return a + b }
              step "s" when not false timeout 1s retry 2 backoff 1s {
                wait until l.len() > 0 every 1s timeout 2s
                for i in l { log -i }
                fail "x"
              } on failure { recover }
              parallel { step "a" { confirm "ok?" } }
              lock "db" timeout 5s { step "u" once { log 2 } }
              if true { return } else { run "x.gwrun" with {a: 1} }
              f(1, b: 2)
            }
            """;

    /** {@link #SOURCE}, parsed. */
    public static Runbook runbook() {
        return Parsing.parseRunbook(SourceFile.of("sink.gwrun", SOURCE)).ast();
    }

    /** Every kind of statement and expression there is. */
    public static Set<Class<?>> kinds() {
        Set<Class<?>> all = new HashSet<>(Arrays.asList(Stmt.class.getPermittedSubclasses()));
        all.addAll(Arrays.asList(Expr.class.getPermittedSubclasses()));
        return all;
    }
}
