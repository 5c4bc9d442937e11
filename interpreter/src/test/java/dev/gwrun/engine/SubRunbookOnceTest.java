package dev.gwrun.engine;

import dev.gwrun.ast.Runbook;
import dev.gwrun.check.Checker;
import dev.gwrun.host.Registry;
import dev.gwrun.parse.ParseResult;
import dev.gwrun.parse.Parsing;
import dev.gwrun.source.SourceFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A run parses, checks and resolves a sub-runbook once, however many times it runs it: a loop of runs
 * holds one tree of it, and the run's Resolution grows by one runbook's names, not by one per iteration.
 * A file edited between two runs of it is read anew, and what the old text left behind keeps working.
 */
class SubRunbookOnceTest {
    private static final Registry REGISTRY = new Registry(List.of());
    private static final String SUB = """
            runbook "sub" {
              param n: int = 0
              param out: map = {}
              fn twice(x) { return x * 2 }
              out["twice"] = twice
              log "VERSION ${twice(n)}"
            }
            """;

    @TempDir Path dir;

    /** Runs main.gwrun in a session of its own and returns the session, to read what the run kept. */
    private Session run(String main, EventSink sink) {
        write("main.gwrun", main);
        ParseResult<Runbook> parsed;
        try {
            parsed = Parsing.parseRunbook(SourceFile.read(dir.resolve("main.gwrun")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertThat(parsed.ok()).as(parsed.diagnostics().toString()).isTrue();
        assertThat(new Checker(REGISTRY).check(parsed.ast()).stream().filter(d -> d.isError()).toList()).isEmpty();
        RunOptions o = new RunOptions();
        o.sink = sink;
        Session session = new Session(REGISTRY, o.masker, o.sink, o.env, o.prompter, false, o.control.root, o.clock);
        RunResult r = new RunEngine(REGISTRY).run(parsed.ast(), o, session);
        assertThat(r.exitCode()).as(String.valueOf(r.error())).isZero();
        return session;
    }

    private void write(String name, String text) {
        try {
            Files.writeString(dir.resolve(name), text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String loop(String over) {
        return """
                runbook "main" {
                  for i in %s {
                    run "sub.gwrun" with {n: i}
                  }
                }
                """.formatted(over);
    }

    private static List<String> logs(List<Event> events) {
        return events.stream().filter(e -> e instanceof Event.Log).map(e -> ((Event.Log) e).text()).toList();
    }

    /** Collects the events; once the first run of sub.gwrun has finished, and before the next starts, sub.gwrun becomes {@code edited}. */
    private EventSink editedAfterTheFirstRun(List<Event> events, String edited) {
        return e -> {
            if (e instanceof Event.StepFinished f && f.name().equals("sub") && logs(events).size() == 1) write("sub.gwrun", edited);
            events.add(e);
        };
    }

    @Test
    void aLoopOfRunsKeepsWhatOneRunKeeps() {
        write("sub.gwrun", SUB.replace("VERSION", "v1"));
        List<Event> once = new ArrayList<>();
        int afterOne = run(loop("[1]"), once::add).resolution.size();
        List<Event> many = new ArrayList<>();
        int afterFifty = run(loop(IntStream.rangeClosed(1, 50).boxed().toList().toString()), many::add).resolution.size();

        assertThat(logs(once)).containsExactly("v1 2");
        assertThat(logs(many)).hasSize(50).startsWith("v1 2", "v1 4").endsWith("v1 100");
        assertThat(afterOne).isPositive();
        assertThat(afterFifty).isEqualTo(afterOne);
    }

    @Test
    void aSubRunbookEditedBetweenRunsIsReadAnew() {
        write("sub.gwrun", SUB.replace("VERSION", "v1"));
        List<Event> events = new ArrayList<>();
        run(loop("[1, 2, 3]"), editedAfterTheFirstRun(events, SUB.replace("VERSION", "v2")));
        assertThat(logs(events)).containsExactly("v1 2", "v2 4", "v2 6");
    }

    @Test
    void aFunctionTheOldTextLeftBehindStillRuns() {
        write("sub.gwrun", SUB.replace("VERSION", "v1"));
        List<Event> events = new ArrayList<>();
        run("""
                runbook "main" {
                  let first = {}
                  let second = {}
                  run "sub.gwrun" with {n: 1, out: first}
                  run "sub.gwrun" with {n: 1, out: second}
                  let f = first["twice"]
                  let g = second["twice"]
                  log "old ${f(5)} new ${g(5)}"
                }
                """, editedAfterTheFirstRun(events, SUB.replace("VERSION", "v2").replace("x * 2", "x * 3")));
        assertThat(logs(events)).containsExactly("v1 2", "v2 3", "old 10 new 15");
    }
}
