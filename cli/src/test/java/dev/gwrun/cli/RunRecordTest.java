package dev.gwrun.cli;

import dev.gwrun.engine.Locks;
import dev.gwrun.runtime.Cancellation;
import dev.gwrun.runtime.Json;
import dev.gwrun.state.FileStateStore;
import dev.gwrun.state.Owner;
import dev.gwrun.stdlib.LoopbackServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Run records, `runs`, `show`, `resume`, `once` and locks, through the real command line (in
 * process) against a real HTTP server on loopback and the real /bin/sh. Side effects (requests the
 * server counts, lines appended to files) show which steps really ran.
 */
class RunRecordTest {
    private static final Pattern RUN_ID = Pattern.compile("\\b(\\d{8}T\\d{6}Z-[0-9a-f]{4})\\b");

    @TempDir
    Path dir;

    private Path state() { return dir.resolve("state"); }

    private Path write(String name, String text) throws IOException {
        Path f = dir.resolve(name);
        Files.writeString(f, text);
        return f;
    }

    private GoldenTest.Result gwrun(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--state");
        all.add(state().toString());
        return GoldenTest.run(all.toArray(new String[0]));
    }

    private static String runId(GoldenTest.Result r) {
        Matcher m = RUN_ID.matcher(r.out() + r.err());
        assertThat(m.find()).as("a run id in:\n" + r.out() + r.err()).isTrue();
        return m.group(1);
    }

    private List<String> lines(String file) throws IOException {
        Path p = dir.resolve(file);
        return Files.exists(p) ? Files.readAllLines(p) : List.of();
    }

    @Test
    void resumeSkipsTheStepsThatSucceededAndRestoresWhatTheyBound() throws IOException {
        try (LoopbackServer server = LoopbackServer.start().json("/backup", 201, "{\"dump\": \"d-42.sql\", \"bytes\": 1024}")) {
            Path go = dir.resolve("go");
            Path file = write("deploy.gwrun", """
                    runbook "deploy" {
                      param version: string
                      let dump = ""
                      let size = 0
                      let ratio = 0.0
                      let fresh = false
                      let grace = 0s
                      let hosts = []
                      let meta = {}
                      let resp = null
                      step "backup" {
                        resp = http.post("%s", json: {version: version})
                        dump = resp.json.dump
                        size = resp.json.bytes
                        ratio = 0.25
                        fresh = true
                        grace = 1m30s
                        hosts = ["a", "b"]
                        meta = {"$odd": 1, nested: {wait: 5s, list: [1, 2.5, null]}}
                      }
                      step "migrate" {
                        sh("test -f %s")
                        log "dump=${dump} size=${size + 1} ratio=${ratio * 2} fresh=${not fresh} grace=${grace + 30s} hosts=${hosts} meta=${meta} status=${resp.status}"
                      }
                    }
                    """.formatted(server.url("/backup"), go));
            GoldenTest.Result failed = gwrun("run", file.toString(), "-p", "version=1.4");
            assertThat(failed.exit()).as(failed.out()).isEqualTo(1);
            String id = runId(failed);
            assertThat(failed.out()).contains("continue it with: gwrun resume " + id);
            assertThat(server.requestCount("/backup")).isEqualTo(1);

            Files.writeString(go, "");
            GoldenTest.Result resumed = gwrun("resume", id);
            assertThat(resumed.exit()).as(resumed.out() + resumed.err()).isEqualTo(0);
            assertThat(resumed.out())
                    .startsWith("resuming run " + id + " at step 'migrate' (skipping 1 step that succeeded)\n")
                    .contains("params: version=1.4")
                    .contains("– backup: skipped (succeeded in run " + id + ")")
                    .contains("restored 'resp' (HTTP response) as a map of its fields")
                    .contains("dump=d-42.sql size=1025 ratio=0.5 fresh=false grace=2m hosts=[\"a\", \"b\"] "
                            + "meta={\"$odd\": 1, \"nested\": {\"wait\": 5s, \"list\": [1, 2.5, null]}} status=201");
            assertThat(server.requestCount("/backup")).as("the backup is not taken again").isEqualTo(1);

            GoldenTest.Result show = gwrun("show", "last");
            assertThat(show.out()).contains("(resumes run " + id + ")").contains("✓ migrate").contains("– backup");
        }
    }

