package dev.gwrun.cli;

import dev.gwrun.stdlib.StandardLibrary;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The secret sweep: one run per output gwrun has, each with four kinds of secret in play — a param
 * declared {@code secret}, a {@code secret()} value, the password of a URL given as a plain param,
 * and a secret passed to a sub-runbook whose param is a plain string — used in logs, commands and
 * their output, error messages, failure handlers, {@code always}, bound values and a failing HTTP call.
 * After each run, every file gwrun wrote under the test directory and everything it printed is read,
 * and none may hold any of the values (GitHub's {@code ::add-mask::} registration aside, which exists
 * to tell the runner to hide them). Each run also checks that its output did get the lines, masked,
 * so the sweep cannot pass on an empty file.
 */
class SecretSweepTest {
    static final String TOKEN = "swpTokenA1b2";
    static final String KEY = "swpKeyC3d4";
    static final String URL_PASSWORD = "swpUrlPwE5f6";
    static final String HOOK_PASSWORD = "swpHookPwG7h8";
    static final List<String> SECRETS = List.of(TOKEN, KEY, URL_PASSWORD, HOOK_PASSWORD);

    @TempDir
    Path dir;
    Path state;
    Path env;
    String db;
    String hook;
    /** The files the test itself writes: the only ones allowed to hold a value. */
    final Set<Path> inputs = new java.util.HashSet<>();

    @BeforeEach
    void runbooks() throws IOException {
        state = dir.resolve("state");
        db = "postgresql://app:" + URL_PASSWORD + "@127.0.0.1:5432/app";
        hook = "http://deployer:" + HOOK_PASSWORD + "@127.0.0.1:" + closedPort() + "/hook";
        input("child.gwrun", """
                runbook "child" {
                  param given: string
                  param also: string
                  param url: string
                  step "child step" {
                    log "child got ${given} ${also} ${url}"
                    sh("echo child out ${given} ${also} ${url}")
                    fail "child refuses ${given} ${also} ${url}"
                  } on failure {
                    log "child handler: ${error.message}"
                    recover
                  }
                }
                """);
        input("sweep.gwrun", """
                runbook "sweep" {
                  param token: secret
                  param db: string
                  param hook: string
                  let key = secret("API_KEY")
                  let conn = ""
                  step "use them" {
                    log "token ${token} key ${key} db ${db}"
                    sh("echo out ${token} ${key} ${db}; echo err ${key} ${db} >&2")
                    log "password alone: ${db.split("@")[0].split(":")[2]}"
                    conn = db
                  }
                  run "child.gwrun" with {given: token, also: key, url: db}
                  step "call" retry 2 backoff 10ms {
                    http.get(hook, headers: {"Authorization": "Bearer ${key}"}, timeout: 2s)
                  } on failure {
                    log "handler: ${error.message} ${conn}"
                  }
                  always { log "always ${token} ${key} ${db} ${hook}" }
                }
                """);
        env = input("sweep.env", "API_KEY=" + KEY + "\n");
    }

    private Path input(String name, String text) throws IOException {
        Path f = dir.resolve(name);
        Files.writeString(f, text);
        inputs.add(f);
        return f;
    }

    private static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private List<String> params() {
        return List.of("-p", "token=" + TOKEN, "-p", "db=" + db, "-p", "hook=" + hook);
    }

    /** {@code gwrun run sweep.gwrun} with the params, the env file, the state store and {@code extra}. */
    private GoldenTest.Result run(String... extra) {
        List<String> args = new ArrayList<>(List.of("run", dir.resolve("sweep.gwrun").toString()));
        args.addAll(params());
        args.addAll(List.of("--env-file", env.toString(), "--state", state.toString()));
        args.addAll(List.of(extra));
        GoldenTest.Result r = GoldenTest.run(args.toArray(new String[0]));
        assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(1);
        return r;
    }

