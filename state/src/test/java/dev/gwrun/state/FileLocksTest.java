package dev.gwrun.state;

import dev.gwrun.engine.Locks;
import dev.gwrun.runtime.Cancellation;
import dev.gwrun.runtime.GwrunError;
import dev.gwrun.runtime.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Lock files on a real directory: exclusive, renewed while held, taken over once a holder stops renewing. */
class FileLocksTest {
    @TempDir
    Path dir;

    private FileLocks locks(String run, Duration lease) {
        return new FileLocks(dir, new Owner(Owner.hostName(), ProcessHandle.current().pid(), "tester", run), lease);
    }

    @Test
    void aHeldLockRefusesOthersNamingItsHolderAndIsFreeAfterRelease() {
        List<String> notices = new CopyOnWriteArrayList<>();
        Locks.Held held = locks("run-a", Duration.ofSeconds(30)).acquire("prod deploy", Duration.ZERO, notices::add, new Cancellation());
        Path file = dir.resolve(FileLocks.fileName("prod deploy"));
        assertThat(file).exists();
        assertThat(file.getFileName().toString()).matches("prod_deploy-[0-9a-f]{12}\\.lock");
        assertThatThrownBy(() -> locks("run-b", Duration.ofSeconds(30)).acquire("prod deploy", Duration.ZERO, notices::add, new Cancellation()))
                .isInstanceOf(GwrunError.class)
                .hasMessageMatching("lock prod deploy is held by tester@.+ \\(pid \\d+, run run-a\\) since \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ")
                .satisfies(e -> assertThat(((GwrunError) e).kind()).isEqualTo("lock"));
        long start = System.nanoTime();
        assertThatThrownBy(() -> locks("run-b", Duration.ofSeconds(30)).acquire("prod deploy", Duration.ofMillis(600), notices::add, new Cancellation()))
                .hasMessageEndingWith("; gave up after waiting 600ms");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(600));
        assertThat(notices).singleElement().asString().startsWith("waiting for lock prod deploy held by tester@").endsWith("(up to 600ms)");
        held.close();
        held.close();
        assertThat(file).doesNotExist();
        locks("run-b", Duration.ofSeconds(30)).acquire("prod deploy", Duration.ZERO, notices::add, new Cancellation()).close();
    }

    @Test
    void theLeaseIsRenewedWhileHeldSoTheLockDoesNotExpire() throws Exception {
        Locks.Held held = locks("run-a", Duration.ofMillis(600)).acquire("db", Duration.ZERO, n -> { }, new Cancellation());
        Instant first = FileLocks.read(dir.resolve("db.lock")).renewed();
        Thread.sleep(1500);
        FileLocks.Holder now = FileLocks.read(dir.resolve("db.lock"));
        assertThat(now.renewed()).isAfter(first);
        assertThat(now.leaseRanOut(Instant.now())).isFalse();
        assertThatThrownBy(() -> locks("run-b", Duration.ofMillis(600)).acquire("db", Duration.ZERO, n -> { }, new Cancellation()))
                .hasMessageContaining("is held by");
        held.close();
    }

    @Test
    void aLockWhoseLeaseRanOutIsTakenOverSayingSo() throws Exception {
        // A holder on another machine that stopped renewing two minutes ago (it crashed).
        Instant old = Instant.now().minusSeconds(120);
        Files.writeString(dir.resolve("db.lock"), Json.write(Map.of("name", "db", "token", "dead", "host", "ci-runner-9", "pid", 4121L,
                "user", "deploy", "run", "20261122T120000Z-dead", "acquired", old.toString(), "renewed", old.toString(), "lease_ms", 30000L)));
        List<String> notices = new CopyOnWriteArrayList<>();
        Locks.Held held = locks("run-b", Duration.ofSeconds(30)).acquire("db", Duration.ZERO, notices::add, new Cancellation());
        assertThat(notices).singleElement().asString()
                .startsWith("took over lock db from deploy@ci-runner-9 (pid 4121, run 20261122T120000Z-dead): its lease ran out at ")
                .endsWith("(the holder crashed or was killed)");
        assertThat(FileLocks.read(dir.resolve("db.lock")).owner().runId()).isEqualTo("run-b");
        held.close();
    }

    @Test
    void aLockHeldByALiveHolderElsewhereIsNotTakenOverBeforeItsLeaseRunsOut() throws Exception {
        Instant recent = Instant.now();
        Files.writeString(dir.resolve("db.lock"), Json.write(Map.of("name", "db", "token", "alive", "host", "ci-runner-9", "pid", 4121L,
                "user", "deploy", "run", "r9", "acquired", recent.toString(), "renewed", recent.toString(), "lease_ms", 30000L)));
        assertThatThrownBy(() -> locks("run-b", Duration.ofSeconds(30)).acquire("db", Duration.ZERO, n -> { }, new Cancellation()))
                .hasMessageStartingWith("lock db is held by deploy@ci-runner-9 (pid 4121, run r9) since ");
    }

    @Test
    void waitingEndsWhenTheRunIsInterrupted() {
        Locks.Held held = locks("run-a", Duration.ofSeconds(30)).acquire("db", Duration.ZERO, n -> { }, new Cancellation());
        Cancellation cancel = new Cancellation();
        new Thread(() -> {
            try {
                Thread.sleep(300);
            } catch (InterruptedException ignored) {
                // the test ends anyway
            }
            cancel.cancel(new GwrunError("interrupted", "interrupted"));
        }).start();
        assertThatThrownBy(() -> locks("run-b", Duration.ofSeconds(30)).acquire("db", Duration.ofMinutes(5), n -> { }, cancel))
                .hasMessage("interrupted");
        held.close();
    }
}
