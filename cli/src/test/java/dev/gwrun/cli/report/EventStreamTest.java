package dev.gwrun.cli.report;

import dev.gwrun.runtime.Json;
import dev.gwrun.stdlib.LoopbackServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** --events: every line one JSON object, the documented fields per type, and events in the order things happened. */
class EventStreamTest {
    @TempDir
    Path dir;

    /** The fields docs/events.md promises for each type, beyond type, time, path and line. */
    static final Map<String, Set<String>> FIELDS = Map.ofEntries(
            Map.entry("run_started", Set.of("schema", "runbook", "file", "params")),
            Map.entry("step_started", Set.of("name", "depth", "file")),
            Map.entry("step_retried", Set.of("attempt", "attempts", "message", "backoff_ms")),
            Map.entry("step_succeeded", Set.of("name", "depth", "file", "elapsed_ms", "message", "kind", "location")),
            Map.entry("step_failed", Set.of("name", "depth", "file", "elapsed_ms", "message", "kind", "location")),
            Map.entry("step_skipped", Set.of("name", "depth", "file", "elapsed_ms", "message", "kind", "location")),
            Map.entry("step_recovered", Set.of("name", "depth", "file", "elapsed_ms", "message", "kind", "location")),
            Map.entry("step_values", Set.of("key", "once", "values", "reused_from")),
            Map.entry("log", Set.of("stream", "text")),
            Map.entry("wait_started", Set.of("condition", "every_ms", "timeout_ms")),
            Map.entry("wait_attempt", Set.of("attempt", "elapsed_ms", "last")),
            Map.entry("wait_finished", Set.of("satisfied", "attempts", "elapsed_ms")),
            Map.entry("handler_started", Set.of("handler")),
            Map.entry("handler_finished", Set.of("handler", "ok", "recovered", "message")),
            Map.entry("guard_refused", Set.of("message", "location")),
            Map.entry("run_finished", Set.of("outcome", "exit_code", "elapsed_ms", "message", "failed_step", "location")));

