package dev.gwrun.format;

import dev.gwrun.ast.EveryNode;
import dev.gwrun.ast.Expr;
import dev.gwrun.ast.Runbook;
import dev.gwrun.ast.Stmt;
import dev.gwrun.parse.Parsing;
import dev.gwrun.source.SourceFile;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Focused layouts: each case formats to exactly the expected text, safely (same AST, all comments, idempotent).
 * Cases whose input and output differ only in white space are golden pairs in {@code src/test/resources/format}:
 * {@code NAME.gwrun} formats to {@code NAME.formatted}.
 */
class FormatterTest {
    private static final Path GOLDEN = Path.of("src/test/resources/format");

    private static String fmt(String text) {
        return FormatPromises.assertKept(SourceFile.of("t.gwrun", text));
    }

    @Test
    void indentsSpacesAndSeparatesSteps() {
        assertThat(fmt("""
                runbook   "r"{param a:int=1
                param b : string
                let x=a*2+1
                step "one"   timeout 5s{log "x"}
                step "two" retry 3 backoff 1s when x>2 { log "y" } on failure { log "z"; recover }
                }
                """)).isEqualTo("""
                runbook "r" {
                  param a: int = 1
                  param b: string

                  let x = a * 2 + 1

                  step "one" timeout 5s {
                    log "x"
                  }

                  step "two" when x > 2 retry 3 backoff 1s {
                    log "y"
                  } on failure {
                    log "z"
                    recover
                  }
                }
                """);
    }

    @Test
    void wrapsLongArgumentListsOneAnArgumentALineWithATrailingComma() {
        assertThat(fmt("""
                runbook "r" {
                  let r = http.post("https://deploy.example.com/api/v1/releases", headers: {"Authorization": "Bearer 123"}, timeout: 30s, body: "x")
                  let short = f(1, 2,)
                }
                """)).isEqualTo("""
                runbook "r" {
                  let r = http.post(
                    "https://deploy.example.com/api/v1/releases",
                    headers: {"Authorization": "Bearer 123"},
                    timeout: 30s,
                    body: "x",
                  )
                  let short = f(1, 2)
                }
                """);
    }

    @Test
    void aCallOfOneStringOrNameIsNeverWrappedEvenInALongLine() {
        assertThat(fmt("""
                runbook "r" {
                  param version: string
                  guard version.matches("[A-Za-z0-9_.-]+") else "version must be a tag like abc1234, got '${version}' (see the tagging docs)"
                }
                """)).isEqualTo("""
                runbook "r" {
                  param version: string

                  guard version.matches("[A-Za-z0-9_.-]+") else "version must be a tag like abc1234, got '${version}' (see the tagging docs)"
                }
                """);
    }

    @TestFactory
    Stream<DynamicTest> goldenPairs() throws IOException {
        List<Path> inputs;
        try (Stream<Path> files = Files.list(GOLDEN)) {
            inputs = files.filter(f -> f.toString().endsWith(".gwrun")).sorted().toList();
        }
        assertThat(inputs).isNotEmpty();
        return inputs.stream().map(in -> DynamicTest.dynamicTest(in.getFileName().toString(), () -> {
            Path expected = in.resolveSibling(in.getFileName().toString().replaceFirst("\\.gwrun$", ".formatted"));
            assertThat(expected).as("the expected layout beside " + in).exists();
            assertThat(fmt(Files.readString(in))).isEqualTo(Files.readString(expected));
        }));
    }

    @Test
    void aCommentInsideAnArgumentListBreaksTheList() {
        assertThat(fmt("""
                runbook "r" {
                  sh("x", check: false, # never fail
                     env: {A: "1"})
                }
                """)).isEqualTo("""
                runbook "r" {
                  sh(
                    "x",
                    check: false, # never fail
                    env: {A: "1"},
                  )
                }
                """);
    }

    @Test
    void aCommentTheLayoutCannotHoldMovesBeforeItsStatementAndIsNotLost() {
        assertThat(fmt("""
                runbook "r" {
                  let x = 1 + # why one
                    2
                }
                """)).isEqualTo("""
                runbook "r" {
                  # why one
                  let x = 1 + 2
                }
                """);
    }

    @Test
    void leavesStringsInterpolationAndTripleQuotedTextAsWritten() {
        String text = """
                runbook "r" {
                  let name = "a  ${ x.y(1,2) }  b # not a comment"
                  sh(\"\"\"
                        echo "${name}"   # shell comment
                      echo done
                  \"\"\", check: true)
                  log "tab\\t${name}\\$"
                }
                """;
        assertThat(fmt(text)).isEqualTo(text);
    }

