package dev.gwrun.cli.repl;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** When Enter runs the input and when it asks for more: a table of inputs and what is still open. */
class ContinuationTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "none", value = {
            "let x = 1                          | none",
            "step \"a\" {                       | }",
            "step \"a\" { log \"}\"               | }",
            "http.get(url,                      | )",
            "let xs = [1, {a: (2               | )}]",
            "log \"${x + (                      | )}",
            "log \"unterminated                 | none",
            "let t = \"\"\"                      | \"\"\"",
            "# a comment with {                 | none",
            "}                                  | none",
            "step \"a\" { } on failure {          | }",
            ":load deploy.gwrun {               | none",
    })
    void whatIsStillOpen(String input, String missing) {
        assertThat(Continuation.missing(input.strip())).isEqualTo(missing);
    }
}