    @Test
    void stepsInForLoopsAreResumedByIteration() throws IOException {
        Path file = write("loop.gwrun", """
                runbook "loop" {
                  for region in ["eu", "us", "ap"] {
                    step "deploy" {
                      sh("echo ${region} >> %1$s/trace.txt")
                      if region == "us" { sh("test -f %1$s/ok") }
                    }
                  }
                }
                """.formatted(dir));
        GoldenTest.Result failed = gwrun("run", file.toString());
        assertThat(failed.exit()).isEqualTo(1);
        String id = runId(failed);
        Files.writeString(dir.resolve("ok"), "");
        GoldenTest.Result resumed = gwrun("resume", id);
        assertThat(resumed.exit()).as(resumed.out() + resumed.err()).isEqualTo(0);
        assertThat(resumed.out()).contains("(skipping 1 step that succeeded)").contains("– deploy: skipped (succeeded in run " + id + ")");
        assertThat(lines("trace.txt")).containsExactly("eu", "us", "us", "ap");
        GoldenTest.Result show = gwrun("show", "last");
        assertThat(show.out()).containsPattern("– deploy +0\\.0s +skipped: succeeded in run " + id)
                .containsPattern("✓ deploy .*\n  ✓ deploy ");
    }

    @Test
    void resumeRefusesAChangedRunbookUnlessForced() throws IOException {
        Path file = write("r.gwrun", """
                runbook "r" {
                  step "a" { sh("echo a >> %1$s/trace.txt") }
                  step "b" { fail "broken" }
                }
                """.formatted(dir));
        String id = runId(gwrun("run", file.toString()));
        Files.writeString(file, Files.readString(file).replace("fail \"broken\"", "log \"fixed\""));
        GoldenTest.Result refused = gwrun("resume", id);
        assertThat(refused.exit()).isEqualTo(2);
        assertThat(refused.err()).startsWith("gwrun: " + file + " changed since run " + id + " (sha256 ")
                .contains("resume with --force");
        GoldenTest.Result forced = gwrun("resume", id, "--force");
        assertThat(forced.exit()).as(forced.out()).isEqualTo(0);
        assertThat(forced.out()).contains("fixed");
        assertThat(lines("trace.txt")).containsExactly("a");
        GoldenTest.Result again = gwrun("resume", "last");
        assertThat(again.exit()).isEqualTo(2);
        assertThat(again.err()).contains("succeeded: there is nothing to resume");
    }

    @Test
    void aOnceStepNeverRunsAgainForTheSameRunbookAndParams() throws IOException {
        Path file = write("once.gwrun", """
                runbook "once" {
                  param env: string
                  let snapshot = ""
                  step "deploy" retry 2 backoff 10ms {
                    step "snapshot" once {
                      sh("echo snapshot ${env} >> %1$s/trace.txt")
                      snapshot = "snap-${env}"
                    }
                    sh("echo deploy ${env} with ${snapshot} >> %1$s/trace.txt")
                    sh("test -f %1$s/ok-${env}")
                  }
                }
                """.formatted(dir));
        GoldenTest.Result first = gwrun("run", file.toString(), "-p", "env=prod");
        assertThat(first.exit()).isEqualTo(1);
        assertThat(first.out()).contains("– snapshot: skipped (once: already succeeded earlier in this run)");
        Files.writeString(dir.resolve("ok-prod"), "");
        GoldenTest.Result fresh = gwrun("run", file.toString(), "-p", "env=prod");
        assertThat(fresh.exit()).isEqualTo(0);
        assertThat(fresh.out()).contains("– snapshot: skipped (once: succeeded in run " + runId(first) + ")");
        Files.writeString(dir.resolve("ok-staging"), "");
        assertThat(gwrun("run", file.toString(), "-p", "env=staging").exit()).isEqualTo(0);
        assertThat(lines("trace.txt")).containsExactly(
                "snapshot prod", "deploy prod with snap-prod", "deploy prod with snap-prod",
                "deploy prod with snap-prod",
                "snapshot staging", "deploy staging with snap-staging");
    }

