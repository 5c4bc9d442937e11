package dev.gwrun.cli.report;

import dev.gwrun.runtime.Json;
import dev.gwrun.stdlib.LoopbackServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * notify.* in a real run, through the real command line, against a loopback receiver: what the
 * receiver got (secrets masked in the message itself), the warning of a notification not delivered,
 * check: true failing the step, and the webhook URL (read with env(), not even declared secret)
 * absent from every output: terminal, events, JUnit, reports, the run record, `show` and `plan`.
 */
class NotifyOutputsTest {
    private static final String TOKEN = "T0AAA/B0BBB/xoxbHookToken77";
    private static final String API_TOKEN = "tok-3f9\"q<k>";

    @TempDir Path dir;

    @Test
    void notificationsAreSentMaskedAndTheWebhookUrlAppearsInNoOutput() throws IOException {
        try (LoopbackServer server = LoopbackServer.start()) {
            String path = "/services/" + TOKEN;
            server.route(path, (r, n) -> LoopbackServer.Reply.text(200, "ok"));
            server.route(path + "-gone", (r, n) -> LoopbackServer.Reply.text(404, "no_service"));
            server.route(path + "/broken", (r, n) -> LoopbackServer.Reply.text(500, "oops"));
            Path env = Gwrun.envFile(dir, "HOOK_URL=" + server.url(path), "API_TOKEN=" + API_TOKEN);
            Path events = dir.resolve("out/events.jsonl"), junit = dir.resolve("out/junit.xml"),
                    md = dir.resolve("out/report.md"), html = dir.resolve("out/report.html"), state = dir.resolve("state");
            String source = """
                    runbook "notify-all" {
                      param version: string = "v2"
                      let hook = env("HOOK_URL")
                      let token = secret("API_TOKEN")

                      step "announce" {
                        let r = notify.slack(hook, "deploying ${version} with ${token}", blocks: [{"type": "section", "text": {"type": "mrkdwn", "text": "token ${token}"}}])
                        log "announced: ${r.sent} (HTTP ${r.status})"
                      }
                      step "gone" {
                        let r = notify.webhook("${hook}-gone", {"version": version, "token": token}, attempts: 1)
                        log "gone: ${r.sent}, ${r.error}"
                      }
                      step "checked" {
                        notify.slack("${hook}/broken", "checked ${version}", check: true, attempts: 2, backoff: 10ms)
                      }
                    }
                    """;
            Gwrun.Result r = Gwrun.runbook(dir, "notify.gwrun", source, "--env-file", env.toString(),
                    "--events", events.toString(), "--junit", junit.toString(), "--report", md.toString(),
                    "--report", html.toString(), "--state", state.toString());
            assertThat(r.exit()).as(r.all()).isEqualTo(1);

            // What the receiver got: the text and blocks with the secret masked.
            List<LoopbackServer.Request> announced = server.requests(path);
            assertThat(announced).hasSize(1);
            assertThat(Json.parse(announced.get(0).body())).isEqualTo(Map.of("text", "deploying v2 with ***",
                    "blocks", List.of(Map.of("type", "section", "text", Map.of("type", "mrkdwn", "text", "token ***")))));
            assertThat(Json.parse(server.requests(path + "-gone").get(0).body())).isEqualTo(Map.of("version", "v2", "token", "***"));
            assertThat(server.requestCount(path + "/broken")).isEqualTo(2);

            // The run went on after the 404 (a warning) and failed at check: true.
            assertThat(r.out()).contains("announced: true (HTTP 200)", "gone: false, the webhook answered HTTP 404",
                    "⚠ notify.webhook: not delivered: the webhook answered HTTP 404",
                    "notify.slack: not delivered: the webhook answered HTTP 500 (2 attempts)");
            String stream = Files.readString(events);
            assertThat(stream).contains("\"stream\":\"warning\",\"text\":\"notify.webhook: not delivered: the webhook answered HTTP 404\"");

            Map<String, String> outputs = new LinkedHashMap<>();
            outputs.put("stdout", r.out());
            outputs.put("stderr", r.err());
            for (Path p : new Path[]{events, junit, md, html}) outputs.put(p.getFileName().toString(), Files.readString(p));
            try (Stream<Path> files = Files.walk(state)) {
                for (Path p : files.filter(Files::isRegularFile).toList()) outputs.put("record " + state.relativize(p), Files.readString(p));
            }
            Gwrun.Result show = Gwrun.run("show", "last", "--state", state.toString());
            assertThat(show.exit()).isZero();
            outputs.put("show", show.all());
            Gwrun.Result showJson = Gwrun.run("show", "last", "--json", "--state", state.toString());
            outputs.put("show --json", showJson.all());
            // --probe reads env("HOOK_URL"): the plan knows the URL, and masks it as the credential it is.
            for (String format : new String[]{"text", "json", "markdown"}) {
                Gwrun.Result plan = Gwrun.run("plan", dir.resolve("notify.gwrun").toString(), "--env-file", env.toString(), "--probe", "--format", format);
                assertThat(plan.exit()).as(plan.all()).isZero();
                assertThat(plan.out()).contains("notify.slack", "***");
                outputs.put("plan " + format, plan.all());
            }
            assertThat(outputs.keySet()).anyMatch(k -> k.startsWith("record "));
            outputs.forEach((name, text) -> {
                assertThat(text).as(name + " must not show the webhook URL").doesNotContain(TOKEN).doesNotContain("xoxbHookToken77");
                assertThat(text).as(name + " must not show the API token").doesNotContain("tok-3f9");
            });
            // The outputs were written, masked: the test does not pass because nothing was.
            assertThat(outputs.get("report.md")).contains("notify.slack: not delivered");
            assertThat(outputs.get("junit.xml")).contains("notify.slack: not delivered");
        }
    }

    @Test
    void aNotificationNotDeliveredIsAGitHubWarningAndTheRunSucceeds() throws IOException {
        try (LoopbackServer server = LoopbackServer.start()) {
            server.route("/hook", (r, n) -> LoopbackServer.Reply.text(503, "busy"));
            Path env = Gwrun.envFile(dir, "GITHUB_ACTIONS=true", "HOOK_URL=" + server.url("/hook"));
            Gwrun.Result r = Gwrun.runbook(dir, "gh.gwrun", """
                    runbook "gh" {
                      step "tell" {
                        notify.webhook(env("HOOK_URL"), {"status": "ok"}, attempts: 2, backoff: 10ms)
                      }
                    }
                    """, "--env-file", env.toString());

            assertThat(r.exit()).as(r.all()).isZero();
            assertThat(r.out()).contains("::warning title=step 'tell'::notify.webhook: not delivered: the webhook answered HTTP 503 (2 attempts)");
            assertThat(server.requestCount("/hook")).isEqualTo(2);
        }
    }
}
