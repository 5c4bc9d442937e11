package dev.gwrun.cli;

import dev.gwrun.engine.Masker;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.assertj.core.api.Assertions.assertThat;

/** Standard error is masked a line at a time, so a URL written in pieces is masked whole. */
class MaskingWriterTest {
    @Test
    void aUrlWrittenInPiecesIsMaskedWholeAndAPromptOnFlush() {
        StringWriter target = new StringWriter();
        PrintWriter err = new PrintWriter(new MaskingWriter(target, new Masker()), false);
        err.print("gwrun: got 'postgresql://app:hunt");
        err.print("er22@db/app'");
        assertThat(target.toString()).as("nothing before the line is complete").isEmpty();
        err.println();
        err.print("later: hunter22? ");
        err.flush();
        assertThat(target.toString()).isEqualTo("gwrun: got 'postgresql://app:***@db/app'" + System.lineSeparator() + "later: ***? ");
    }
}
