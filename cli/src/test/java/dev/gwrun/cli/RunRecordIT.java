package dev.gwrun.cli;

import dev.gwrun.cli.faults.GwrunProcess;
import dev.gwrun.cli.faults.GwrunProcess.Outcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Resume and locks with the real bin/gwrun, as pipelines run it: a run killed with SIGKILL mid-step
 * and resumed, two processes contending for one lock, and a lock left behind by a killed holder.
 */
class RunRecordIT {

    @TempDir
    Path dir;

    private GwrunProcess start(String name, Map<String, String> env, String... args) throws IOException {
        return GwrunProcess.start(dir, name, env, args);
    }

    private Outcome gwrun(String name, Map<String, String> env, String... args) throws Exception {
        return start(name, env, args).finish(90);
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
        GwrunProcess first = start("first", Map.of(), "run", "deploy.gwrun");
        first.await("$ echo migrate", 30);
        Thread.sleep(300);
        assertThat(gwrun("live", Map.of(), "runs").out()).containsPattern("running +migrate\n");
        Outcome early = gwrun("early", Map.of(), "resume", "last");
        assertThat(early.exit()).isEqualTo(2);
        assertThat(early.err()).endsWith(" is still running (pid " + first.pid() + " on this host): wait for it to end, or stop it, before resuming\n");
        first.signal("KILL");  // no handler, no always, no RunFinished
        assertThat(first.finish(20).exit()).isEqualTo(137);

        Outcome runs = gwrun("runs", Map.of(), "runs");
        assertThat(runs.out().lines().toList()).hasSize(2);
        assertThat(runs.out().lines().toList().get(1)).endsWith("interrupted  migrate");
        Outcome show = gwrun("show", Map.of(), "show", "last");
        assertThat(show.out()).contains("outcome  interrupted (no end recorded: killed, or still running elsewhere)")
                .containsPattern("✓ build .*succeeded \\(bound artifact, replicas\\)")
                .contains("⋯ migrate");

        Outcome resumed = gwrun("resumed", Map.of("FAST", "1"), "resume", "last");
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
        GwrunProcess a = start("a", Map.of(), "run", "locked.gwrun", "-p", "who=a");
        a.await("inside", 30);
        GwrunProcess b = start("b", Map.of(), "run", "locked.gwrun", "-p", "who=b");
        Outcome pa = a.finish(90), pb = b.finish(90);
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
        GwrunProcess holder = start("holder", Map.of(), "run", "--lock", "staging", "hold.gwrun");
        holder.await("$ echo start", 30);
        Outcome busy = gwrun("busy", Map.of(), "run", "--lock", "staging", "quick.gwrun");
        assertThat(busy.exit()).as(busy.out() + busy.err()).isEqualTo(6);
        assertThat(busy.out()).containsPattern("error: lock staging is held by \\S+@\\S+ \\(pid " + holder.pid() + ", run \\S+\\) since \\S+\n")
                .contains("to wait for it instead of failing at once, add --lock-wait 10m");
        GwrunProcess waiter = start("waiter", Map.of(), "run", "--lock", "staging", "--lock-wait", "60s", "quick.gwrun");
        waiter.await("waiting for lock staging held by", 30);
        write("release", "");
        assertThat(holder.finish(90).exit()).isEqualTo(0);
        Outcome waited = waiter.finish(90);
        assertThat(waited.exit()).as(waited.out() + waited.err()).isEqualTo(0);
        assertThat(lines("trace.txt")).containsExactly("start", "end", "quick");
    }

    @Test
    void aLockLeftByAKilledHolderIsTakenOverOnceItsLeaseRunsOut() throws Exception {
        write("hold.gwrun", "runbook \"hold\" { step \"work\" { log \"holding\"\n sleep(60s) } }");
        write("next.gwrun", "runbook \"next\" { step \"work\" { sh(\"echo next >> trace.txt\") } }");
        // As if on another machine, so only the lease (not a process check) can tell that the holder is gone.
        GwrunProcess holder = start("holder", Map.of("HOSTNAME", "runner-elsewhere", "GWRUN_LOCK_LEASE", "2s"), "run", "--lock", "db", "hold.gwrun");
        holder.await("holding", 30);
        holder.signal("KILL");
        holder.finish(20);
        assertThat(dir.resolve(".gwrun/locks/db.lock")).as("the killed holder could not release it").exists();
        long start = System.nanoTime();
        Outcome next = gwrun("next", Map.of(), "run", "--lock", "db", "--lock-wait", "30s", "next.gwrun");
        assertThat(next.exit()).as(next.out() + next.err()).isEqualTo(0);
        assertThat(next.out()).contains("waiting for lock db held by ")
                .containsPattern("took over lock db from \\S+@runner-elsewhere \\(pid " + holder.pid() + ", run \\S+\\): its lease ran out at \\S+ \\(the holder crashed or was killed\\)");
        assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start)).isLessThan(25);
        assertThat(lines("trace.txt")).containsExactly("next");
    }
}
