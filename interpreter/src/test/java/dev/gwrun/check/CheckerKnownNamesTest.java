package dev.gwrun.check;

import dev.gwrun.host.Type;
import dev.gwrun.parse.ParseResult;
import dev.gwrun.parse.Parsing;
import dev.gwrun.ast.Runbook;
import dev.gwrun.source.Diagnostic;
import dev.gwrun.source.SourceFile;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Input checked against names already bound (the REPL's session): known names pass, their types are used, they may be shadowed. */
class CheckerKnownNamesTest {
    private static List<String> check(String input, Map<String, Type> known) {
        ParseResult<Runbook> parsed = Parsing.parseStatements(SourceFile.of("<repl>", input));
        assertThat(parsed.ok()).isTrue();
        // Lint warnings (with a rule name) judge whole runbooks; the REPL drops them, so this does too.
        return new Checker(TestRegistry.create()).check(parsed.ast(), known).stream()
                .filter(d -> d.rule() == null).map(Diagnostic::headline).toList();
    }

    @Test
    void knownNamesAreDefinedAndKeepTheirTypes() {
        Map<String, Type> known = Map.of("count", Type.INT, "r", TestRegistry.HTTP_RESPONSE);
        assertThat(check("let next = count + 1", known)).isEmpty();
        assertThat(check("count = count + 1", known)).isEmpty();
        assertThat(check("let count = \"shadowed\"", known)).isEmpty();
        assertThat(check("cuont + 1", known)).containsExactly("<repl>:1:1: error: 'cuont' is not defined — did you mean 'count'?");
        assertThat(check("r.stauts", known)).singleElement().asString().contains("HTTP response has no field 'stauts' — did you mean 'status'?");
        assertThat(check("count and true", known)).containsExactly("<repl>:1:1: error: 'and' needs true or false, got an int");
        assertThat(check("count + 1", Map.of())).containsExactly("<repl>:1:1: error: 'count' is not defined");
    }
}
