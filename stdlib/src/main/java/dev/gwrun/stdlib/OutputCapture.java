package dev.gwrun.stdlib;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The text of one output stream of a command, kept within a bound: the first {@code head} and the
 * last {@code tail} characters, with a marker saying how much was cut between them. A command that
 * prints gigabytes (a log dump, a binary), or a container's whole log, cannot take the run's memory,
 * and both what it started with and how it ended (where errors are) stay in the result. sh() logs
 * every line as it arrives, so for commands nothing is lost from the run record.
 */
public final class OutputCapture {
    /** Per stream: 4 MiB of the beginning and 4 MiB of the end (in characters). */
    static final int HEAD = 4 << 20;
    static final int TAIL = 4 << 20;

    private final int headMax;
    private final StringBuilder head = new StringBuilder();
    private final char[] ring;
    private int ringStart;
    private int ringLength;
    private long cut;

    /** For bytes given with appendUtf8: a character split between two chunks is kept for the next. */
    private CharsetDecoder decoder;
    private ByteBuffer leftover;

    public OutputCapture() {
        this(HEAD, TAIL);
    }

    OutputCapture(int headMax, int tailMax) {
        this.headMax = headMax;
        this.ring = new char[tailMax];
    }

    /** Appends a chunk of UTF-8 bytes as it arrived (a frame of a container's output, say). */
    public synchronized void appendUtf8(byte[] chunk) {
        if (decoder == null) {
            decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE);
        }
        ByteBuffer in;
        if (leftover == null) {
            in = ByteBuffer.wrap(chunk);
        } else {
            in = ByteBuffer.allocate(leftover.remaining() + chunk.length).put(leftover).put(chunk).flip();
        }
        CharBuffer out = CharBuffer.allocate(in.remaining());
        decoder.decode(in, out, false);
        leftover = in.hasRemaining() ? ByteBuffer.allocate(in.remaining()).put(in).flip() : null;
        out.flip();
        append(out.array(), 0, out.limit());
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

    /** The text kept: all of it, or its beginning, a marker saying how much was cut, and its end. */
    public synchronized String text() {
        if (leftover != null) {
            // The stream ended inside a character: what is there becomes a replacement character.
            CharBuffer rest = CharBuffer.allocate(leftover.remaining() + 2);
            decoder.decode(leftover, rest, true);
            decoder.flush(rest);
            leftover = null;
            rest.flip();
            append(rest.array(), 0, rest.limit());
        }
        StringBuilder out = new StringBuilder(head.length() + ringLength + 80);
        out.append(head);
        if (cut > 0) out.append("\n… [").append(cut).append(" characters left out] …\n");
        for (int i = 0; i < ringLength; i++) out.append(ring[(ringStart + i) % ring.length]);
        return out.toString();
    }
}
