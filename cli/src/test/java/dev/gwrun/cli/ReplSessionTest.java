package dev.gwrun.cli;

import dev.gwrun.host.Effect;
import dev.gwrun.host.HostFunction;
import dev.gwrun.host.HostModule;
import dev.gwrun.host.ParamSpec;
import dev.gwrun.host.Registry;
import dev.gwrun.host.Signature;
import dev.gwrun.host.Type;
import dev.gwrun.stdlib.StandardLibrary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The repl's session features through a real JLine terminal: Ctrl-C, history, completion, timeline, :save. */
class ReplSessionTest {
    private static final Duration T = Duration.ofSeconds(15);

    @TempDir
    Path dir;

    private ReplDriver repl(Registry registry, Map<String, String> env) throws Exception {
        ReplDriver d = new ReplDriver(dir, registry, env, null, false, Map.of());
        d.await("gwrun> ");
        return d;
    }

    private ReplDriver repl() throws Exception {
        return repl(StandardLibrary.registry(), Map.of());
    }

    @Test
    void ctrlCStopsAWaitWithinASecondAndTheSessionGoesOn() throws Exception {
        try (ReplDriver r = repl()) {
            r.line("let n = 7");
            int m = r.mark();
            r.line("wait until false every 100ms timeout 10m");
            r.await("waiting until false", m, T);
            Thread.sleep(300);
            long pressed = System.nanoTime();
            r.type("\u0003");
            r.await("interrupted", m, T);
            r.awaitPrompt();
            long tookMs = (System.nanoTime() - pressed) / 1_000_000;
            assertThat(tookMs).as("Ctrl-C to prompt").isLessThan(1000);
            r.enter("n + 1", "8\n", T);
            // Ctrl-C while typing drops the line; the session stays.
            m = r.mark();
            r.type("let half = ");
            r.await("let half = ", m, T);
            r.dropLine();
            r.line("n * 3");
            r.await("21\n", m, T);
            assertThat(r.quit()).isEqualTo(0);
        }
    }

    @Test
    void historyPersistsAcrossSessionsWithoutSecrets() throws Exception {
        String secret = "s3cr3t-token-4242";
        Map<String, String> env = Map.of("API_TOKEN", secret);
        try (ReplDriver r = repl(StandardLibrary.registry(), env)) {
            r.line("let token = secret(\"API_TOKEN\")");
            r.enter("\"Bearer " + secret + "\".len()", "24\n", T);
            r.enter("token", "***\n", T);
            r.line("let region = \"eu-west-1\"");
            assertThat(r.quit()).isEqualTo(0);
        }
        String history = Files.readString(dir.resolve("home").resolve("history"));
        assertThat(history).contains("let token = secret(\"API_TOKEN\")", "let region = \"eu-west-1\"").doesNotContain(secret);
        // A second session sees the first one's history: Up recalls the last line.
        try (ReplDriver r = repl(StandardLibrary.registry(), env)) {
            int m = r.mark();
            r.type("\u001bOA");
            r.await("let region = \"eu-west-1\"", m, T);
            r.type("\r");
            r.enter("region", "eu-west-1\n", T);
            assertThat(r.quit()).isEqualTo(0);
        }
    }

    @Test
    void tabCompletesModuleFunctionsVariablesAndParameters() throws Exception {
        try (ReplDriver r = repl()) {
            r.line("let deployment_target = \"api\"");
            String s = r.tab("http.", "http.", "http.post(", T);
            assertThat(s).contains("http.get(url: string", "http.delete(", "http.head(");
            r.dropLine();
            int m = r.mark();
            r.tab("deploy", "deploy", "deployment_target", T);
            r.type("\r");
            r.await("api\n", m, T);
            s = r.tab("http.get(", "http.get(", "timeout: duration?", T);
            assertThat(s).contains("url: string", "headers: map?", "the URL, starting with http:// or https://");
            r.type("\u0003");
            assertThat(r.quit()).isEqualTo(0);
        }
    }

    /** A module of this test that offers live values for an argument, as docker does for container names. */
    static final class FleetModule implements HostModule {
        @Override public String name() { return "fleet"; }

        @Override public String doc() { return "A test fleet."; }

        @Override
        public List<HostFunction> functions() {
            return List.of(HostFunction.of(new Signature("fleet.restart",
                    List.of(ParamSpec.required("name", Type.STRING, "the service"), ParamSpec.optional("config_path", Type.STRING, "a config file")),
                    Type.STRING, Effect.CHANGE, "Restarts a service."), (args, ctx) -> "restarted " + args.string("name")));
        }

        @Override
        public List<String> candidates(String function, String param, String prefix) {
            if (!function.equals("fleet.restart") || !param.equals("name")) return List.of();
            return Stream.of("api-blue", "api-green", "worker").filter(n -> n.startsWith(prefix)).toList();
        }
    }

