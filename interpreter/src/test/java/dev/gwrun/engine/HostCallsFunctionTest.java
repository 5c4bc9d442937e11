package dev.gwrun.engine;

import dev.gwrun.ast.Runbook;
import dev.gwrun.check.Checker;
import dev.gwrun.host.Effect;
import dev.gwrun.host.HostFunction;
import dev.gwrun.host.HostModule;
import dev.gwrun.host.ParamSpec;
import dev.gwrun.host.Registry;
import dev.gwrun.host.Signature;
import dev.gwrun.host.Type;
import dev.gwrun.parse.ParseResult;
import dev.gwrun.parse.Parsing;
import dev.gwrun.runtime.Callable;
import dev.gwrun.runtime.GwrunError;
import dev.gwrun.source.SourceFile;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A host function given a runbook function as an argument (a probe:) can call it through its CallContext. */
class HostCallsFunctionTest {
    /** probe.until(check, n): calls check(i) for i = 1.. until it returns true; returns the i that passed. */
    private static Registry registry() {
        HostFunction until = HostFunction.of(new Signature("probe.until", List.of(
                ParamSpec.required("check", Type.ANY, "a function"), ParamSpec.required("n", Type.INT, "at most")),
                Type.INT, Effect.READ, "test"), (args, ctx) -> {
            if (!(args.value("check") instanceof Callable fn)) throw new GwrunError("type", "check must be a function");
            for (long i = 1; i <= args.integer("n"); i++) if (Boolean.TRUE.equals(ctx.call(fn, List.of(i)))) return i;
            return -1L;
        });
        return new Registry(List.of(new HostModule() {
            @Override public String name() { return "probe"; }

            @Override public String doc() { return "test"; }

            @Override public List<HostFunction> functions() { return List.of(until); }
        }));
    }

    private static List<Event> run(String source, int exit) {
        ParseResult<Runbook> parsed = Parsing.parseRunbook(SourceFile.of("p.gwrun", source));
        assertThat(parsed.ok()).as(parsed.diagnostics().toString()).isTrue();
        assertThat(new Checker(registry()).check(parsed.ast()).stream().filter(d -> d.isError()).toList()).isEmpty();
        List<Event> events = new ArrayList<>();
        RunOptions o = new RunOptions();
        o.sink = events::add;
        RunResult r = new RunEngine(registry()).run(parsed.ast(), o);
        assertThat(r.exitCode()).as(String.valueOf(r.error())).isEqualTo(exit);
        return events;
    }

    private static List<String> logs(List<Event> events) {
        return events.stream().filter(e -> e instanceof Event.Log).map(e -> ((Event.Log) e).text()).toList();
    }

    @Test
    void callsTheFunctionWithItsClosureAndReturnValue() {
        List<Event> events = run("""
                runbook "p" {
                  let threshold = 3
                  fn ready(i) {
                    log "probing ${i}"
                    return i >= threshold
                  }
                  log "passed at ${probe.until(ready, 5)}"
                }
                """, 0);
        assertThat(logs(events)).containsExactly("probing 1", "probing 2", "probing 3", "passed at 3");
    }

    @Test
    void aFunctionOfTheWrongArityOrOneThatFailsFailsTheCall() {
        assertThat(run("""
                runbook "p" {
                  fn two(a, b) { return true }
                  probe.until(two, 1)
                }
                """, 1)).anyMatch(e -> e instanceof Event.RunFinished f && f.message().contains("function 'two' takes 2 arguments, but is called with 1"));
        assertThat(run("""
                runbook "p" {
                  fn bad(i) { fail "no answer from ${i}" }
                  probe.until(bad, 1)
                }
                """, 1)).anyMatch(e -> e instanceof Event.RunFinished f && f.message().contains("no answer from 1"));
    }
}
