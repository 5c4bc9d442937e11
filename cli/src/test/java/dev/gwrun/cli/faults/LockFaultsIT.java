package dev.gwrun.cli.faults;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** A lock holder killed with SIGKILL: its lock stays taken until its lease runs out, and not a moment less. */
class LockFaultsIT {
    @TempDir
    Path dir;

    @Test
    void aKilledHoldersLockIsTakenOverOnlyOnceItsLeaseHasRunOut() throws Exception {
        Files.writeString(dir.resolve("hold.gwrun"), "runbook \"hold\" { step \"work\" { log \"holding\"\n sleep(5m) } }");
        Files.writeString(dir.resolve("next.gwrun"), "runbook \"next\" { step \"work\" { sh(\"date -u +%s.%N > acquired.txt\") } }");
        // As if on another machine, so only the lease (not a check of its pid) can tell that the holder is gone.
        GwrunProcess holder = GwrunProcess.start(dir, "holder", Map.of("HOSTNAME", "runner-elsewhere", "GWRUN_LOCK_LEASE", "8s"),
                "run", "--lock", "deploy", "hold.gwrun");
        holder.await("holding", 60);
        holder.signal("KILL");
        assertThat(holder.finish(30).exit()).isEqualTo(137);
        String lock = Files.readString(dir.resolve(".gwrun/locks/deploy.lock"));
        Matcher renewed = Pattern.compile("\"renewed\"\\s*:\\s*\"([^\"]+)\"").matcher(lock);
        assertThat(renewed.find()).as(lock).isTrue();
        Instant expires = Instant.parse(renewed.group(1)).plus(Duration.ofSeconds(8));

        GwrunProcess.Outcome next = GwrunProcess.run(dir, "next", Map.of(), "run", "--lock", "deploy", "--lock-wait", "60s", "next.gwrun");
        assertThat(next.exit()).as(next.all()).isZero();
        assertThat(next.out()).contains("waiting for lock deploy held by ", "took over lock deploy from ", "@runner-elsewhere", "its lease ran out at ");
        BigDecimal seconds = new BigDecimal(Files.readString(dir.resolve("acquired.txt")).strip());
        Instant acquired = Instant.ofEpochSecond(seconds.longValue(), seconds.remainder(BigDecimal.ONE).movePointRight(9).longValue());
        assertThat(acquired).as("the lock was taken over at or after its lease ran out at " + expires).isAfterOrEqualTo(expires);
        assertThat(Duration.between(expires, acquired)).as("and promptly after").isLessThan(Duration.ofSeconds(20));
    }
}
