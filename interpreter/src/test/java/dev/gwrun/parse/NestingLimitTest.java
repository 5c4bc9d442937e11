package dev.gwrun.parse;

import dev.gwrun.source.Diagnostic;
import dev.gwrun.source.SourceFile;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Nesting past Parsing.MAX_NESTING is a diagnostic at the bracket that goes too deep, never a stack overflow. */
class NestingLimitTest {

    private static ParseResult<?> parse(String text) {
        return Parsing.parseRunbook(SourceFile.of("deep.gwrun", text));
    }

    private static String list(int depth) {
        return "runbook \"d\" {\n  let x = " + "[".repeat(depth) + "1" + "]".repeat(depth) + "\n}\n";
    }

    private static String blocks(int depth) {
        return "runbook \"d\" {\n" + "if true {\n".repeat(depth) + "log \"x\"\n" + "}\n".repeat(depth) + "}\n";
    }

    @Test
    void thousandsOfBracketsOrBlocksGetOneDiagnostic() {
        // The runbook's brace is level 1, so the 128th [ (column 10 + 128) opens level 129.
        ParseResult<?> lists = parse(list(5000));
        assertThat(lists.ast()).isNull();
        Diagnostic d = lists.diagnostics().get(0);
        assertThat(d.headline()).isEqualTo("deep.gwrun:2:" + (10 + Parsing.MAX_NESTING) + ": error: nested deeper than 128 levels "
                + "(brackets, blocks and ${…} count); gwrun's limit is 128: split the expression or move the inner part into a fn");
        ParseResult<?> ifs = parse(blocks(3000));
        assertThat(ifs.ast()).isNull();
        // The runbook's own brace is the first level: the 128th if opens the 129th.
        assertThat(ifs.diagnostics().get(0).span().line()).isEqualTo(1 + Parsing.MAX_NESTING);
    }

    @Test
    void interpolationCountsAsALevel() {
        String deep = "runbook \"d\" {\n  log \"" + "${\"".repeat(200) + "x" + "\"}".repeat(200) + "\"\n}\n";
        assertThat(parse(deep).diagnostics()).singleElement().extracting(Diagnostic::message).asString().startsWith("nested deeper than 128 levels");
    }

    @Test
    void upToTheLimitParses() {
        assertThat(parse(list(Parsing.MAX_NESTING - 2)).diagnostics()).isEmpty();
        assertThat(parse(blocks(Parsing.MAX_NESTING - 2)).diagnostics()).isEmpty();
    }
}