    @Test
    void aModuleOffersLiveValuesAndPathArgumentsCompleteFiles() throws Exception {
        List<HostModule> modules = new ArrayList<>(StandardLibrary.modules());
        modules.add(new FleetModule());
        Files.writeString(dir.resolve("fleet-config.yaml"), "x: 1\n");
        try (ReplDriver r = repl(new Registry(modules), Map.of())) {
            String s = r.tab("fleet.restart(\"api-", "restart(\"api-", "api-green", T);
            assertThat(s).contains("api-blue").doesNotContain("worker");
            r.dropLine();
            int m = r.mark();
            r.tab("fleet.restart(name: \"w", "name: \"w", "worker", T);
            r.type("\")\r");
            r.await("restarted worker", m, T);
            String prefix = dir.resolve("fleet-c").toString();
            r.tab("fleet.restart(\"x\", config_path: \"" + prefix, "fleet-c", "fleet-config.yaml", T);
            r.type("\u0003");
            assertThat(r.quit()).isEqualTo(0);
        }
    }

    @Test
    void theTimelineHasEveryInputAsItHappensEvenIfTheSessionNeverEnds() throws Exception {
        ReplDriver r = repl(StandardLibrary.registry(), Map.of("DB_PASSWORD", "hunter2-very-secret"));
        r.line("let pw = secret(\"DB_PASSWORD\")");
        r.enter("\"pw is ${pw}\"", "pw is ***", T);
        r.line(":note paged the DBA; pw hunter2-very-secret rotated");
        r.enter("wait until false every 1s timeout 10m", "waiting until false", T);
        // The session is abandoned mid-wait, never closed: what is on disk must already tell the story.
        Path file;
        try (Stream<Path> files = Files.list(dir.resolve("incidents"))) {
            file = files.findFirst().orElseThrow();
        }
        assertThat(file.getFileName().toString()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d-\\d\\d-\\d\\dZ\\.md");
        String t = Files.readString(file);
        assertThat(t).startsWith("# Incident timeline ");
        assertThat(t).containsPattern("## \\d\\d:\\d\\d:\\d\\dZ\n\n```gwrun\nlet pw = secret\\(\"DB_PASSWORD\"\\)\n```\n\n✔ ok after \\d+ms");
        assertThat(t).contains("pw is ***", "— note\n\n> paged the DBA; pw *** rotated");
        assertThat(t).endsWith("```gwrun\nwait until false every 1s timeout 10m\n```\n");
        assertThat(t).doesNotContain("hunter2");
        r.type("\u0003");
        r.close();
        assertThat(Files.readString(file)).contains("⏹ interrupted after");
    }

    @Test
    void aSecretParamGivenToLoadIsMaskedOnScreenAndInTheTimeline() throws Exception {
        Path file = dir.resolve("deploy.gwrun");
        Files.writeString(file, "runbook \"deploy\" {\n  param token: secret\n  step \"call\" { sh(\"echo calling with ${token}\") }\n}\n");
        ReplDriver r = repl();
        r.enter(":load " + file + " -p token=tok-77aa88bb99", "loaded 'deploy'", T);
        assertThat(r.enter(":run", "all steps done", T)).contains("calling with ***");
        assertThat(r.quit()).isEqualTo(0);
        // The terminal echoes what was typed; everything gwrun printed after it is masked.
        String shown = r.screen().substring(r.screen().indexOf("loaded 'deploy'"));
        assertThat(shown).contains("params: token = ***").doesNotContain("tok-77aa88bb99");
        String t;
        try (Stream<Path> files = Files.list(dir.resolve("incidents"))) {
            t = Files.readString(files.findFirst().orElseThrow());
        }
        assertThat(t).contains(":load " + file + " -p token=***").doesNotContain("tok-77aa88bb99");
    }

    @Test
    void saveWritesARunbookThatChecksAndRunsAgain() throws Exception {
        Path out = dir.resolve("incident.gwrun");
        Path loaded = dir.resolve("base.gwrun");
        Files.writeString(loaded, "runbook \"base\" {\n  param service: string = \"api\"\n  step \"noop\" { log \"base\" }\n}\n");
        try (ReplDriver r = repl()) {
            r.line(":load " + loaded);
            r.await("loaded 'base'");
            r.line("let replicas = 3");
            r.line("step \"scale ${service}\" {");
            r.line("  log \"scaling ${service} to ${replicas}\"");
            r.line("}");
            r.await("scaling api to 3");
            r.line("replicas + 1");
            r.line("missing_name");
            r.enter(":save " + out, "saved " + out, T);
            assertThat(r.quit()).isEqualTo(0);
        }
        String saved = Files.readString(out);
        assertThat(saved).contains("param service: string = \"api\"", "let replicas = 3", "step \"scale ${service}\" {")
                .doesNotContain("missing_name", "replicas + 1");
        GoldenTest.Result check = GoldenTest.run(new String[] {"check", out.toString()});
        assertThat(check.exit()).as(check.err()).isEqualTo(0);
        GoldenTest.Result run = GoldenTest.run(new String[] {"run", out.toString(), "-p", "service=worker"});
        assertThat(run.exit()).as(run.out() + run.err()).isEqualTo(0);
        assertThat(run.out()).contains("scaling worker to 3");
        try (Stream<Path> temps = Files.list(dir)) {
            assertThat(temps.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
        }
    }
}
