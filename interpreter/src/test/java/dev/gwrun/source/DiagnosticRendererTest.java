package dev.gwrun.source;

import dev.gwrun.parse.Parsing;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The exact text of a rendered diagnostic: headline, source line, caret line, hint. */
class DiagnosticRendererTest {
    private final DiagnosticRenderer plain = new DiagnosticRenderer(false);

    @Test
    void rendersHeadlineLineAndCaretsUnderTheWholeSpan() {
        SourceFile file = SourceFile.of("deploy.gwrun", """
                runbook "deploy" {
                  wait until http.gett(health).status == 200
                }
                """);
        int start = file.text().indexOf("http.gett");
        Diagnostic d = Diagnostic.error(new Span(file, start, start + "http.gett".length()),
                "unknown function 'http.gett' — did you mean 'http.get'?");

        assertThat(plain.render(d)).isEqualTo("""
                deploy.gwrun:2:14: error: unknown function 'http.gett' — did you mean 'http.get'?
                  wait until http.gett(health).status == 200
                             ^~~~~~~~~
                """);
    }

    @Test
    void rendersTheHintOnItsOwnLine() {
        assertThat(renderFirst("""
                runbook "r" {
                  guard ready && healthy else "not yet"
                }
                """)).isEqualTo("""
                t.gwrun:2:15: error: unexpected character '&'
                  guard ready && healthy else "not yet"
                              ^
                hint: use 'and'
                """);
    }

    @Test
    void keepsTabsInTheCaretLineSoTheCaretLinesUp() {
        assertThat(renderFirst("runbook \"r\" {\n\tlog 'hi'\n}\n")).isEqualTo(
                "t.gwrun:2:6: error: unexpected character '''\n"
                + "\tlog 'hi'\n"
                + "\t    ^\n"
                + "hint: strings use double quotes: \"text\"\n");
    }

    @Test
    void pointsJustPastTheLastCharacterAtTheEndOfTheFile() {
        assertThat(renderFirst("runbook \"r\"")).isEqualTo("""
                t.gwrun:1:12: error: expected '{' after the runbook's name, found end of file
                runbook "r"
                           ^
                """);
    }

    @Test
    void rendersAnEmptyLastLineForASpanAtTheEndOfAFileEndingInANewline() {
        SourceFile file = SourceFile.of("t.gwrun", "runbook \"r\" {\n}\n");
        int end = file.text().length();
        Diagnostic d = Diagnostic.error(new Span(file, end, end), "something is missing at the end");

        assertThat(plain.render(d)).isEqualTo("t.gwrun:3:1: error: something is missing at the end\n\n^\n");
    }

    @Test
    void underlinesOnlyTheFirstLineOfASpanThatCrossesLines() {
        SourceFile file = SourceFile.of("t.gwrun", "runbook \"r\" {\n  on failure {\n  }\n}\n");
        int start = file.text().indexOf("on failure");
        Diagnostic d = Diagnostic.error(new Span(file, start, file.text().indexOf("}") + 1), "a block");

        assertThat(plain.render(d)).isEqualTo("""
                t.gwrun:2:3: error: a block
                  on failure {
                  ^~~~~~~~~~~~
                """);
    }

    @Test
    void namesTheRuleOfAWarning() {
        SourceFile file = SourceFile.of("t.gwrun", "runbook \"r\" {\n  sh(\"rm -rf /tmp/x\")\n}\n");
        int start = file.text().indexOf("sh");
        Diagnostic d = Diagnostic.warning(new Span(file, start, start + 2), "unchecked-sh", "sh without check: true");

        assertThat(plain.render(d)).isEqualTo("""
                t.gwrun:2:3: warning: sh without check: true [unchecked-sh]
                  sh("rm -rf /tmp/x")
                  ^~
                """);
    }

    @Test
    void rendersOnlyTheHeadlineWithoutASpan() {
        assertThat(plain.render(Diagnostic.error(null, "no runbook given"))).isEqualTo("error: no runbook given\n");
    }

    @Test
    void colourAddsEscapesAndNothingElse() {
        SourceFile file = SourceFile.of("t.gwrun", "runbook \"r\" {\n  log 'hi'\n}\n");
        Diagnostic d = Parsing.parseRunbook(file).diagnostics().get(0);

        String coloured = new DiagnosticRenderer(true).render(d);

        assertThat(coloured).contains("\u001b[");
        assertThat(coloured.replaceAll("\u001b\\[[0-9;]*m", "")).isEqualTo(plain.render(d));
    }

    private String renderFirst(String text) {
        var diagnostics = Parsing.parseRunbook(SourceFile.of("t.gwrun", text)).diagnostics();
        assertThat(diagnostics).hasSize(1);
        return plain.render(diagnostics.get(0));
    }
}