    @Test
    void aStepThatBoundASecretCannotBeSkipped() throws IOException {
        Path file = write("s.gwrun", """
                runbook "s" {
                  let token = ""
                  step "login" { token = "Bearer ${secret("DEPLOY_TOKEN")}" }
                  step "deploy" { fail "down" }
                }
                """);
        Path env = write("s.env", "DEPLOY_TOKEN=hunter2-very-secret\n");
        GoldenTest.Result failed = gwrun("run", file.toString(), "--env-file", env.toString());
        assertThat(failed.exit()).isEqualTo(1);
        String id = runId(failed);
        assertThat(Files.readString(state().resolve("runs").resolve(id).resolve("events.jsonl")))
                .contains("\"token\":{\"$secret\":true}").doesNotContain("hunter2");
        GoldenTest.Result refused = gwrun("resume", id);
        assertThat(refused.exit()).isEqualTo(2);
        assertThat(refused.err()).isEqualTo("gwrun: cannot resume run " + id + ": step 'login' bound 'token' to a value holding a secret "
                + "(secrets are never stored), so the step cannot be skipped; start a new run with 'gwrun run'\n");
    }

    @Test
    void aSecretParamIsNeverStoredAndResumeTakesItAgainWithP() throws IOException {
        Path file = write("p.gwrun", """
                runbook "p" {
                  param token: secret
                  param region: string = "eu"
                  step "login" { sh("echo login with ${token} in ${region}") }
                  step "deploy" {
                    guard env("DEPLOY_OPEN", default: "no") == "yes" else "the deploy window is closed"
                    sh("echo deploy with ${token}")
                  }
                }
                """);
        GoldenTest.Result failed = gwrun("run", file.toString(), "-p", "token=tok-5c1e7a9d", "-p", "region=us");
        assertThat(failed.exit()).isEqualTo(1);
        assertThat(failed.out() + failed.err()).contains("params: token=***, region=us", "login with *** in us").doesNotContain("tok-5c1e7a9d");
        String id = runId(failed);
        try (var files = Files.walk(state())) {
            for (Path f : files.filter(Files::isRegularFile).toList()) assertThat(Files.readString(f)).as(f.toString()).doesNotContain("tok-5c1e7a9d");
        }

        GoldenTest.Result without = gwrun("resume", id);
        assertThat(without.exit()).isEqualTo(2);
        assertThat(without.err()).isEqualTo("gwrun: cannot resume run " + id + ": param 'token' held a secret, and secrets are never stored; "
                + "give it again with -p token=…\n");
        GoldenTest.Result notSecret = gwrun("resume", id, "-p", "token=tok-5c1e7a9d", "-p", "region=eu");
        assertThat(notSecret.exit()).isEqualTo(2);
        assertThat(notSecret.err()).isEqualTo("gwrun: -p region: resume keeps the params of run " + id
                + "; -p gives only those that held a secret (token)\n");

        GoldenTest.Result resumed = gwrun("resume", id, "-p", "token=tok-5c1e7a9d", "--env-file", write("open.env", "DEPLOY_OPEN=yes\n").toString());
        assertThat(resumed.exit()).as(resumed.out() + resumed.err()).isZero();
        assertThat(resumed.out()).contains("– login: skipped", "deploy with ***").doesNotContain("tok-5c1e7a9d");
    }

