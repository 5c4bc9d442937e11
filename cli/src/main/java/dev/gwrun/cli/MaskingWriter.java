package dev.gwrun.cli;

import dev.gwrun.engine.Masker;

import java.io.IOException;
import java.io.Writer;

/**
 * gwrun's standard error, masked a line at a time. A run masks what it prints itself; this catches
 * what is printed before or around one — a refused {@code -p} value, an env file's line quoted in its
 * diagnostic, an option picocli rejects — where the password of a URL would otherwise appear as typed.
 * A partial line (a prompt) is masked and written when flushed.
 */
final class MaskingWriter extends Writer {
    private final Writer target;
    private final Masker masker;
    private final StringBuilder line = new StringBuilder();

    MaskingWriter(Writer target, Masker masker) {
        this.target = target;
        this.masker = masker;
    }

    @Override
    public synchronized void write(char[] buf, int off, int len) throws IOException {
        for (int i = off; i < off + len; i++) {
            line.append(buf[i]);
            if (buf[i] == '\n') emit();
        }
    }

    private void emit() throws IOException {
        if (line.length() == 0) return;
        target.write(masker.mask(line.toString()));
        line.setLength(0);
    }

    @Override
    public synchronized void flush() throws IOException {
        emit();
        target.flush();
    }

    @Override
    public synchronized void close() throws IOException {
        flush();
        target.close();
    }
}