    @Test
    void keepsParenthesesTheSourceWroteAndAddsOnlyNeededOnes() {
        assertThat(fmt("""
                runbook "r" {
                  let a = (1 + 2) * 3
                  let b = ((x and y) or z)
                  let c = not (x == 1)
                  let d = -(5)
                  let e = (a + b).abs()
                  ;(a).abs()
                  let f = "x" not in ["y"]
                }
                """)).isEqualTo("""
                runbook "r" {
                  let a = (1 + 2) * 3
                  let b = (x and y) or z
                  let c = not (x == 1)
                  let d = -(5)
                  let e = (a + b).abs()
                  ;a.abs()
                  let f = "x" not in ["y"]
                }
                """.replace(";a.abs()", "a.abs()"));
    }

    @Test
    void keepsElseIfAndTheRunbookHandlersInPlace() {
        assertThat(fmt("""
                runbook "r" {
                  description "d"
                  if a { log 1 } else if b { log 2 } else { if c { log 3 } }
                  parallel { step "p1" { log 1 }
                    step "p2" { log 2 } }
                  on failure { log "f" }
                  always {}
                }
                """)).isEqualTo("""
                runbook "r" {
                  description "d"

                  if a {
                    log 1
                  } else if b {
                    log 2
                  } else {
                    if c {
                      log 3
                    }
                  }

                  parallel {
                    step "p1" {
                      log 1
                    }

                    step "p2" {
                      log 2
                    }
                  }

                  on failure {
                    log "f"
                  }

                  always {}
                }
                """);
    }

    @Test
    void aStatementStartingWithABracketKeepsTheSemicolonThatSeparatesIt() {
        assertThat(fmt("""
                runbook "r" {
                  let x = [1]
                  ;[1, 2].len()
                }
                """)).isEqualTo("""
                runbook "r" {
                  let x = [1]
                  ;[1, 2].len()
                }
                """);
    }

    @Test
    void commentsInOddPlacesAreKeptAndTheResultIsStable() {
        String[] cases = {
            "runbook \"r\" # after the name\n{\n  log 1\n}\n",
            "runbook \"r\" {\n  step \"s\" # before the options\n  timeout 5s {\n    log 1\n  }\n}\n",
            "runbook \"r\" {\n  if true {\n    log 1\n  } # after then\n  else {\n    log 2\n  }\n}\n",
            "runbook \"r\" {\n  step \"s\" {\n    # only a comment\n  }\n}\n",
            "runbook \"r\" {\n  let l = [ # empty\n  ]\n  log l\n}\n",
            "runbook \"r\" {\n  step \"s\" {\n    log 1\n  } on failure { # handler\n    log 2\n  }\n}\n",
            "runbook \"r\" {\n  param a: int = 1 # one\n  # between params\n  param b: int = 2\n  log a + b\n}\n",
            "runbook \"r\" {\n  let m = {\n    a: 1, # first\n    # before b\n    b: 2\n    # at the end\n  }\n  log m\n}\n",
            "runbook \"r\" {\n  parallel { # side by side\n    # first\n    step \"a\" { log 1 }\n    step \"b\" { log 2 } # second\n  }\n}\n",
            "runbook \"r\" {\n  log 1\n  # before always\n  always {\n    log 2\n  }\n}\n# no newline at the end",
            "runbook \"r\" {\n  let x = f(a, # a\n    g(b, # b\n      c))\n}\n",
            "runbook \"r\" {\n  let a = 1;\n  -a\n  let b = [a]; [1].len()\n}\n",
            "runbook \"r\" {\n  wait until x # polled\n    every 1s # how often\n    timeout 5s\n}\n",
            "runbook \"r\" {\n  let cfg = {description: \"not it\"}\n  let d = cfg.description\n  param p: int = 1\n"
                    + "  description \"\"\"\n    Over\n    two lines \\${not} \"quoted\"\n  \"\"\"\n  log \"${d} ${p}\"\n}\n",
        };
        for (String c : cases) fmt(c);
    }

    /** Every statement and expression type is laid out: a new AST node type fails here until the formatter handles it. */
    @Test
    void everyAstNodeTypeHasALayout() {
        Runbook rb = EveryNode.runbook();
        Set<Class<?>> seen = new HashSet<>();
        collect(AstShapeWalker.nodes(rb), seen);
        assertThat(seen).as("the sink holds every node type; add the new one to it").containsAll(EveryNode.kinds());
        fmt(EveryNode.SOURCE);
    }

    private static void collect(Iterable<Object> nodes, Set<Class<?>> seen) {
        for (Object n : nodes) seen.add(n.getClass());
    }
}
