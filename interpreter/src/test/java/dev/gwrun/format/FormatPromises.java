package dev.gwrun.format;

import dev.gwrun.ast.Runbook;
import dev.gwrun.parse.ParseResult;
import dev.gwrun.parse.Parsing;
import dev.gwrun.source.SourceFile;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The three promises of {@code gwrun fmt} as one assertion, shared by {@link FormatterCorpusTest} and the
 * cli module's fuzz target (through this module's test-jar): the meaning (the AST without spans) does
 * not change, every comment survives in order, and formatting twice changes nothing more.
 */
public final class FormatPromises {
    private FormatPromises() {}

    /** Formats {@code src} (which must parse) and asserts meaning, comments and idempotence; returns the formatted text. */
    public static String assertKept(SourceFile src) {
        ParseResult<String> once = Formatter.format(src);
        assertThat(once.ok()).as("formats: %s", once.diagnostics()).isTrue();
        SourceFile formatted = SourceFile.of(src.name(), once.ast());
        ParseResult<Runbook> before = Parsing.parseRunbook(src);
        ParseResult<Runbook> after = Parsing.parseRunbook(formatted);
        assertThat(after.ok()).as("the formatted text parses: %s\n%s", after.diagnostics(), once.ast()).isTrue();
        assertThat(AstShape.of(after.ast())).as("same AST after formatting:\n%s", once.ast()).isEqualTo(AstShape.of(before.ast()));
        assertThat(new Comments(formatted).texts()).as("every comment kept, in order").isEqualTo(new Comments(src).texts());
        ParseResult<String> twice = Formatter.format(formatted);
        assertThat(twice.ast()).as("formatting is idempotent").isEqualTo(once.ast());
        return once.ast();
    }
}
