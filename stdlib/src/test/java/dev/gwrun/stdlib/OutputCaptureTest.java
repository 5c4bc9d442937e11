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
        assertThat(c.text()).isEqualTo("abcd\n… [5 characters left out] …\njkl");
    }

    @Test
    void utf8CharactersSplitBetweenChunksAreJoined() {
        OutputCapture c = new OutputCapture(100, 100);
        byte[] text = "déjà vu — ✓".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        // One byte at a time: every multi-byte character arrives in pieces.
        for (byte b : text) c.appendUtf8(new byte[] {b});
        assertThat(c.text()).isEqualTo("déjà vu — ✓");
        OutputCapture cut = new OutputCapture(100, 100);
        cut.appendUtf8(new byte[] {'o', 'k', (byte) 0xE2, (byte) 0x9C});
        assertThat(cut.text()).isEqualTo("ok\uFFFD");
    }

    @Test
    void aWriteBiggerThanBothBoundsAtOnce() {
        OutputCapture c = new OutputCapture(2, 2);
        add(c, "0123456789");
        assertThat(c.text()).isEqualTo("01\n… [6 characters left out] …\n89");
    }
}
