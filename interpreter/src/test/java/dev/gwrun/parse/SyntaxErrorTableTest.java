package dev.gwrun.parse;

import dev.gwrun.ast.Runbook;
import dev.gwrun.source.Diagnostic;
import dev.gwrun.source.SourceFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bad runbooks and the exact diagnostic each must produce: {@code line:col: message}, plus the
 * hint line where there is one. Syntax errors stop the parse at the first one; the rest come from
 * the AST builder, which reports what the grammar cannot express.
 */
class SyntaxErrorTableTest {

    /** One mistake: the runbook that makes it and what gwrun must say about it. */
    record Case(String mistake, String source, String at, String message, String hint) {
        Case hint(String text) { return new Case(mistake, source, at, message, text); }

        String expected() { return at + ": " + message + (hint == null ? "" : "\nhint: " + hint); }

        @Override public String toString() { return mistake; }
    }

    static Case bad(String mistake, String source, String at, String message) {
        return new Case(mistake, source, at, message, null);
    }

    static Stream<Case> mistakes() {
        return Stream.of(
                // ---- The runbook itself ----
                bad("a file without 'runbook'", """
                        log "deploying"
                        """, "1:1", "expected 'runbook', found keyword 'log'"),
                bad("an empty file", "", "1:1", "expected 'runbook', found end of file"),
                bad("a runbook without a name", """
                        runbook {
                        }
                        """, "1:9", "expected the runbook's name in double quotes after 'runbook', found '{'"),
                bad("no '{' after the runbook's name", """
                        runbook "r"
                          log "x"
                        }
                        """, "1:12", "expected '{' after the runbook's name"),
                bad("a runbook name with ${…}", """
                        runbook "deploy ${x}" {
                        }
                        """, "1:9", "the runbook's name must be a plain string, without ${…}"),
                bad("text after the runbook's closing brace", """
                        runbook "r" {
                        }
                        log "x"
                        """, "3:1", "unexpected keyword 'log' after the end of the runbook"),
                bad("a stray '}'", """
                        runbook "r" {
                          log "x"
                        }
                        }
                        """, "4:1", "unexpected '}' after the end of the runbook"),
                bad("an unclosed '{' at the end of the file", """
                        runbook "r" {
                          step "build" {
                            log "x"
                        """, "2:16", "'{' is never closed: expected '}' before the end of the file"),
                bad("two descriptions", """
                        runbook "r" {
                          description "a"
                          description "b"
                        }
                        """, "3:3", "the runbook already has a description (line 2)"),
                bad("two runbook-level 'on failure' blocks", """
                        runbook "r" {
                          on failure {
                          }
                          on failure {
                          }
                        }
                        """, "4:3", "the runbook already has an 'on failure' block (line 2)"),
                bad("two 'always' blocks", """
                        runbook "r" {
                          always {
                          }
                          always {
                          }
                        }
                        """, "4:3", "the runbook already has an 'always' block (line 2)"),
                bad("'on' without 'failure' in the runbook", """
                        runbook "r" {
                          on fail {
                          }
                        }
                        """, "2:6", "expected 'failure' after 'on', found keyword 'fail'"),

                // ---- Params ----
                bad("a param without ':'", """
                        runbook "r" {
                          param env string
                        }
                        """, "2:13", "expected ':' and a type after the param name, e.g. param env: string, found 'string'"),
                bad("a misspelt param type", """
                        runbook "r" {
                          param env: strng
                        }
                        """, "2:14", "unknown type 'strng' — did you mean 'string'? (types: string, int, float, bool, duration, list, map, secret)"),
                bad("a param type from another language", """
                        runbook "r" {
                          param replicas: integer
                        }
                        """, "2:19", "unknown type 'integer' (types: string, int, float, bool, duration, list, map, secret)"),
                bad("an unfinished param default", """
                        runbook "r" {
                          param replicas: int = 1 +
                        }
                        """, "2:28", "expected an expression after '+'"),

                // ---- Steps ----
                bad("no '{' after the step name, same line", """
                        runbook "r" {
                          step "build" log "x"
                        }
                        """, "2:16", "expected '{' after step name, found keyword 'log'"),
                bad("no '{' after the step name, next line", """
                        runbook "r" {
                          step "build"
                          log "x"
                        }
                        """, "2:15", "expected '{' after step name"),
                bad("no '{' after the step's options", """
                        runbook "r" {
                          step "build" retry 3 backoff 2s log "x"
                        }
                        """, "2:35", "expected '{' to open the step's body, found keyword 'log'"),
                bad("a step timeout given twice", """
                        runbook "r" {
                          step "build" timeout 1m timeout 2m {
                          }
                        }
                        """, "2:27", "the step already has a timeout"),
                bad("a step's 'on' without 'failure'", """
                        runbook "r" {
                          step "build" {
                          } on {
                          }
                        }
                        """, "3:8", "expected 'failure' after 'on', found '{'"),
                bad("a nested step's 'on failure' on a later line", """
                        runbook "r" {
                          step "outer" {
                            step "inner" {
                            }
                            on failure {
                            }
                          }
                        }
                        """, "5:5", "a step's 'on failure' must start on the line of the '}' that closes the step")
                        .hint("write '} on failure {' — on a line of its own, 'on failure' belongs to the runbook"),
                bad("a statement that is not a step in a parallel block", """
                        runbook "r" {
                          parallel {
                            log "x"
                          }
                        }
                        """, "3:5", "a parallel block holds only steps: wrap this in a step"),
                bad("'once' twice on a step", """
                        runbook "r" {
                          step "backup" once once {
                          }
                        }
                        """, "2:22", "the step is already marked 'once'"),
                bad("'once' after the step's body", """
                        runbook "r" {
                          step "backup" {
                          } once
                        }
                        """, "3:5", "'once' is a step option: write step \"name\" once { … }"),
                bad("'once' on a wait", """
                        runbook "r" {
                          wait until true once
                        }
                        """, "2:19", "'once' is a step option: write step \"name\" once { … }"),
                bad("'once' before the step's name", """
                        runbook "r" {
                          step once "backup" {
                          }
                        }
                        """, "2:8", "'once' is a step option: write step \"name\" once { … }"),

                // ---- Locks ----
                bad("a lock without a name", """
                        runbook "r" {
                          lock {
                            log "deploying"
                          }
                        }
                        """, "3:9", "expected the lock's name after 'lock', e.g. lock \"production-deploy\" { … }, found a string"),
                bad("a lock without a body", """
                        runbook "r" {
                          lock "deploy"
                          log "x"
                        }
                        """, "2:16", "expected '{' to open the lock's body"),
                bad("a lock timeout without a body", """
                        runbook "r" {
                          lock "deploy" timeout 5m log "x"
                        }
                        """, "2:28", "expected '{' to open the lock's body, found keyword 'log'"),

                // ---- Statements ----
                bad("a keyword used as a variable name", """
                        runbook "r" {
                          let step = 1
                        }
                        """, "2:7", "'step' is a keyword and cannot be used as a name"),
                bad("a keyword used as a function name", """
                        runbook "r" {
                          fn run() {
                          }
                        }
                        """, "2:6", "'run' is a keyword and cannot be used as a name"),
                bad("'let' without '='", """
                        runbook "r" {
                          let x 1
                        }
                        """, "2:9", "expected '=' after 'let x', found number 1"),
                bad("an expression that ends at a line break", """
                        runbook "r" {
                          let x = 1 +
                        }
                        """, "2:14", "expected an expression after '+'"),
                bad("'if' used as an expression", """
                        runbook "r" {
                          let y = if x {
                          }
                        }
                        """, "2:11", "expected an expression after '=', found keyword 'if'"),
                bad("'=' instead of '==' in a condition", """
                        runbook "r" {
                          if x = 1 {
                          }
                        }
                        """, "2:8", "expected '{' after the if condition, found '='")
                        .hint("to compare two values, use '=='"),
                bad("'else' followed by neither '{' nor 'if'", """
                        runbook "r" {
                          if ok {
                          } else log "x"
                        }
                        """, "3:10", "expected '{' or 'if' after 'else', found keyword 'log'"),
                bad("'else' without 'if'", """
                        runbook "r" {
                          else {
                          }
                        }
                        """, "2:3", "unexpected 'else': it must follow the '}' of an if block or the condition of a guard"),
                bad("'for' without 'in'", """
                        runbook "r" {
                          for host hosts {
                          }
                        }
                        """, "2:12", "expected 'in' after 'for host', found 'hosts'"),
                bad("'wait' without 'until'", """
                        runbook "r" {
                          wait ready()
                        }
                        """, "2:8", "expected 'until' after 'wait', found 'ready'"),
                bad("a guard without 'else'", """
                        runbook "r" {
                          guard ok "not ok"
                        }
                        """, "2:12", "expected 'else \"message\"' after the guard's condition, found a string"),
                bad("a fn without '('", """
                        runbook "r" {
                          fn deploy {
                          }
                        }
                        """, "2:13", "expected '(' after the function name, found '{'"),
                bad("a fn parameter listed twice", """
                        runbook "r" {
                          fn f(a, a) {
                          }
                        }
                        """, "2:11", "parameter 'a' is listed twice"),
                bad("assigning to something that is not a variable", """
                        runbook "r" {
                          1 = 2
                        }
                        """, "2:3", "cannot assign to this: only a variable, a list element or a map entry can be assigned"),
                bad("'(' starting a new line", """
                        runbook "r" {
                          let x = f
                          (g)
                        }
                        """, "3:3", "'(' at the start of a line continues the expression on the line above as a call;"
                        + " move it up a line, or put ';' before it to start a new statement"),

                // ---- Characters ----
                bad("'&&' instead of 'and'", """
                        runbook "r" {
                          guard a && b else "no"
                        }
                        """, "2:11", "unexpected character '&'").hint("use 'and'"),
                bad("'||' instead of 'or'", """
                        runbook "r" {
                          guard a || b else "no"
                        }
                        """, "2:11", "unexpected character '|'").hint("use 'or'"),
                bad("'!' instead of 'not'", """
                        runbook "r" {
                          guard !a else "no"
                        }
                        """, "2:9", "unexpected character '!'").hint("use 'not'"),
                bad("single quotes", """
                        runbook "r" {
                          log 'hi'
                        }
                        """, "2:7", "unexpected character '''").hint("strings use double quotes: \"text\""),
                bad("a backtick command", """
                        runbook "r" {
                          `ls`
                        }
                        """, "2:3", "unexpected character '`'").hint("to run a command, use sh(\"…\")"),
                bad("'$' outside a string", """
                        runbook "r" {
                          log $name
                        }
                        """, "2:7", "unexpected character '$'").hint("interpolate inside a string: \"${name}\""),

                // ---- Literals ----
                bad("an unterminated string", """
                        runbook "r" {
                          log "unterminated
                        }
                        """, "2:7", "unterminated string: a \"…\" string must end on the line it starts")
                        .hint("for text over several lines, use \"\"\"…\"\"\""),
                bad("an unterminated \"\"\" string", """
                        runbook "r" {
                          log \"""text
                        }
                        """, "2:7", "unterminated \"\"\" string: it is never closed with \"\"\""),
                bad("an unclosed ${ in a string", """
                        runbook "r" {
                          log "v${version"
                        }
                        """, "2:18", "expected '}' to close the ${…} in the string, found a string"),
                bad("an unknown escape", """
                        runbook "r" {
                          log "C:\\qa"
                        }
                        """, "2:10", "unknown escape '\\q' (known: \\n \\t \\r \\0 \\\" \\\\ \\$)"),
                bad("'5sec' as a duration", """
                        runbook "r" {
                          sleep(5sec)
                        }
                        """, "2:9", "invalid number or duration '5sec'")
                        .hint("durations are a whole number and a unit: 250ms, 30s, 5m, 1h, 1d (or combined: 1m30s)"),
                bad("'1.5s' as a duration", """
                        runbook "r" {
                          sleep(1.5s)
                        }
                        """, "2:9", "invalid number or duration '1.5s'")
                        .hint("durations are a whole number and a unit: 250ms, 30s, 5m, 1h, 1d (or combined: 1m30s)"),
                bad("a number too large for an int", """
                        runbook "r" {
                          let x = 99999999999999999999
                        }
                        """, "2:11", "the number 99999999999999999999 is too large (the largest int is 9223372036854775807)"),
                // found by fuzzing (RunbookFuzzTestInputs/runbook/finding-duration-overflow): an ArithmeticException escaped
                bad("a duration too large for a duration", """
                        runbook "r" {
                          sleep(1001882102603448319d)
                        }
                        """, "2:9", "the duration '1001882102603448319d' is too large (the largest is 106751991167300d)"),
                bad("a duration too large for a number", """
                        runbook "r" {
                          sleep(99999999999999999999s)
                        }
                        """, "2:9", "the duration '99999999999999999999s' is too large (the largest is 106751991167300d)"),

                // ---- Calls, lists, maps, members ----
                bad("an argument list missing a comma", """
                        runbook "r" {
                          http.get("u" headers: {})
                        }
                        """, "2:16", "expected ',' or ')' in the argument list, found 'headers'"),
                bad("a positional argument after named ones", """
                        runbook "r" {
                          http.get(timeout: 5s, "u")
                        }
                        """, "2:25", "a positional argument cannot follow named ones"),
                bad("an argument given twice", """
                        runbook "r" {
                          http.get("u", timeout: 5s, timeout: 6s)
                        }
                        """, "2:30", "argument 'timeout' is given twice"),
                bad("a list missing ']'", """
                        runbook "r" {
                          let xs = [1, 2
                          log "x"
                        }
                        """, "2:17", "expected ',' or ']' in the list"),
                bad("an index missing ']'", """
                        runbook "r" {
                          log xs[0
                        }
                        """, "2:11", "expected ']' to close the index"),
                bad("a stray ')'", """
                        runbook "r" {
                          log "x")
                        }
                        """, "2:10", "unexpected ')': nothing open here for it to close"),
                bad("a map missing ':'", """
                        runbook "r" {
                          let m = {a 1}
                        }
                        """, "2:14", "expected ':' after the map key, found number 1"),
                bad("a duplicate map key", """
                        runbook "r" {
                          let m = {a: 1, a: 2}
                        }
                        """, "2:18", "key 'a' appears twice in this map"),
                bad("a '.' without a name after it", """
                        runbook "r" {
                          log x.
                        }
                        """, "2:9", "expected a name after '.'"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mistakes")
    void reportsTheMistakeWhereItIs(Case c) {
        ParseResult<Runbook> result = Parsing.parseRunbook(SourceFile.of("t.gwrun", c.source()));

        assertThat(result.ast()).as("nothing is built from a runbook with errors").isNull();
        assertThat(result.diagnostics()).allMatch(Diagnostic::isError);
        assertThat(result.diagnostics()).map(SyntaxErrorTableTest::describe).containsExactly(c.expected());
    }

    @Test
    void theBuilderReportsEveryProblemItFinds() {
        ParseResult<Runbook> result = Parsing.parseRunbook(SourceFile.of("t.gwrun", """
                runbook "r" {
                  description "a"
                  description "b"
                  let m = {a: 1, a: 2}
                  log "\\q"
                }
                """));

        assertThat(result.diagnostics()).map(SyntaxErrorTableTest::describe).containsExactly(
                "3:3: the runbook already has a description (line 2)",
                "4:18: key 'a' appears twice in this map",
                "5:8: unknown escape '\\q' (known: \\n \\t \\r \\0 \\\" \\\\ \\$)");
    }

    @Test
    void aMistakeInTheRunbookHandlerAfterAStepIsReportedOnce() {
        ParseResult<Runbook> result = Parsing.parseRunbook(SourceFile.of("t.gwrun", """
                runbook "r" {
                  step "a" { log "a" }
                  on failure {
                    log "\\q"
                  }
                }
                """));

        assertThat(result.diagnostics()).map(SyntaxErrorTableTest::describe).containsExactly(
                "4:10: unknown escape '\\q' (known: \\n \\t \\r \\0 \\\" \\\\ \\$)");
    }

    @Test
    void theTableCoversManyDistinctMistakes() {
        List<Case> cases = mistakes().toList();
        assertThat(cases).hasSizeGreaterThanOrEqualTo(25);
        assertThat(cases.stream().map(Case::mistake).distinct()).hasSameSizeAs(cases);
        assertThat(cases.stream().map(Case::source).distinct()).hasSameSizeAs(cases);
    }

    static String describe(Diagnostic d) {
        return d.span().line() + ":" + d.span().column() + ": " + d.message() + (d.hint() == null ? "" : "\nhint: " + d.hint());
    }
}
