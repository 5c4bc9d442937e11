package dev.gwrun.stdlib;

/**
 * The text of one output stream of a command, kept within a bound: the first {@code head} and the
 * last {@code tail} characters, with a marker saying how much was cut between them. A command that
 * prints gigabytes (a log dump, a binary) cannot take the run's memory, and both what it started
 * with and how it ended (where errors are) stay in the result. Every line was shown in the log as
 * it arrived, so nothing is lost from the run record.
 */
final class OutputCapture {
    /** Per stream: 4 MiB of the beginning and 4 MiB of the end (in characters). */
    static final int HEAD = 4 << 20;
    static final int TAIL = 4 << 20;

    private final int headMax;
    private final StringBuilder head = new StringBuilder();
    private final char[] ring;
    private int ringStart;
    private int ringLength;
    private long cut;

    OutputCapture() {
        this(HEAD, TAIL);
    }

    OutputCapture(int headMax, int tailMax) {
        this.headMax = headMax;
        this.ring = new char[tailMax];
    }

    synchronized void append(char[] buffer, int offset, int length) {
        int n = Math.min(length, headMax - head.length());
        if (n > 0) {
            head.append(buffer, offset, n);
            offset += n;
            length -= n;
        }
        for (int i = 0; i < length; i++) {
            if (ringLength < ring.length) {
                ring[(ringStart + ringLength++) % ring.length] = buffer[offset + i];
            } else if (ring.length > 0) {
                ring[ringStart] = buffer[offset + i];
                ringStart = (ringStart + 1) % ring.length;
                cut++;
            } else {
                cut++;
            }
        }
    }

    /** How many characters were left out. */
    synchronized long cut() { return cut; }

    synchronized String text() {
        StringBuilder out = new StringBuilder(head.length() + ringLength + 80);
        out.append(head);
        if (cut > 0) out.append("\n… [").append(cut).append(" characters of output not kept here; every line is in the run's log] …\n");
        for (int i = 0; i < ringLength; i++) out.append(ring[(ringStart + i) % ring.length]);
        return out.toString();
    }
}
