package dev.gwrun.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A wait whose condition runs a command prints it once, not once per attempt: the terminal shows the
 * last attempt's output only when the wait gives up, while --events keeps every attempt's lines.
 */
class WaitOutputTest {

    private static int countOf(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) n++;
        return n;
    }

    private static String run(Path dir, String body, Path events) throws Exception {
        Path file = dir.resolve("w.gwrun");
        Files.writeString(file, "runbook \"w\" {\n  step \"wait\" {\n    " + body + "\n  }\n}\n");
        StringWriter out = new StringWriter();
        Main.execute(new String[] {"run", file.toString(), "--state", dir.resolve("state").toString(), "--events", events.toString()},
                new PrintWriter(out, true), new PrintWriter(new StringWriter(), true));
        return out.toString();
    }

    @Test
    void aSucceedingWaitShowsNoAttemptOutput(@TempDir Path dir) throws Exception {
        Path events = dir.resolve("events.jsonl");
        Path counter = dir.resolve("count");
        // Fails three times, then succeeds; every attempt prints a line.
        String out = run(dir, "wait until sh(\"n=$(cat " + counter + " 2>/dev/null || echo 0); echo $((n+1)) > " + counter
                + "; echo attempt-output; test $n -ge 3\", check: false).ok every 50ms timeout 20s", events);
        assertThat(out).contains("✓ condition met after 4 attempts").doesNotContain("\n  attempt-output").doesNotContain("\n  $ n=");
        assertThat(countOf(Files.readString(events), "\"attempt-output\"")).isEqualTo(4);
    }

    @Test
    void aWaitThatGivesUpShowsWhatItsLastAttemptPrinted(@TempDir Path dir) throws Exception {
        Path events = dir.resolve("events.jsonl");
        String out = run(dir, "wait until sh(\"echo probing; false\", check: false).ok every 100ms timeout 1s", events);
        assertThat(out).contains("the last attempt printed:\n  $ echo probing; false\n  probing\n  ✗ gave up after ");
        assertThat(countOf(out, "$ echo probing; false")).isEqualTo(1);
        assertThat(countOf(Files.readString(events), "\"probing\"")).isGreaterThan(3);
    }
}
