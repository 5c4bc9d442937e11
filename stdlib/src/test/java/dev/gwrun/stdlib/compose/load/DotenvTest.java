package dev.gwrun.stdlib.compose.load;

import dev.gwrun.source.DiagnosticRenderer;
import dev.gwrun.source.SourceFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

/** The dotenv rules of compose-go's parser, one small file each, and its errors with file:line:col. */
class DotenvTest {

    private static Map<String, String> parse(String text) {
        return parse(text, Map.of());
    }

    private static Map<String, String> parse(String text, Map<String, String> env) {
        return Dotenv.parse(SourceFile.of(".env", text), env::get);
    }

    private static String error(String text) {
        try {
            parse(text);
        } catch (ComposeException e) {
            return new DiagnosticRenderer(false).render(e.diagnostics().get(0));
        }
        throw new AssertionError("no error for: " + text);
    }

    @Test
    void keyValueLinesInFileOrder() {
        assertThat(parse("B=2\nA=1\n\n# a comment\nexport C=3\nD: 4\n"))
                .containsExactly(entry("B", "2"), entry("A", "1"), entry("C", "3"), entry("D", "4"));
    }

    @Test
    void unquotedValuesLoseInlineCommentsAndTrailingBlanks() {
        assertThat(parse("A=hello world # a comment\nB=a#b\nC=x   \nD=\n"))
                .containsExactly(entry("A", "hello world"), entry("B", "a#b"), entry("C", "x"), entry("D", ""));
    }

    @Test
    void singleQuotesAreLiteralDoubleQuotesKnowEscapes() {
        assertThat(parse("A='${X} \\n #x'\nB=\"tab\\there\\n\\\"q\\\" \\\\ \\$HOME\"\nC=\"line1\nline2\"\n", Map.of("X", "x")))
                .containsExactly(entry("A", "${X} \\n #x"), entry("B", "tab\there\n\"q\" \\ $HOME"), entry("C", "line1\nline2"));
    }

    @Test
    void substitutesTheEnvironmentFirstThenEarlierKeys() {
        Map<String, String> got = parse("HOST=db\nURL=postgres://${HOST}:${PORT:-5432}/app\nQ=\"${HOST}\"\nLIT=$$HOST\nUSER=${USER}\n",
                Map.of("HOST", "from-env", "USER", "ops"));
        assertThat(got).containsEntry("URL", "postgres://from-env:5432/app")
                .containsEntry("Q", "from-env").containsEntry("LIT", "$HOST").containsEntry("USER", "ops");
    }

    @Test
    void aKeyAloneTakesItsValueFromTheEnvironmentOrIsLeftOut() {
        assertThat(parse("TOKEN\nMISSING\nA=1\n", Map.of("TOKEN", "t0k"))).containsExactly(entry("TOKEN", "t0k"), entry("A", "1"));
    }

    @Test
    void laterDefinitionsWin() {
        assertThat(parse("A=1\nA=2\n")).containsExactly(entry("A", "2"));
    }

    @Test
    void errorsNameTheFileLineAndColumn() {
        assertThat(error("A=1\nBAD KEY=2\n")).isEqualTo("""
                .env:2:4: error: a variable name cannot contain a space: 'BAD KEY' (expected KEY=VALUE)
                BAD KEY=2
                   ^
                """);
        assertThat(error("A=1\nB=\"open\n")).isEqualTo("""
                .env:2:3: error: unterminated quoted value for B (no closing ")
                B="open
                  ^
                """);
        assertThat(error("A=1\nK$Y=2\n")).startsWith(".env:2:2: error: unexpected character '$' in variable name 'K$Y=2'");
        assertThat(error("A=${B:?B must be set}\n")).startsWith(".env:1:3: error: required variable B is missing a value: B must be set");
    }

    @Test
    void unreadableFilesSayWhichAndWhy(@TempDir Path dir) throws Exception {
        Path binary = dir.resolve("bin.env");
        Files.write(binary, new byte[] {'A', '=', '1', '\n', 'B', '=', (byte) 0xff, (byte) 0xfe, '\n'});
        assertThatThrownBy(() -> Dotenv.read(binary, null))
                .isInstanceOf(ComposeException.class)
                .hasMessage("error: env file " + binary + ":2: not UTF-8 text (is it a binary file, or in another encoding?)");
        assertThatThrownBy(() -> Dotenv.read(dir.resolve("nope.env"), null))
                .hasMessage("error: env file " + dir.resolve("nope.env") + " does not exist");
    }

    @Test
    void readsAFileWithAByteOrderMark(@TempDir Path dir) throws Exception {
        Path f = dir.resolve(".env");
        Files.writeString(f, "\uFEFFA=1\r\nB=2\r\n");
        assertThat(Dotenv.read(f, null)).containsExactly(entry("A", "1"), entry("B", "2"));
    }
}
