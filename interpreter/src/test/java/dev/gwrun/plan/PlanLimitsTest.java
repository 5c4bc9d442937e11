package dev.gwrun.plan;

import dev.gwrun.ast.Runbook;
import dev.gwrun.host.Registry;
import dev.gwrun.parse.ParseResult;
import dev.gwrun.parse.Parsing;
import dev.gwrun.source.SourceFile;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * A plan ends, in little time and memory, whatever the runbook computes: short runbooks that multiply
 * loops or double values hung {@code gwrun plan} (hostile inputs replayed through RunbookFuzzTest; they
 * are kept there as finding-plan-*).
 */
class PlanLimitsTest {
    private static String plan(String body) {
        ParseResult<Runbook> parsed = Parsing.parseRunbook(SourceFile.of("p.gwrun", "runbook \"p\" {\n" + body + "}\n"));
        assertThat(parsed.ok()).as("%s", parsed.diagnostics()).isTrue();
        return assertTimeoutPreemptively(Duration.ofSeconds(20),
                () -> PlanRenderer.text(Planner.plan(parsed.ast(), Map.of(), new Registry(List.of()), false, Map.of())));
    }

    @Test
    void loopsNestedInUnrolledLoopsStopUnrollingAtTheBudget() {
        String twenty = IntStream.range(0, 20).mapToObj(Integer::toString).collect(Collectors.joining(", ", "[", "]"));
        StringBuilder body = new StringBuilder();
        for (String v : List.of("a", "b", "c", "d", "e", "f")) body.append("for ").append(v).append(" in ").append(twenty).append(" {\n");
        body.append("log \"${a}${f}\"\n").append("}\n".repeat(6));
        String text = plan(body.toString());
        assertThat(text).contains("more iterations: a plan walks at most " + Planner.MAX_PLANNED + " statements");
        assertThat(text.lines().filter(l -> l.strip().startsWith("log ")).count()).isBetween(1L, (long) Planner.MAX_PLANNED);
    }

    @Test
    void aValueThatDoublesPastTheLimitIsKnownAtRunTime() {
        StringBuilder body = new StringBuilder("let s0 = \"xx\"\nlet l0 = [1, 2]\nlet m0 = {\"a\": 1}\n");
        for (int i = 1; i <= 44; i++) {
            body.append("let s").append(i).append(" = s").append(i - 1).append(" + s").append(i - 1).append('\n');
            body.append("let l").append(i).append(" = l").append(i - 1).append(" + l").append(i - 1).append('\n');
            body.append("let m").append(i).append(" = {\"a\": m").append(i - 1).append(", \"b\": m").append(i - 1).append("}\n");
        }
        body.append("log \"${s44.len()} ${l44.len()} ${m44}\"\n");
        String text = plan(body.toString());
        assertThat(text).contains("let s44 = (known at run time)", "let l44 = (known at run time)", "let m44 = (known at run time)");
        // below the limit values are still computed
        assertThat(text).contains("let s3 = \"xxxxxxxxxxxxxxxx\"");
    }
}
