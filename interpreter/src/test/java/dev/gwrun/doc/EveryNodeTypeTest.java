package dev.gwrun.doc;

import dev.gwrun.ast.Expr;
import dev.gwrun.ast.Runbook;
import dev.gwrun.ast.Stmt;
import dev.gwrun.format.Formatter;
import dev.gwrun.host.Effect;
import dev.gwrun.host.HostFunction;
import dev.gwrun.host.HostModule;
import dev.gwrun.host.ParamSpec;
import dev.gwrun.host.Registry;
import dev.gwrun.host.Signature;
import dev.gwrun.host.Type;
import dev.gwrun.parse.Parsing;
import dev.gwrun.plan.Plan;
import dev.gwrun.plan.PlanRenderer;
import dev.gwrun.plan.Planner;
import dev.gwrun.source.SourceFile;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The review tools (formatter, planner, doc page and flowchart) each dispatch on the AST node type
 * and throw for one they do not know. This runbook holds every statement and expression type (the
 * first assertion fails when a new one is added to the AST and not to it), so a new node type fails
 * here until every tool handles it. (Java 17 has no pattern switch to make that a compile error.)
 */
class EveryNodeTypeTest {
    static final String SINK = """
            runbook "sink" {
              description "every node"
              param p: int = -1
              let l = [1, 2.5, 3s, "s", "${p}", true, null, {k: 1}]
              l[0] = l[1]
              guard p < 0 else "no"
              fn f(a, b) { return a + b }
              step "s" when not false timeout 1s retry 2 backoff 1s {
                wait until l.len() > 0 every 1s timeout 2s
                for i in l { log -i }
                sh("x")
                fail "x"
              } on failure { recover }
              parallel { step "a" { confirm "ok?" } }
              lock "db" timeout 5s { step "u" once { log 2 } }
              if maybe { step "t" { log 1 } } else { run "x.gwrun" with {a: 1} }
              f(1, b: 2)
              always { log "end" }
            }
            """;

    @Test
    void everyToolHandlesEveryNodeType() {
        Runbook rb = Parsing.parseRunbook(SourceFile.of("sink.gwrun", SINK)).ast();
        Set<Class<?>> seen = new HashSet<>();
        collect(rb, seen);
        Set<Class<?>> all = new HashSet<>(Arrays.asList(Stmt.class.getPermittedSubclasses()));
        all.addAll(Arrays.asList(Expr.class.getPermittedSubclasses()));
        assertThat(seen).as("the sink holds every node type: add the new one to it").containsAll(all);

        Registry registry = new Registry(List.of(new HostModule() {
            @Override public String name() { return ""; }

            @Override public String doc() { return ""; }

            @Override public List<HostFunction> functions() {
                return List.of(HostFunction.of(new Signature("sh", List.of(ParamSpec.required("command", Type.STRING, "")), Type.ANY, Effect.CHANGE, ""),
                        (a, c) -> { throw new AssertionError("a changing call was made"); }));
            }
        }));
        assertThat(Formatter.format(SourceFile.of("sink.gwrun", SINK)).ok()).isTrue();
        Plan plan = Planner.plan(rb, Map.of(), registry, true, Map.of());
        assertThat(PlanRenderer.text(plan)).contains("→ sh(\"x\")  [changes]  not made", "step \"t\"", "run \"x.gwrun\" with {\"a\": 1}");
        String page = RunbookDoc.markdown(rb, registry, "sink.gwrun");
        assertThat(page).contains("| 1 | s |", "`sh` **(changes)**", "```mermaid\nflowchart TD\n");
    }

    private static void collect(Object node, Set<Class<?>> seen) {
        if (node instanceof List<?> list) {
            for (Object o : list) collect(o, seen);
            return;
        }
        if (node == null || !node.getClass().isRecord() || !node.getClass().getPackageName().equals("dev.gwrun.ast")) return;
        seen.add(node.getClass());
        for (var rc : node.getClass().getRecordComponents()) {
            try {
                collect(rc.getAccessor().invoke(node), seen);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