    /**
     * Fails on any value in what was printed or in any file under the test directory but the inputs;
     * returns everything read, joined, for the checks that the masked lines are there.
     */
    private String sweep(String what, GoldenTest.Result r) throws IOException {
        Map<String, String> outputs = new LinkedHashMap<>();
        outputs.put(what + ": stdout", r.out().lines().filter(l -> !l.startsWith("::add-mask::")).collect(Collectors.joining("\n")));
        outputs.put(what + ": stderr", r.err());
        outputs.putAll(writtenFiles());
        outputs.forEach((name, text) -> {
            for (String secret : SECRETS) assertThat(text).as(name + " holds " + secret).doesNotContain(secret);
            assertThat(text).as(name).doesNotContainIgnoringCase("swp");
        });
        return String.join("\n", outputs.values());
    }

    private Map<String, String> writtenFiles() throws IOException {
        Map<String, String> files = new LinkedHashMap<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.filter(Files::isRegularFile).filter(p -> !inputs.contains(p)).sorted().toList()) {
                files.put(dir.relativize(p).toString(), new String(Files.readAllBytes(p), StandardCharsets.UTF_8));
            }
        }
        return files;
    }

    @Test
    void theTerminal() throws IOException {
        GoldenTest.Result r = run();
        sweep("terminal", r);
        assertThat(r.out()).contains("params: token=***, db=postgresql://app:***@127.0.0.1:5432/app, hook=http://deployer:***@127.0.0.1:",
                "token *** key *** db postgresql://app:***@127.0.0.1:5432/app", "out *** *** postgresql://app:***@", "err *** postgresql://app:***@",
                "password alone: ***", "child got *** *** postgresql://app:***@", "child out *** ***", "child handler: child refuses *** ***",
                "handler: ", "always *** *** postgresql://app:***@127.0.0.1:5432/app http://deployer:***@127.0.0.1:");
    }

    @Test
    void theEventStreamToAFileAndToStandardOutput() throws IOException {
        String all = sweep("events file", run("--events", dir.resolve("events.jsonl").toString()));
        assertThat(Files.readString(dir.resolve("events.jsonl"))).contains("\"token\":\"***\"", "child got *** ***", "always *** ***");
        GoldenTest.Result stdout = run("--events", "-");
        sweep("events -", stdout);
        assertThat(stdout.out()).contains("\"token\":\"***\"", "password alone: ***");
        assertThat(all).contains("handler: ");
    }

    @Test
    void junitMarkdownAndHtmlReports() throws IOException {
        Path junit = dir.resolve("out/junit.xml"), md = dir.resolve("out/report.md"), html = dir.resolve("out/report.html");
        sweep("reports", run("--junit", junit.toString(), "--report", md.toString(), "--report", html.toString()));
        assertThat(Files.readString(junit)).contains("param.token\" value=\"***\"", "app:***@");
        assertThat(Files.readString(md)).contains("token=***", "app:***@");
        assertThat(Files.readString(html)).contains("app:***@");
    }

    @Test
    void gitHubWorkflowCommandsAndTheJobSummary() throws IOException {
        Path summary = dir.resolve("summary.md");
        Files.writeString(env, "API_KEY=" + KEY + "\nGITHUB_ACTIONS=true\nGITHUB_WORKSPACE=" + dir + "\nGITHUB_STEP_SUMMARY=" + summary + "\n");
        GoldenTest.Result r = run();
        sweep("github", r);
        assertThat(r.out()).contains("::group::", "::error ", "::add-mask::" + TOKEN, "::add-mask::" + KEY);
        assertThat(Files.readString(summary)).contains("token=***");
    }

    @Test
    void theRunRecordAndTheCommandsThatReadIt() throws IOException {
        sweep("run", run());
        String record;
        try (Stream<Path> runs = Files.list(state.resolve("runs"))) {
            Path one = runs.findFirst().orElseThrow();
            record = Files.readString(one.resolve("run.json")) + Files.readString(one.resolve("events.jsonl"));
        }
        assertThat(record).as("the params and the value 'use them' bound are recorded, masked").contains("app:***@", "\"conn\":{\"$secret\":true}");
        for (String[] cmd : new String[][]{{"runs"}, {"runs", "--json"}, {"show", "last"}, {"show", "last", "--json"}}) {
            List<String> args = new ArrayList<>(List.of(cmd));
            args.addAll(List.of("--state", state.toString()));
            GoldenTest.Result r = GoldenTest.run(args.toArray(new String[0]));
            assertThat(r.exit()).as(String.join(" ", cmd) + ": " + r.out() + r.err()).isZero();
            sweep(String.join(" ", cmd), r);
        }
        assertThat(GoldenTest.run("show", "last", "--state", state.toString()).out()).contains("app:***@");
        // A step bound a value holding a URL password, which is never stored, so resume refuses to skip it: in words, with nothing of it.
        GoldenTest.Result resumed = GoldenTest.run("resume", "last", "--state", state.toString(), "-p", "token=" + TOKEN, "-p", "db=" + db,
                "-p", "hook=" + hook);
        assertThat(resumed.exit()).as(resumed.out() + resumed.err()).isEqualTo(2);
        assertThat(resumed.err()).contains("bound 'conn' to a value holding a secret");
        sweep("resume", resumed);
    }

    @Test
    void thePlanInEveryFormat() throws IOException {
        for (String format : List.of("text", "markdown", "json")) {
            for (boolean probe : List.of(false, true)) {
                List<String> args = new ArrayList<>(List.of("plan", dir.resolve("sweep.gwrun").toString()));
                args.addAll(params());
                args.addAll(List.of("--env-file", env.toString(), "--format", format));
                if (probe) args.add("--probe");
                GoldenTest.Result r = GoldenTest.run(args.toArray(new String[0]));
                assertThat(r.exit()).as(args + ": " + r.out() + r.err()).isZero();
                String shown = sweep("plan " + format + (probe ? " --probe" : ""), r);
                assertThat(shown).contains("***", "app:***@");
            }
        }
    }

    @Test
    void theReplScreenAndItsTimeline() throws Exception {
        try (ReplDriver r = new ReplDriver(dir, StandardLibrary.registry(), Map.of("API_KEY", KEY), null, false, Map.of())) {
            r.await("gwrun> ");
            int m = r.mark();
            r.line(":load " + dir.resolve("sweep.gwrun") + " " + String.join(" ", params()));
            r.await("loaded 'sweep'", m, Duration.ofSeconds(20));
            int shownFrom = m;
            r.line(":run");
            r.await("call", m, Duration.ofSeconds(30));
            r.awaitPrompt();
            m = r.mark();
            r.line("db");
            r.await("app:***@", m, Duration.ofSeconds(10));
            r.awaitPrompt();
            r.line("key");
            r.awaitPrompt();
            r.line("\"by hand: ${token} ${key}\"");
            r.await("by hand: *** ***", m, Duration.ofSeconds(10));
            assertThat(r.quit()).isZero();
            // The terminal echoes what was typed (the :load line holds the values as typed); everything gwrun printed is masked.
            String screen = r.screen();
            String printed = screen.substring(screen.indexOf("loaded 'sweep'", shownFrom));
            for (String secret : SECRETS) assertThat(printed).as("the repl screen holds " + secret).doesNotContain(secret);
            assertThat(printed).contains("child got *** ***", "handler: ");
        }
        String all = sweep("repl", new GoldenTest.Result(0, "", ""));
        assertThat(all).contains(":load ", "token=***");
    }

    @Test
    void inputRefusedBeforeAnyRun() throws IOException {
        input("typed.gwrun", "runbook \"typed\" {\n  param replicas: int\n  step \"a\" { log \"${replicas}\" }\n}\n");
        for (String cmd : List.of("run", "plan")) {
            GoldenTest.Result r = GoldenTest.run(cmd, dir.resolve("typed.gwrun").toString(), "-p", "replicas=" + db);
            assertThat(r.exit()).as(r.err()).isEqualTo(2);
            assertThat(sweep(cmd + " with a bad -p", r)).contains("expected a whole number, got 'postgresql://app:***@127.0.0.1:5432/app'");
        }
        Path bad = input("bad.env", "HOOK=\"" + hook + "\nAPI_KEY=" + KEY + "\n");
        GoldenTest.Result r = GoldenTest.run("run", dir.resolve("typed.gwrun").toString(), "-p", "replicas=2", "--env-file", bad.toString(),
                "--state", state.toString());
        assertThat(r.exit()).as(r.err()).isEqualTo(2);
        assertThat(sweep("a malformed env file", r)).contains("bad.env:1:6: error: unterminated quoted value for HOOK", "deployer:***@");
    }
}
