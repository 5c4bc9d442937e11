package dev.gwrun.stdlib;

import dev.gwrun.runtime.GwrunError;
import dev.gwrun.runtime.Raw;
import dev.gwrun.runtime.Template;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class ShellQuoteTest {

    static Stream<Arguments> table() {
        return Stream.of(
                arguments("plain", "plain"),
                arguments("a/b.c:d=e@f%g+h,i-j_k", "a/b.c:d=e@f%g+h,i-j_k"),
                arguments("--help", "--help"),
                arguments("", "''"),
                arguments("two words", "'two words'"),
                arguments("x; rm -rf /", "'x; rm -rf /'"),
                arguments("$(touch pwned)", "'$(touch pwned)'"),
                arguments("`touch pwned`", "'`touch pwned`'"),
                arguments("$HOME", "'$HOME'"),
                arguments("a'b\"c", "'a'\\''b\"c'"),
                arguments("'", "''\\'''"),
                arguments("*", "'*'"),
                arguments("~", "'~'"),
                arguments("line1\nline2", "'line1\nline2'"),
                arguments("héllo", "'héllo'"),
                arguments("a\\b", "'a\\b'"),
                arguments(null, "''"),
                arguments(42L, "42"),
                arguments(-7L, "-7"),
                arguments(1.5, "1.5"),
                arguments(true, "true"),
                arguments(Duration.ofSeconds(90), "1m30s"),
                arguments(new Raw("| tr a-z A-Z"), "| tr a-z A-Z"),
                arguments(new Template(List.of(new Template.Piece(true, "a b"))), "'a b'"),
                arguments(List.of("a", "b c", 3L), "a 'b c' 3"),
                arguments(Arrays.asList("x", null), "x ''"),
                arguments(List.of(), ""),
                arguments(List.of(List.of("a b"), "c"), "'a b' c"),
                arguments(List.of(new Raw("*.log")), "*.log"));
    }

    @ParameterizedTest(name = "{index}: {0} -> {1}")
    @MethodSource("table")
    void quotes(Object value, String expected) {
        assertThat(ShellQuote.quote(value)).isEqualTo(expected);
    }

    @Test
    void aMapIsATypeError() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("a", 1L);
        assertThatThrownBy(() -> ShellQuote.quote(map))
                .isInstanceOfSatisfying(GwrunError.class, e -> assertThat(e.kind()).isEqualTo("type"))
                .hasMessage("a map cannot be interpolated into a shell command: interpolate its values one by one, or pass to_json(...) of it");
        assertThatThrownBy(() -> ShellQuote.quote(List.of(map))).isInstanceOf(GwrunError.class);
    }
}
