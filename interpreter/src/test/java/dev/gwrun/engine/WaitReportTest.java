package dev.gwrun.engine;

import dev.gwrun.ast.Runbook;
import dev.gwrun.host.Effect;
import dev.gwrun.host.HostFunction;
import dev.gwrun.host.HostModule;
import dev.gwrun.host.ParamSpec;
import dev.gwrun.host.Registry;
import dev.gwrun.host.Signature;
import dev.gwrun.host.Type;
import dev.gwrun.parse.ParseResult;
import dev.gwrun.parse.Parsing;
import dev.gwrun.source.SourceFile;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** A wait that times out says what its condition last saw, also when a host function's answer is a bare false. */
class WaitReportTest {
    private final AtomicInteger polls = new AtomicInteger();

    private Registry registry() {
        HostFunction ready = HostFunction.of(new Signature("svc.ready", List.of(ParamSpec.required("name", Type.STRING, "the service")),
                Type.BOOL, Effect.READ, "Whether the service is ready."), (args, ctx) -> {
            int n = polls.incrementAndGet();
            if (n % 2 == 0) ctx.describeResult("'" + args.string("name") + "' is warming up (" + n + " polls)");
            return false;
        });
        return new Registry(List.of(new HostModule() {
            @Override public String name() { return "svc"; }

            @Override public String doc() { return "a test service"; }

            @Override public List<HostFunction> functions() { return List.of(ready); }
        }));
    }

    private List<Event> run(String source) {
        ParseResult<Runbook> parsed = Parsing.parseRunbook(SourceFile.of("w.gwrun", source));
        assertThat(parsed.ok()).as(parsed.diagnostics().toString()).isTrue();
        List<Event> events = new ArrayList<>();
        RunOptions o = new RunOptions();
        o.sink = events::add;
        RunResult r = new RunEngine(registry()).run(parsed.ast(), o);
        assertThat(r.exitCode()).isEqualTo(1);
        return events;
    }

    @Test
    void aDescribedFalseIsShownWithWhatItStandsForAndAnUndescribedOneAsFalse() {
        List<Event> events = run("""
                runbook "w" {
                  step "wait" { wait until svc.ready("api") every 10ms timeout 200ms }
                }
                """);
        List<String> attempts = events.stream().filter(e -> e instanceof Event.WaitAttempt).map(e -> ((Event.WaitAttempt) e).last()).toList();
        assertThat(attempts).startsWith("false", "false ('api' is warming up (2 polls))", "false");
        Event.RunFinished end = (Event.RunFinished) events.get(events.size() - 1);
        assertThat(end.message()).startsWith("timed out after 200ms waiting until svc.ready(\"api\") (")
                .containsPattern("attempts?; last: false( \\('api' is warming up \\(\\d+ polls\\)\\))?\\)$");
    }
}
