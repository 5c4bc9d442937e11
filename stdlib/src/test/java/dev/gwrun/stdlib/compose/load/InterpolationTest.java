package dev.gwrun.stdlib.compose.load;

import dev.gwrun.source.Diagnostic;
import dev.gwrun.source.SourceFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InterpolationTest {
    private static final Map<String, String> ENV = Map.of("SET", "value", "EMPTY", "", "N", "3", "T", "true", "PORT", "8080");

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "plain                | plain",
            "$SET                 | value",
            "${SET}               | value",
            "a-${SET}-b           | a-value-b",
            "$SET$SET             | valuevalue",
            "${UNSET:-dflt}       | dflt",
            "${EMPTY:-dflt}       | dflt",
            "${EMPTY-dflt}        | ``",
            "${UNSET-dflt}        | dflt",
            "${SET:-dflt}         | value",
            "${SET:+alt}          | alt",
            "${EMPTY:+alt}        | ``",
            "${EMPTY+alt}         | alt",
            "${UNSET+alt}         | ``",
            "${UNSET:-${SET}}     | value",
            "${UNSET:-${NOPE:-c}} | c",
            "${UNSET:-a:b}        | a:b",
            "$$SET                | $SET",
            "$${SET}              | ${SET}",
            "cost: 5$             | cost: 5$",
            "$1 and $ alone       | $1 and $ alone",
            "${SET:?must be set}  | value",
    })
    void substitutes(String in, String out) {
        assertThat(Template.substitute(in, ENV::get, v -> {})).isEqualTo(out);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "${UNSET:?set it}     | required variable UNSET is missing a value: set it",
            "${EMPTY:?set it}     | required variable EMPTY is missing a value: set it",
            "${UNSET?}            | required variable UNSET is missing a value",
            "${                   | invalid interpolation format: \"${\" (use $$ for a literal $)",
            "${SET:x}             | invalid interpolation format: \"${SET:x}\" (use $$ for a literal $)",
            "${1X}                | invalid interpolation format: \"${1X}\" (use $$ for a literal $)",
            "${SET                | invalid interpolation format: \"${SET\" (use $$ for a literal $)",
    })
    void refuses(String in, String message) {
        assertThatThrownBy(() -> Template.substitute(in, ENV::get, v -> {})).hasMessage(message);
    }

    @Test
    void anUnsetVariableWarnsOnceAtItsScalarAndYieldsEmpty() {
        List<Diagnostic> warnings = new ArrayList<>();
        YNode.YMap out = Interpolator.interpolate(parse("services:\n  web:\n    image: \"app:${TAG}\"\n"), ENV::get, warnings);
        assertThat(((YNode.YMap) ((YNode.YMap) out.get("services")).get("web")).get("image").plain()).isEqualTo("app:");
        assertThat(warnings).singleElement().satisfies(w -> {
            assertThat(w.headline()).isEqualTo("c.yml:3:12: warning: the \"TAG\" variable is not set; defaulting to a blank string [compose-unset-variable]");
        });
    }

    @Test
    void pathologicallyNestedDefaultsAreRefusedNotRecursedInto() {
        String deep = "${A:-".repeat(10_000) + "x" + "}".repeat(10_000);
        assertThatThrownBy(() -> Template.substitute(deep, ENV::get, v -> {})).hasMessage("interpolation nested deeper than 32 levels");
        String ok = "${A:-".repeat(30) + "x" + "}".repeat(30);
        assertThat(Template.substitute(ok, ENV::get, v -> {})).isEqualTo("x");
    }

    @Test
    void keysAreNeverInterpolated() {
        YNode.YMap out = Interpolator.interpolate(parse("x-${SET}: $SET\n"), ENV::get, new ArrayList<>());
        assertThat(out.plain()).isEqualTo(Map.of("x-${SET}", "value"));
    }

    @Test
    void typedKeysAreReTyped() {
        YNode.YMap out = Interpolator.interpolate(parse(
                "services:\n  w:\n    tty: ${T}\n    scale: ${N}\n    environment:\n      N: ${N}\n    ports:\n      - target: ${PORT}\n"),
                ENV::get, new ArrayList<>());
        Object w = ((Map<?, ?>) ((Map<?, ?>) out.plain()).get("services")).get("w");
        assertThat(w).isEqualTo(Map.of("tty", true, "scale", 3L, "environment", Map.of("N", "3"), "ports", List.of(Map.of("target", 8080L))));
    }

    @Test
    void everyFailedSubstitutionOfAFileIsReported() {
        assertThatThrownBy(() -> Interpolator.interpolate(parse("a: ${A:?need A}\nb: ${B:x}\n"), ENV::get, new ArrayList<>()))
                .isInstanceOfSatisfying(ComposeException.class, e -> assertThat(e.diagnostics()).extracting(Diagnostic::headline).containsExactly(
                        "c.yml:1:4: error: required variable A is missing a value: need A",
                        "c.yml:2:4: error: invalid interpolation format: \"${B:x}\" (use $$ for a literal $)"));
    }

    static YNode.YMap parse(String text) {
        return YamlReader.parse(SourceFile.of("c.yml", text));
    }
}
