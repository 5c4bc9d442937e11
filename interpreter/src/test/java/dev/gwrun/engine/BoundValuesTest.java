package dev.gwrun.engine;

import dev.gwrun.params.Masker;
import dev.gwrun.ast.Runbook;
import dev.gwrun.ast.Stmt;
import dev.gwrun.parse.ParseResult;
import dev.gwrun.parse.Parsing;
import dev.gwrun.runtime.HostObject;
import dev.gwrun.runtime.Json;
import dev.gwrun.runtime.Raw;
import dev.gwrun.source.SourceFile;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What a step binds, written to JSON text and read back with its types; what cannot come back says why. */
class BoundValuesTest {

    private static Stmt.Step firstStep(String source) {
        ParseResult<Runbook> parsed = Parsing.parseRunbook(new SourceFile("t.gwrun", null, source));
        assertThat(parsed.diagnostics()).isEmpty();
        return parsed.ast().body().stream().filter(s -> s instanceof Stmt.Step).map(s -> (Stmt.Step) s).findFirst().orElseThrow();
    }

    @Test
    void aStepBindsTheOuterVariablesItAssignsAtAnyDepthButNotItsOwnLets() {
        Stmt.Step step = firstStep("""
                runbook "r" {
                  step "s" {
                    let local = 1
                    a = 1
                    hosts[0] = "x"
                    cfg.port = 80
                    if true { b = 2 } else { c = 3 }
                    for x in [1] { d = x }
                    step "inner" { e = 5 } on failure { f = 6 }
                    lock "l" { g = 7 }
                    parallel { step "p" { h = 8 } }
                    fn helper() { ignored = 1 }
                  }
                }
                """);
        assertThat(BoundValues.assignedBy(step)).containsExactly("a", "hosts", "cfg", "b", "c", "d", "e", "f", "g", "h");
    }

    @Test
    void everyPlainValueComesBackWithItsType() {
        Map<String, Object> nested = new LinkedHashMap<>();
        nested.put("$ref", "not a tag");
        nested.put("wait", Duration.ofMillis(1500));
        List<Object> values = Arrays.asList("text", 42L, 0.5, 2.0, true, null, Duration.ofMinutes(90), Instant.parse("2026-11-22T14:25:01Z"),
                new Raw("a | b"), List.of(1L, "two", List.of(3.25)), nested);
        Masker masker = new Masker();
        for (Object v : values) {
            Object written = Json.parse(Json.write(BoundValues.encode(v, masker)));
            assertThat(BoundValues.decode(written)).as("%s", v).isEqualTo(v);
            assertThat(BoundValues.problem(written)).isNull();
        }
    }

    @Test
    void aHostObjectComesBackAsAMapOfItsFields() {
        HostObject response = new HostObject() {
            @Override public String typeName() { return "HTTP response"; }
            @Override public List<String> fieldNames() { return List.of("status", "ok"); }
            @Override public Object field(String name) { return name.equals("status") ? 201L : Boolean.TRUE; }
        };
        Object written = Json.parse(Json.write(BoundValues.encode(response, new Masker())));
        assertThat(BoundValues.hostType(written)).isEqualTo("HTTP response");
        assertThat(BoundValues.decode(written)).isEqualTo(Map.of("status", 201L, "ok", true));
    }

    @Test
    void secretsAreNeverWrittenAndCannotBeRestored() {
        Masker masker = new Masker();
        masker.register("hunter2-secret");
        Object encoded = BoundValues.encode(Map.of("auth", "Bearer hunter2-secret"), masker);
        String text = Json.write(encoded);
        assertThat(text).isEqualTo("{\"auth\":{\"$secret\":true}}").doesNotContain("hunter2");
        assertThat(BoundValues.problem(Json.parse(text))).isEqualTo("a value holding a secret (secrets are never stored)");
        assertThatThrownBy(() -> BoundValues.decode(Json.parse(text))).isInstanceOf(BoundValues.Unrestorable.class);
    }

    @Test
    void aFunctionCannotBeStored() {
        Object encoded = BoundValues.encode(new Object(), new Masker());
        assertThat(BoundValues.problem(Json.parse(Json.write(encoded)))).startsWith("a ").endsWith(", which cannot be stored");
    }
}