    @Test
    void runsAndShowListWhatHappened() throws IOException {
        Path ok = write("ok.gwrun", "runbook \"ok\" { step \"a\" { log \"fine\" } }");
        Path bad = write("bad.gwrun", "runbook \"bad\" {\n  step \"build\" { log \"x\" }\n  step \"ship\" {\n    fail \"registry down\"\n  }\n}\n");
        assertThat(gwrun("runs").out()).isEqualTo("no runs recorded yet\n");
        gwrun("run", ok.toString());
        String id = runId(gwrun("run", bad.toString()));
        GoldenTest.Result runs = gwrun("runs");
        List<String> table = runs.out().lines().toList();
        assertThat(table).hasSize(3);
        assertThat(table.get(0)).matches("RUN +RUNBOOK +STARTED +OUTCOME +FAILED STEP");
        assertThat(table.get(1)).startsWith(id).contains(bad.toString()).endsWith("failed     ship");
        assertThat(table.get(2)).contains(ok.toString()).endsWith("succeeded");

        Object json = Json.parse(gwrun("runs", "--json").out());
        assertThat(json).asList().hasSize(2);
        Map<?, ?> newest = (Map<?, ?>) ((List<?>) json).get(0);
        assertThat(newest.get("id")).isEqualTo(id);
        assertThat(newest.get("outcome")).isEqualTo("failed");
        assertThat(newest.get("failed_step")).isEqualTo("ship");
        assertThat(Instant.parse((String) newest.get("started"))).isBefore(Instant.now());

        String other = table.get(2).substring(0, id.length());
        int unique = 1;
        while (other.startsWith(id.substring(0, unique))) unique++;
        GoldenTest.Result show = gwrun("show", id.substring(0, unique));
        assertThat(show.exit()).isEqualTo(0);
        assertThat(show.out()).startsWith("run " + id + "\n")
                .contains("  runbook  " + bad)
                .contains("  outcome  failed after ")
                .containsPattern("✓ build +\\d+\\.\\ds +succeeded")
                .containsPattern("✖ ship +\\d+\\.\\ds +failed: registry down")
                .contains("failure\n  in step 'ship' at " + bad + ":4:5: registry down\ncontinue it with: gwrun resume " + id);
        GoldenTest.Result missing = gwrun("show", "19990101T000000Z-0000");
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.err()).isEqualTo("gwrun: no run '19990101T000000Z-0000' in " + state() + " (see 'gwrun runs')\n");
    }

    @Test
    void aLockStatementFailsWithExit6NamingTheHolderAndRunLocksAreReentered() throws IOException {
        Path file = write("l.gwrun", """
                runbook "l" {
                  step "deploy" {
                    lock "prod" {
                      lock "prod" { sh("echo nested >> %1$s/trace.txt") }
                    }
                  }
                  parallel {
                    step "a" { lock "db" timeout 20s { sh("echo enter a >> %1$s/trace.txt; sleep 0.3; echo leave a >> %1$s/trace.txt") } }
                    step "b" { lock "db" timeout 20s { sh("echo enter b >> %1$s/trace.txt; sleep 0.3; echo leave b >> %1$s/trace.txt") } }
                  }
                }
                """.formatted(dir));
        Owner other = new Owner("ci-runner-3", 999_999, "deploy", "20261122T120000Z-beef");
        Locks.Held held = new FileStateStore(state()).locks(other).acquire("prod", Duration.ZERO, n -> { }, new Cancellation());
        try {
            GoldenTest.Result busy = gwrun("run", file.toString());
            assertThat(busy.exit()).as(busy.out()).isEqualTo(6);
            assertThat(busy.out()).containsPattern("✖ deploy \\(\\d+\\.\\ds\\): lock prod is held by deploy@ci-runner-3 \\(pid 999999, run 20261122T120000Z-beef\\) since \\S+Z\n");
            assertThat(lines("trace.txt")).isEmpty();
        } finally {
            held.close();
        }
        GoldenTest.Result ok = gwrun("run", "--lock", "prod", file.toString());
        assertThat(ok.exit()).as(ok.out()).isEqualTo(0);
        List<String> trace = lines("trace.txt");
        assertThat(trace).hasSize(5).first().isEqualTo("nested");
        // The parallel steps of one run exclude each other: one leaves before the other enters.
        assertThat(String.join(",", trace.subList(1, 5))).isIn("enter a,leave a,enter b,leave b", "enter b,leave b,enter a,leave a");
        assertThat(state().resolve("locks")).isEmptyDirectory();
    }

    @Test
    void aRunWhoseParamsAreRefusedLeavesNoRecord() throws IOException {
        Path file = write("p.gwrun", "runbook \"p\" { param n: int\n step \"a\" { log \"x\" } }");
        assertThat(gwrun("run", file.toString(), "-p", "n=many").exit()).isEqualTo(2);
        assertThat(gwrun("runs").out()).isEqualTo("no runs recorded yet\n");
    }
}