    static final Set<String> COMMON = Set.of("type", "time", "path", "line");

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> parse(Path file) throws IOException {
        List<Map<String, Object>> events = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            Object v = Json.parse(line);
            assertThat(v).as(line).isInstanceOf(Map.class);
            events.add((Map<String, Object>) v);
        }
        return events;
    }

    /** Checks the common fields and that each type has exactly its documented fields. */
    static void checkSchema(List<Map<String, Object>> events) {
        for (Map<String, Object> e : events) {
            String type = (String) e.get("type");
            assertThat(FIELDS).as("documented type %s", type).containsKey(type);
            Set<String> expected = new java.util.HashSet<>(COMMON);
            expected.addAll(FIELDS.get(type));
            assertThat(e.keySet()).as(type).containsExactlyInAnyOrderElementsOf(expected);
            String time = (String) e.get("time");
            assertThat(time).as("UTC ISO-8601").endsWith("Z");
            Instant.parse(time);
            assertThat(e.get("path")).isInstanceOf(String.class);
            assertThat(e.get("line")).satisfiesAnyOf(l -> assertThat(l).isNull(), l -> assertThat((Long) l).isPositive());
        }
        for (int i = 1; i < events.size(); i++) {
            assertThat(Instant.parse((String) events.get(i).get("time")))
                    .as("times never go backwards").isAfterOrEqualTo(Instant.parse((String) events.get(i - 1).get("time")));
        }
    }

    @Test
    void aRunWithRetryWaitParallelAndHandlersStreamsItsEventsInOrder() throws IOException {
        try (LoopbackServer server = LoopbackServer.start().healthyAfter("/health", 3)) {
            Path events = dir.resolve("events.jsonl");
            Gwrun.Result r = Gwrun.runbook(dir, "order.gwrun", """
                    runbook "order" {
                      param version: string = "v1"
                      let tries = 0
                      step "flaky" retry 3 backoff 10ms {
                        tries = tries + 1
                        guard tries >= 2 else "not ready (try ${tries})"
                      }
                      step "health" {
                        wait until http.get("%s").status == 200 every 20ms timeout 10s
                      }
                      parallel {
                        step "api" { sleep(300ms) }
                        step "worker" { sleep(300ms) }
                      }
                      step "skipped" when version == "v0" { log "no" }
                      step "outer" {
                        step "inner" { fail "broken" }
                      } on failure { recover }
                      always { log "cleanup" }
                    }
                    """.formatted(server.url("/health")), "--events", events.toString());
            assertThat(r.exit()).as(r.all()).isZero();

            List<Map<String, Object>> ev = parse(events);
            checkSchema(ev);
            List<String> seq = new ArrayList<>();
            for (Map<String, Object> e : ev) seq.add(e.get("type") + (((String) e.get("path")).isEmpty() ? "" : " " + e.get("path")));

            assertThat(ev.get(0)).containsEntry("type", "run_started").containsEntry("runbook", "order")
                    .containsEntry("params", Map.of("version", "v1")).containsEntry("schema", 1L);
            assertThat(ev.get(ev.size() - 1)).containsEntry("type", "run_finished").containsEntry("outcome", "succeeded").containsEntry("exit_code", 0L);

            assertThat(seq).containsSubsequence("step_started flaky", "step_retried flaky", "step_succeeded flaky",
                    "step_started health", "wait_started health", "wait_attempt health", "wait_attempt health", "wait_finished health", "step_succeeded health",
                    "step_skipped skipped",
                    "step_started outer", "step_started outer › inner", "step_failed outer › inner", "handler_started outer",
                    "handler_finished outer", "step_recovered outer", "handler_started", "log", "handler_finished", "run_finished");
            // The parallel steps overlap: both start before either finishes.
            int lastStart = Math.max(seq.indexOf("step_started api"), seq.indexOf("step_started worker"));
            int firstEnd = Math.min(seq.indexOf("step_succeeded api"), seq.indexOf("step_succeeded worker"));
            assertThat(lastStart).isPositive().isLessThan(firstEnd);

            Map<String, Object> retried = find(ev, "step_retried", "flaky");
            assertThat(retried).containsEntry("attempt", 2L).containsEntry("attempts", 3L).containsEntry("message", "not ready (try 1)")
                    .containsEntry("backoff_ms", 10L).containsEntry("line", 6L);
            Map<String, Object> inner = find(ev, "step_failed", "outer › inner");
            assertThat(inner).containsEntry("kind", "fail").containsEntry("message", "broken").containsEntry("depth", 2L)
                    .containsEntry("line", 17L).containsEntry("location", dir.resolve("order.gwrun") + ":17:20");
            assertThat(find(ev, "wait_attempt", "health")).containsEntry("line", 9L);
            assertThat(find(ev, "handler_finished", "outer")).containsEntry("recovered", true).containsEntry("ok", true);
            assertThat(find(ev, "step_skipped", "skipped")).containsEntry("message", "when version == \"v0\" is false");
        }
    }

    @Test
    void aFailedRunEndsWithItsErrorAndLocation() throws IOException {
        Path events = dir.resolve("e.jsonl");
        Gwrun.Result r = Gwrun.runbook(dir, "fails.gwrun", """
                runbook "fails" {
                  step "deploy" {
                    log "deploying"
                    fail "no capacity"
                  }
                }
                """, "--events", events.toString());
        assertThat(r.exit()).isEqualTo(1);
        List<Map<String, Object>> ev = parse(events);
        checkSchema(ev);
        assertThat(ev.get(ev.size() - 1)).containsEntry("type", "run_finished").containsEntry("outcome", "failed")
                .containsEntry("exit_code", 1L).containsEntry("message", "no capacity").containsEntry("failed_step", "deploy")
                .containsEntry("line", 4L).containsEntry("location", dir.resolve("fails.gwrun") + ":4:5");
        assertThat(find(ev, "log", "deploy")).containsEntry("stream", "log").containsEntry("text", "deploying").containsEntry("line", 3L);
    }

    @Test
    void guardRefusalsAreEvents() throws IOException {
        Path events = dir.resolve("e.jsonl");
        Gwrun.Result r = Gwrun.runbook(dir, "g.gwrun", """
                runbook "g" {
                  guard 1 == 2 else "not today"
                  step "a" { log "x" }
                }
                """, "--events", events.toString());
        assertThat(r.exit()).isEqualTo(4);
        List<Map<String, Object>> ev = parse(events);
        checkSchema(ev);
        assertThat(find(ev, "guard_refused", "")).containsEntry("message", "not today").containsEntry("line", 2L);
        assertThat(ev.get(ev.size() - 1)).containsEntry("outcome", "refused").containsEntry("exit_code", 4L);
    }

    @Test
    void eventsToStandardOutputMoveTheTerminalViewToStandardError() throws IOException {
        Gwrun.Result r = Gwrun.runbook(dir, "ok.gwrun", "runbook \"ok\" { step \"a\" { log \"hello\" } }", "--events", "-");
        assertThat(r.exit()).isZero();
        for (String line : r.out().split("\n")) assertThat(Json.parse(line)).isInstanceOf(Map.class);
        assertThat(r.out()).contains("\"type\":\"log\"", "\"text\":\"hello\"");
        assertThat(r.err()).contains("● a", "hello", "run succeeded");
    }

    static Map<String, Object> find(List<Map<String, Object>> events, String type, String path) {
        return events.stream().filter(e -> type.equals(e.get("type")) && path.equals(e.get("path"))).findFirst()
                .orElseThrow(() -> new AssertionError("no " + type + " event for '" + path + "' in " + events));
    }
}
