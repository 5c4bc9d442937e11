package dev.gwrun.check.lint;

import dev.gwrun.ast.EveryNode;
import dev.gwrun.ast.Expr;
import dev.gwrun.ast.Runbook;
import dev.gwrun.ast.Stmt;
import dev.gwrun.check.Checker;
import dev.gwrun.host.Effect;
import dev.gwrun.host.HostFunction;
import dev.gwrun.host.HostModule;
import dev.gwrun.host.ParamSpec;
import dev.gwrun.host.Registry;
import dev.gwrun.host.Signature;
import dev.gwrun.host.Type;
import dev.gwrun.parse.ParseResult;
import dev.gwrun.parse.Parsing;
import dev.gwrun.source.Diagnostic;
import dev.gwrun.source.SourceFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each lint rule, as a table: a body that fires it (with the exact warning), a body that does not,
 * and the same firing body with {@code # gwrun:ignore RULE} on the line above, which must be silent.
 * Bodies go inside {@code runbook "t" { … }}; the warning's line counts from the runbook line.
 */
class LintTest {
    /** The effects come from these signatures, as they come from the stdlib's table in gwrun. */
    static final Registry REGISTRY = new Registry(List.of(
            module("", fn("sh", Effect.CHANGE, "command"), fn("secret", Effect.READ, "name"), fn("env", Effect.READ, "name")),
            module("docker", fn("docker.run", Effect.CHANGE, "image"), fn("docker.ps", Effect.READ)),
            module("http", fn("http.get", Effect.READ, "url"))));

    static Stream<Arguments> rules() {
        return Stream.of(
                Arguments.of("change-without-handler",
                        "  step \"deploy\" {\n    docker.run(\"api:2\")\n  }",
                        "3:8: step 'deploy' changes things (docker.run) but the runbook has no 'on failure' handler",
                        "  step \"deploy\" {\n    docker.run(\"api:2\")\n  } on failure {\n    log \"roll back\"\n  }"),
                Arguments.of("change-without-handler",
                        "  step \"look\" {\n    docker.ps()\n  }\n  step \"shell\" {\n    sh(\"ls\")\n  }",
                        "6:8: step 'shell' changes things (sh) but the runbook has no 'on failure' handler",
                        "  step \"shell\" {\n    sh(\"ls\")\n  }\n  on failure {\n    log \"failed\"\n  }"),
                Arguments.of("wait-without-timeout",
                        "  step \"up\" {\n    wait until http.get(\"u\").status == 200\n  }",
                        "4:5: 'wait until' has no timeout, and no step around it has one: it can wait forever",
                        "  step \"up\" timeout 1m {\n    wait until http.get(\"u\").status == 200\n  }\n  wait until true timeout 5s"),
                Arguments.of("confirm-in-ci",
                        "  # gwrun:ci\n  confirm \"go?\"",
                        "4:3: 'confirm' in a runbook marked '# gwrun:ci' (line 3): nobody is there to answer it",
                        "  confirm \"go?\""),
                Arguments.of("unused-let",
                        "  let x = 1\n  let y = 2\n  log y",
                        "3:7: let 'x' is never used",
                        "  let x = 1\n  let _y = 2\n  log x"),
                Arguments.of("unused-param",
                        "  param p: int = 1",
                        "3:9: param 'p' is never used",
                        "  param p: int = 1\n  log \"p=${p}\""),
                Arguments.of("secret-in-log",
                        "  let t = secret(\"TOKEN\")\n  let header = \"Bearer \" + t\n  log \"using ${header}\"",
                        "5:7: log shows 'header', which holds a secret (masked as *** at run time, but a log line is no place for it)",
                        "  let t = secret(\"TOKEN\")\n  let r = http.get(\"u/${t}\")\n  log \"status ${r.status} ${t == null}\""),
                Arguments.of("secret-in-log",
                        "  param token: secret\n  let header = \"Bearer ${token}\"\n  log header",
                        "5:7: log shows 'header', which holds a secret (masked as *** at run time, but a log line is no place for it)",
                        "  param token: secret\n  let given = token != \"\"\n  let r = http.get(\"u/${token}\")\n  log \"status ${r.status}, token given: ${given}\""),
                Arguments.of("secret-in-log",
                        "  log secret(\"TOKEN\")",
                        "3:7: log shows the secret 'TOKEN' (masked as *** at run time, but a log line is no place for it)",
                        "  log env(\"USER\")"),
                Arguments.of("secret-default",
                        "  param token: secret = \"hunter2\"\n  let r = http.get(\"u/${token}\")\n  log \"${r.status}\"",
                        "3:25: the default of secret param 'token' is written in the runbook, where anyone who reads it has it",
                        "  param token: secret = secret(\"TOKEN\")\n  let r = http.get(\"u/${token}\")\n  log \"${r.status}\""),
                Arguments.of("shadowed-name",
                        "  let v = 1\n  step \"s\" {\n    let v = 2\n    log v\n  }\n  log v",
                        "5:9: let 'v' hides the let 'v' declared on line 3",
                        "  step \"a\" {\n    let v = 1\n    log v\n  }\n  step \"b\" {\n    let v = 2\n    log v\n  }"),
                Arguments.of("shadowed-name",
                        "  param item: string = \"x\"\n  for item in [1] {\n    log item\n  }\n  log item",
                        "4:7: loop variable 'item' hides the param 'item' declared on line 3",
                        "  for item in [1] {\n    log item\n  }\n  for item in [2] {\n    log item\n  }"),
                Arguments.of("duplicate-step-name",
                        "  step \"migrate\" {\n    log 1\n  }\n  step \"migrate\" {\n    log 2\n  }",
                        "6:8: another step is named 'migrate' (line 3): the output and error.step cannot tell them apart",
                        "  step \"migrate schema\" {\n    log 1\n  }\n  step \"migrate data\" {\n    log 2\n  }"),
                Arguments.of("parallel-shared-write",
                        "  let last = \"\"\n  parallel {\n    step \"a\" {\n      last = \"a\"\n    }\n    step \"b\" {\n      last = \"b\"\n    }\n  }\n  log last",
                        "9:7: steps 'a' and 'b' of one parallel block both write 'last': the value left depends on which finishes last",
                        "  let a = \"\"\n  let b = \"\"\n  parallel {\n    step \"a\" {\n      a = \"a\"\n      let mine = 1\n      mine = 2\n      log mine\n    }\n    step \"b\" {\n      b = \"b\"\n      let mine = 1\n      mine = 3\n      log mine\n    }\n  }\n  log a + b"));
    }

    @ParameterizedTest(name = "{0}: {2}")
    @MethodSource("rules")
    void firesWithItsExactMessageAndIsSilencedByAnIgnoreComment(String rule, String firing, String expected, String quiet) {
        assertThat(warnings(firing)).as("firing case").containsExactly(expected + " [" + rule + "]");
        assertThat(warnings(quiet)).as("quiet case").isEmpty();
        int line = Integer.parseInt(expected.substring(0, expected.indexOf(':')));
        List<String> lines = new ArrayList<>(Arrays.asList(firing.split("\n", -1)));
        String indent = lines.get(line - 3).replaceAll("\\S.*", "");
        lines.add(line - 3, indent + "# gwrun:ignore " + rule);
        assertThat(warnings(String.join("\n", lines))).as("ignored on the line above").isEmpty();
    }

    @Test
    void anIgnoreCommentOnlyCoversTheLineBelowItAndOnlyItsRule() {
        assertThat(warnings("  # gwrun:ignore unused-let\n  let a = 1\n  let b = 2")).containsExactly("5:7: let 'b' is never used [unused-let]");
        assertThat(warnings("  # gwrun:ignore shadowed-name\n  let a = 1")).containsExactly("4:7: let 'a' is never used [unused-let]");
        assertThat(warnings("  let a = 1 # gwrun:ignore unused-let")).isEmpty();
    }

    @Test
    void anUnknownRuleInAnIgnoreCommentIsReported() {
        assertThat(warnings("  # gwrun:ignore unused-lett\n  let a = 1")).containsExactly(
                "3:3: unknown lint rule 'unused-lett' — did you mean 'unused-let'? [ignore]",
                "4:7: let 'a' is never used [unused-let]");
    }

    @Test
    void lintRunsOnlyOnRunbooksWithoutErrors() {
        assertThat(diagnostics("  let a = nope")).extracting(Diagnostic::rule).containsOnlyNulls();
    }

    @Test
    void theWalkHandlesEveryNodeType() {
        Runbook rb = EveryNode.runbook();
        Set<Class<?>> seen = new HashSet<>();
        AstWalk.runbook(rb, new AstWalk.Visitor() {
            @Override public void stmt(Stmt s, List<Stmt.Step> steps) { seen.add(s.getClass()); }

            @Override public void expr(Expr e, List<Stmt.Step> steps) { seen.add(e.getClass()); }
        });
        assertThat(seen).containsAll(EveryNode.kinds());
        Lint.check(rb, REGISTRY);
    }

    static List<String> warnings(String body) {
        return diagnostics(body).stream().map(d -> {
            assertThat(d.isError()).as(d.headline()).isFalse();
            return d.span().line() + ":" + d.span().column() + ": " + d.message() + " [" + d.rule() + "]";
        }).toList();
    }

    static List<Diagnostic> diagnostics(String body) {
        ParseResult<Runbook> parsed = Parsing.parseRunbook(SourceFile.of("t.gwrun", "\nrunbook \"t\" {\n" + body + "\n}\n"));
        assertThat(parsed.ok()).as("%s", parsed.diagnostics()).isTrue();
        return new Checker(REGISTRY).check(parsed.ast());
    }

    private static HostFunction fn(String name, Effect effect, String... params) {
        List<ParamSpec> specs = Arrays.stream(params).map(p -> ParamSpec.required(p, Type.ANY, p)).toList();
        return HostFunction.of(new Signature(name, specs, Type.ANY, effect, name), (a, c) -> null);
    }

    private static HostModule module(String name, HostFunction... functions) {
        return new HostModule() {
            @Override public String name() { return name; }

            @Override public String doc() { return name; }

            @Override public List<HostFunction> functions() { return List.of(functions); }
        };
    }
}
