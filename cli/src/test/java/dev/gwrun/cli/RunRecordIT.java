package dev.gwrun.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Resume and locks with the real bin/gwrun, as pipelines run it: a run killed with SIGKILL mid-step
 * and resumed, two processes contending for one lock, and a lock left behind by a killed holder.
 */
class RunRecordIT {
    static final Path GWRUN = GwrunProcessIT.GWRUN;

    @TempDir
    Path dir;

    record Proc(int exit, String out, String err) {}

    private Process start(String name, Map<String, String> env, String... args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(GWRUN.toString());
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile());
        pb.environment().putAll(env);
        pb.redirectOutput(dir.resolve(name + ".out").toFile()).redirectError(dir.resolve(name + ".err").toFile());
        return pb.start();
    }

    private Proc finish(String name, Process p) throws Exception {
        assertThat(p.waitFor(90, TimeUnit.SECONDS)).as(name + " finishes").isTrue();
        return new Proc(p.exitValue(), Files.readString(dir.resolve(name + ".out")), Files.readString(dir.resolve(name + ".err")));
    }

    private Proc gwrun(String name, Map<String, String> env, String... args) throws Exception {
        return finish(name, start(name, env, args));
    }

    private void awaitOutput(String name, String text) throws Exception {
        long deadline = System.currentTimeMillis() + 30_000;
        while (System.currentTimeMillis() < deadline) {
            if (Files.exists(dir.resolve(name + ".out")) && Files.readString(dir.resolve(name + ".out")).contains(text)) return;
            Thread.sleep(50);
        }
        throw new AssertionError(name + " never printed '" + text + "':\n" + Files.readString(dir.resolve(name + ".out")));
    }

    private void write(String name, String text) throws IOException {
        Files.writeString(dir.resolve(name), text);
    }

    private List<String> lines(String name) throws IOException {
        return Files.exists(dir.resolve(name)) ? Files.readAllLines(dir.resolve(name)) : List.of();
    }

    @Test
    void aRunKilledMidStepIsResumedAtThatStep() throws Exception {
        write("deploy.gwrun", """
                runbook "deploy" {
                  let artifact = ""
                  let replicas = 0
                  step "build" {
                    sh("echo build >> trace.txt")
                    artifact = "app-1.4.tar"
                    replicas = 3
                  }
                  step "migrate" {
                    sh("echo migrate >> trace.txt")
                    if env("FAST", default: "") != "1" { sleep(60s) }
                  }
                  step "ship" {
                    sh("echo ship ${artifact} x${replicas * 2} >> trace.txt")
                  }
                }
                """);
        Process first = start("first", Map.of(), "run", "deploy.gwrun");
        awaitOutput("first", "$ echo migrate");
        Thread.sleep(300);
        assertThat(gwrun("live", Map.of(), "runs").out()).containsPattern("running +migrate\n");
        Proc early = gwrun("early", Map.of(), "resume", "last");
        assertThat(early.exit()).isEqualTo(2);
        assertThat(early.err()).endsWith(" is still running (pid " + first.pid() + " on this host): wait for it to end, or stop it, before resuming\n");
        first.destroyForcibly();  // SIGKILL: no handler, no always, no RunFinished
        assertThat(first.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(first.exitValue()).isEqualTo(137);

        Proc runs = gwrun("runs", Map.of(), "runs");
        assertThat(runs.out().lines().toList()).hasSize(2);
        assertThat(runs.out().lines().toList().get(1)).endsWith("interrupted  migrate");
        Proc show = gwrun("show", Map.of(), "show", "last");
        assertThat(show.out()).contains("outcome  interrupted (no end recorded: killed, or still running elsewhere)")
                .containsPattern("✓ build .*succeeded \\(bound artifact, replicas\\)")
                .contains("⋯ migrate");

        Proc resumed = gwrun("resumed", Map.of("FAST", "1"), "resume", "last");
        assertThat(resumed.exit()).as(resumed.out() + resumed.err()).isEqualTo(0);
        assertThat(resumed.out()).startsWith("resuming run ").contains(" at step 'migrate' (skipping 1 step that succeeded)")
                .contains("– build: skipped (succeeded in run ");
        assertThat(lines("trace.txt")).containsExactly("build", "migrate", "migrate", "ship app-1.4.tar x6");
    }

    @Test
    void twoProcessesNeverHoldTheSameLockAtOnce() throws Exception {
        write("locked.gwrun", """
                runbook "locked" {
                  param who: string
                  for round in [1, 2, 3] {
                    step "deploy" {
                      lock "production-deploy" timeout 60s {
                        sh("echo enter ${who} >> trace.txt")
                        log "inside"
                        sleep(600ms)
                        sh("echo leave ${who} >> trace.txt")
                      }
                    }
                  }
                }
                """);
        Process a = start("a", Map.of(), "run", "locked.gwrun", "-p", "who=a");
        awaitOutput("a", "inside");
        Process b = start("b", Map.of(), "run", "locked.gwrun", "-p", "who=b");
        Proc pa = finish("a", a), pb = finish("b", b);
        assertThat(pa.exit()).as(pa.out() + pa.err()).isEqualTo(0);
        assertThat(pb.exit()).as(pb.out() + pb.err()).isEqualTo(0);
        assertThat(pa.out() + pb.out()).containsPattern("waiting for lock production-deploy held by \\S+@\\S+ \\(pid \\d+, run \\S+\\) since \\S+ \\(up to 1m\\)");
        List<String> trace = lines("trace.txt");
        assertThat(trace).hasSize(12);
        for (int i = 0; i < trace.size(); i += 2) {
            assertThat(trace.get(i)).as("line %d of %s", i, trace).startsWith("enter ");
            assertThat(trace.get(i + 1)).as("line %d of %s", i + 1, trace).isEqualTo("leave " + trace.get(i).substring("enter ".length()));
        }
        assertThat(Files.list(dir.resolve(".gwrun/locks")).toList()).as("released").isEmpty();
    }

    @Test
    void aRunLockHeldByAnotherRunExits6UnlessItWaits() throws Exception {
        write("hold.gwrun", """
                runbook "hold" {
                  step "work" {
                    sh("echo start >> trace.txt")
                    wait until sh("test -f release", check: false).exit == 0 every 100ms timeout 60s
                    sh("echo end >> trace.txt")
                  }
                }
                """);
        write("quick.gwrun", "runbook \"quick\" { step \"work\" { sh(\"echo quick >> trace.txt\") } }");
        Process holder = start("holder", Map.of(), "run", "--lock", "staging", "hold.gwrun");
        awaitOutput("holder", "$ echo start");
        Proc busy = gwrun("busy", Map.of(), "run", "--lock", "staging", "quick.gwrun");
        assertThat(busy.exit()).as(busy.out() + busy.err()).isEqualTo(6);
        assertThat(busy.out()).containsPattern("error: lock staging is held by \\S+@\\S+ \\(pid " + holder.pid() + ", run \\S+\\) since \\S+\n")
                .contains("to wait for it instead of failing at once, add --lock-wait 10m");
        Process waiter = start("waiter", Map.of(), "run", "--lock", "staging", "--lock-wait", "60s", "quick.gwrun");
        awaitOutput("waiter", "waiting for lock staging held by");
        write("release", "");
        assertThat(finish("holder", holder).exit()).isEqualTo(0);
        Proc waited = finish("waiter", waiter);
        assertThat(waited.exit()).as(waited.out() + waited.err()).isEqualTo(0);
        assertThat(lines("trace.txt")).containsExactly("start", "end", "quick");
    }

    @Test
    void aLockLeftByAKilledHolderIsTakenOverOnceItsLeaseRunsOut() throws Exception {
        write("hold.gwrun", "runbook \"hold\" { step \"work\" { log \"holding\"\n sleep(60s) } }");
        write("next.gwrun", "runbook \"next\" { step \"work\" { sh(\"echo next >> trace.txt\") } }");
        // As if on another machine, so only the lease (not a process check) can tell that the holder is gone.
        Process holder = start("holder", Map.of("HOSTNAME", "runner-elsewhere", "GWRUN_LOCK_LEASE", "2s"), "run", "--lock", "db", "hold.gwrun");
        awaitOutput("holder", "holding");
        holder.destroyForcibly();
        assertThat(holder.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(dir.resolve(".gwrun/locks/db.lock")).as("the killed holder could not release it").exists();
        long start = System.nanoTime();
        Proc next = gwrun("next", Map.of(), "run", "--lock", "db", "--lock-wait", "30s", "next.gwrun");
        assertThat(next.exit()).as(next.out() + next.err()).isEqualTo(0);
        assertThat(next.out()).contains("waiting for lock db held by ")
                .containsPattern("took over lock db from \\S+@runner-elsewhere \\(pid " + holder.pid() + ", run \\S+\\): its lease ran out at \\S+ \\(the holder crashed or was killed\\)");
        assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start)).isLessThan(25);
        assertThat(lines("trace.txt")).containsExactly("next");
    }
}
