package dev.gwrun.stdlib;

import org.junit.jupiter.api.function.Executable;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * The time limit of one fuzz input, shared by every {@code @FuzzTest} target (the cli module's through
 * this module's test-jar). Fuzzing ({@code -Pfuzz}, JAZZER_FUZZ set), libFuzzer's {@code -timeout=2}
 * reports an input that takes over 2 s as a finding, so the body runs as it is; replaying the seeds in
 * an ordinary test run, the body runs under a preemptive limit instead, looser ({@value #REPLAY_SECONDS}
 * s) because a replay's first input also pays for class loading on a shared, loaded machine. A hang
 * fails either way. (JUnit's {@code @Timeout} cannot do both: during fuzzing it would time the whole
 * fuzzing run.)
 */
public final class FuzzInput {
    static final int REPLAY_SECONDS = 10;
    private static final boolean FUZZING = System.getenv("JAZZER_FUZZ") != null && !System.getenv("JAZZER_FUZZ").isEmpty();

    private FuzzInput() {}

    /** Runs one input's checks, failing when it does not end in time. */
    public static void check(Executable body) throws Throwable {
        if (FUZZING) {
            body.execute();
        } else {
            assertTimeoutPreemptively(Duration.ofSeconds(REPLAY_SECONDS), body);
        }
    }
}
