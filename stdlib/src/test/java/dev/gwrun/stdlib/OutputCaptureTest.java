package dev.gwrun.stdlib;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class OutputCaptureTest {
    private static void add(OutputCapture c, String text) {
        c.append(text.toCharArray(), 0, text.length());
    }

    @Test
    void keepsEverythingWithinTheBound() {
        OutputCapture c = new OutputCapture(4, 4);
        add(c, "abc");
        add(c, "defgh");
        assertThat(c.text()).isEqualTo("abcdefgh");
        assertThat(c.cut()).isZero();
    }

    @Test
    void keepsTheBeginningAndTheEndAndSaysHowMuchWasCut() {
        OutputCapture c = new OutputCapture(4, 3);
        add(c, "abcd");
        add(c, "efghij");
        add(c, "kl");
        assertThat(c.cut()).isEqualTo(5);
        assertThat(c.text()).isEqualTo("abcd\n… [5 characters of output not kept here; every line is in the run's log] …\njkl");
    }

    @Test
    void aWriteBiggerThanBothBoundsAtOnce() {
        OutputCapture c = new OutputCapture(2, 2);
        add(c, "0123456789");
        assertThat(c.text()).isEqualTo("01\n… [6 characters of output not kept here; every line is in the run's log] …\n89");
    }
}
