package dev.gwrun.check;

import dev.gwrun.ast.Runbook;
import dev.gwrun.parse.ParseResult;
import dev.gwrun.parse.Parsing;
import dev.gwrun.source.Diagnostic;
import dev.gwrun.source.SourceFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runbooks that parse but are wrong, and the exact diagnostic the checker gives for each:
 * {@code line:col: message}. The runbooks live in a temporary directory beside a sub-runbook
 * ({@code migrate.gwrun}) so {@code run} can be checked too; {@code <dir>} in a message stands for it.
 */
class CheckErrorTableTest {
    @TempDir
    static Path dir;

    @BeforeAll
    static void writeSubRunbook() throws IOException {
        Files.writeString(dir.resolve("migrate.gwrun"), """
                runbook "migrate" {
                  param version: string
                  param dry_run: bool = false
                }
                """);
    }

    /** One mistake: the runbook that makes it and what the checker must say about it. */
    record Case(String mistake, String source, String at, String message) {
        String expected() { return at + ": " + message.replace("<dir>", dir.toString()); }

        @Override public String toString() { return mistake; }
    }

    static Case bad(String mistake, String source, String at, String message) {
        return new Case(mistake, source, at, message);
    }

    static Stream<Case> mistakes() {
        return Stream.of(
                // ---- Names ----
                bad("an undefined name", """
                        runbook "r" {
                          let version = "1.4"
                          log versoin
                        }
                        """, "3:7", "'versoin' is not defined — did you mean 'version'?"),
                bad("an unknown function", """
                        runbook "r" {
                          http.gett("http://x")
                        }
                        """, "2:3", "unknown function 'http.gett' — did you mean 'http.get'?"),
                bad("an unknown global function", """
                        runbook "r" {
                          shh("ls")
                        }
                        """, "2:3", "unknown function 'shh' — did you mean 'sh'?"),
                bad("an unknown module", """
                        runbook "r" {
                          htp.get("http://x")
                        }
                        """, "2:3", "unknown module 'htp' — did you mean 'http'?"),
                bad("calling a module as a function", """
                        runbook "r" {
                          http("http://x")
                        }
                        """, "2:3", "'http' is a module, not a function: call one of its functions, e.g. http.get(…)"),
                bad("using a module as a value", """
                        runbook "r" {
                          let client = http
                        }
                        """, "2:16", "'http' is a module: call one of its functions, e.g. http.get(…)"),
                bad("using a host function without calling it", """
                        runbook "r" {
                          log http.get
                        }
                        """, "2:7", "'http.get' is a function: call it with (…)"),
                bad("naming a variable after a module", """
                        runbook "r" {
                          let http = 1
                        }
                        """, "2:7", "'http' is the name of a module; choose another name"),
                bad("calling a value that is not a function", """
                        runbook "r" {
                          let x = 1
                          x()
                        }
                        """, "3:3", "'x' is an int, not a function"),

                // ---- Arguments ----
                bad("an unknown named argument", """
                        runbook "r" {
                          http.get("http://x", timout: 5s)
                        }
                        """, "2:24", "'http.get' has no parameter 'timout' — did you mean 'timeout'? (parameters: url, headers, timeout)"),
                bad("a missing required argument", """
                        runbook "r" {
                          http.get(headers: {})
                        }
                        """, "2:3", "'http.get' needs the argument 'url'"),
                bad("too many positional arguments", """
                        runbook "r" {
                          sleep(5s, 6s)
                        }
                        """, "2:13", "'sleep' takes 1 positional argument, got 2"),
                bad("an argument given by position and by name", """
                        runbook "r" {
                          http.get("http://x", url: "http://y")
                        }
                        """, "2:24", "'url' is given both by position and by name"),
                bad("an int where a duration argument is wanted", """
                        runbook "r" {
                          http.get("http://x", timeout: 30)
                        }
                        """, "2:33", "argument 'timeout' of 'http.get' must be a duration, got an int (write it with a unit: 30s, 500ms)"),
                bad("a string where a map argument is wanted", """
                        runbook "r" {
                          http.get("http://x", "Accept: json")
                        }
                        """, "2:24", "argument 'headers' of 'http.get' must be a map, got a string"),
                bad("calling a fn with too few arguments", """
                        runbook "r" {
                          fn greet(who, greeting) {
                            log "${greeting}, ${who}"
                          }
                          greet("ops")
                        }
                        """, "5:3", "'greet' needs the argument 'greeting'"),
                bad("calling a fn with too many arguments", """
                        runbook "r" {
                          fn greet(who) {
                            log who
                          }
                          greet("ops", "hi")
                        }
                        """, "5:16", "'greet' takes 1 positional argument, got 2"),

                // ---- Locks ----
                bad("a lock name that is not a string", """
                        runbook "r" {
                          lock 42 {
                          }
                        }
                        """, "2:8", "a lock's name must be a string, got an int"),
                bad("an empty lock name", """
                        runbook "r" {
                          lock "" {
                          }
                        }
                        """, "2:8", "a lock's name cannot be empty"),
                bad("a lock timeout that is not a duration", """
                        runbook "r" {
                          lock "deploy" timeout 5 {
                          }
                        }
                        """, "2:25", "a lock's timeout needs a duration like 30s, got an int — write 5s or 5ms"),
                bad("an undefined name inside a lock", """
                        runbook "r" {
                          lock "deploy" {
                            log versoin
                          }
                        }
                        """, "3:9", "'versoin' is not defined"),

                // ---- Step, wait and condition types ----
                bad("a step timeout that is not a duration", """
                        runbook "r" {
                          step "build" timeout 30 {
                          }
                        }
                        """, "2:24", "a step's timeout needs a duration like 30s, got an int — write 30s or 30ms"),
                bad("a backoff that is not a duration", """
                        runbook "r" {
                          step "build" retry 3 backoff "2s" {
                          }
                        }
                        """, "2:32", "backoff needs a duration like 30s, got a string"),
                bad("a wait interval that is not a duration", """
                        runbook "r" {
                          wait until true every 5
                        }
                        """, "2:25", "every needs a duration like 30s, got an int — write 5s or 5ms"),
                bad("a retry count that is not an int", """
                        runbook "r" {
                          step "build" retry "3" {
                          }
                        }
                        """, "2:22", "retry needs a whole number of attempts, got a string"),
                bad("a step name that is not a string", """
                        runbook "r" {
                          step 1 {
                          }
                        }
                        """, "2:8", "a step's name must be a string, got an int"),
                bad("an if condition that is not a bool", """
                        runbook "r" {
                          if "yes" {
                          }
                        }
                        """, "2:6", "an if needs true or false, got a string"),
                bad("a guard condition that is not a bool", """
                        runbook "r" {
                          guard 1 else "no"
                        }
                        """, "2:9", "a guard needs true or false, got an int"),
                bad("a step's 'when' that is not a bool", """
                        runbook "r" {
                          step "build" when "prod" {
                          }
                        }
                        """, "2:21", "a step's 'when' needs true or false, got a string"),
                bad("a wait condition that is not a bool", """
                        runbook "r" {
                          wait until 200
                        }
                        """, "2:14", "'wait until' needs true or false, got an int"),
                bad("looping over an int", """
                        runbook "r" {
                          for i in 5 {
                          }
                        }
                        """, "2:12", "'for' needs a list (or a map, for its keys), got an int"),

                // ---- Operators ----
                bad("subtracting an int from a string", """
                        runbook "r" {
                          log "a" - 1
                        }
                        """, "2:11", "cannot apply '-' to string and int"),
                bad("adding an int to a duration", """
                        runbook "r" {
                          sleep(5s + 1)
                        }
                        """, "2:12", "cannot apply '+' to duration and int"),
                bad("negating a string", """
                        runbook "r" {
                          log -"a"
                        }
                        """, "2:7", "cannot negate string"),
                bad("'not' on an int", """
                        runbook "r" {
                          log not 1
                        }
                        """, "2:11", "'not' needs true or false, got an int"),
                bad("'and' on an int", """
                        runbook "r" {
                          log 1 and true
                        }
                        """, "2:7", "'and' needs true or false, got an int"),
                bad("a param that hides a standard function", """
                        runbook "r" {
                          param env: string = "staging"
                          log env("HOME")
                        }
                        """, "3:7", "'env' is a string, not a function: the param 'env' (line 2) hides the function env()"
                        + "\nhint: rename the param (e.g. 'env_name') to call env() here"),
                bad("a secret param is a string: not an index", """
                        runbook "r" {
                          param token: secret
                          let xs = [1, 2]
                          log xs[token]
                        }
                        """, "4:10", "a list index must be an int, got a string"),
                bad("indexing a list with a string", """
                        runbook "r" {
                          let xs = [1, 2]
                          log xs["a"]
                        }
                        """, "3:10", "a list index must be an int, got a string"),

                // ---- Methods and fields ----
                bad("an unknown method on a string", """
                        runbook "r" {
                          let s = "abc"
                          log s.uper()
                        }
                        """, "3:9", "string has no method 'uper' — did you mean 'upper'?"),
                bad("a method used as a field", """
                        runbook "r" {
                          let s = "abc"
                          log s.len
                        }
                        """, "3:9", "a string has no field 'len' (it is a method: call it with (…))"),
                bad("an unknown field of an HTTP response", """
                        runbook "r" {
                          let r = http.get("http://x")
                          log r.stauts
                        }
                        """, "3:9", "HTTP response has no field 'stauts' — did you mean 'status'? (fields: body, headers, json, status)"),
                bad("a field called like a method", """
                        runbook "r" {
                          let r = http.get("http://x")
                          log r.status()
                        }
                        """, "3:9", "HTTP response has no method 'status' ('status' is a field: leave out the (…))"),

                // ---- Where statements may stand ----
                bad("'recover' outside a handler", """
                        runbook "r" {
                          recover
                        }
                        """, "2:3", "'recover' belongs in a step's on failure block"),
                bad("'recover' in a step's body", """
                        runbook "r" {
                          step "build" {
                            recover
                          }
                        }
                        """, "3:5", "'recover' belongs in a step's on failure block"),
                bad("'recover' in the runbook's on failure", """
                        runbook "r" {
                          on failure {
                            recover
                          }
                        }
                        """, "3:5", "'recover' belongs in a step's on failure block"),
                bad("'recover' in a fn declared in a handler", """
                        runbook "r" {
                          step "build" {
                          } on failure {
                            fn give_up() {
                              recover
                            }
                          }
                        }
                        """, "5:7", "'recover' belongs in a step's on failure block, not in a function"),
                bad("'return' outside a fn", """
                        runbook "r" {
                          return 1
                        }
                        """, "2:3", "'return' outside a function"),
                bad("'error' outside a handler", """
                        runbook "r" {
                          log error.message
                        }
                        """, "2:7", "'error' is only defined inside an on failure block"),

                // ---- Declarations and assignments ----
                bad("assigning to an undeclared name", """
                        runbook "r" {
                          count = 1
                        }
                        """, "2:3", "cannot assign to 'count': it is not declared; use 'let count = …'"),
                bad("assigning to a param", """
                        runbook "r" {
                          param env: string
                          env = "prod"
                        }
                        """, "3:3", "cannot assign to param 'env': params are read-only; copy it with 'let'"),
                bad("assigning to a fn", """
                        runbook "r" {
                          fn f() {
                          }
                          f = 1
                        }
                        """, "4:3", "cannot assign to function 'f'"),
                bad("assigning to 'error' in a handler", """
                        runbook "r" {
                          step "build" {
                          } on failure {
                            error = "x"
                          }
                        }
                        """, "4:5", "cannot assign to 'error' in a handler"),
                bad("redeclaring a let in the same block", """
                        runbook "r" {
                          let x = 1
                          let x = 2
                        }
                        """, "3:7", "'x' is already declared in this block (line 2)"),
                bad("a param declared twice", """
                        runbook "r" {
                          param env: string
                          param env: int
                        }
                        """, "3:9", "param 'env' is declared twice (first on line 2)"),
                bad("a param default of the wrong type", """
                        runbook "r" {
                          param replicas: int = "three"
                        }
                        """, "2:25", "the default of param 'replicas' is a string, but its type is int"),
                bad("two parallel steps with one name", """
                        runbook "r" {
                          parallel {
                            step "a" {
                            }
                            step "a" {
                            }
                          }
                        }
                        """, "5:10", "two steps of this parallel block are named 'a'"),

                // ---- Sub-runbooks ----
                bad("running a runbook that does not exist", """
                        runbook "r" {
                          run "missing.gwrun"
                        }
                        """, "2:7", "cannot find runbook 'missing.gwrun' (looked for <dir>/missing.gwrun)"),
                // found by fuzzing (RunbookFuzzTestInputs/runbook/finding-nul-in-run-path): an InvalidPathException escaped
                bad("running a runbook whose path has a NUL character in it", """
                        runbook "r" {
                          run "migrate\0.gwrun"
                        }
                        """, "2:7", "cannot find runbook: the path is not a file path (Nul character not allowed)"),
                bad("running a runbook with params that are not a map", """
                        runbook "r" {
                          run "migrate.gwrun" with "1.4"
                        }
                        """, "2:28", "'with' needs a map of params, got a string"),
                bad("running a runbook without its required param", """
                        runbook "r" {
                          run "migrate.gwrun"
                        }
                        """, "2:3", "runbook 'migrate.gwrun' needs the param 'version' (string): add it to 'with'"),
                bad("running a runbook with an unknown param", """
                        runbook "r" {
                          run "migrate.gwrun" with {version: "1.4", dryrun: true}
                        }
                        """, "2:45", "runbook 'migrate.gwrun' has no param 'dryrun' — did you mean 'dry_run'?"),
                bad("running a runbook with a param of the wrong type", """
                        runbook "r" {
                          run "migrate.gwrun" with {version: 14}
                        }
                        """, "2:38", "param 'version' of 'migrate.gwrun' is string, got an int"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mistakes")
    void reportsTheMistakeWhereItIs(Case c) {
        assertThat(check(c.source())).map(CheckErrorTableTest::describe).containsExactly(c.expected());
    }

    @Test
    void reportsEveryErrorSortedByPosition() {
        // The runbook's on failure is checked after the body, but comes first in the file.
        List<Diagnostic> diagnostics = check("""
                runbook "r" {
                  on failure {
                    log error.mesage
                  }
                  step "build" timeout 30 {
                    http.gett("http://x")
                  }
                }
                """);

        assertThat(diagnostics).allMatch(Diagnostic::isError);
        assertThat(diagnostics).map(CheckErrorTableTest::describe).containsExactly(
                "3:15: error has no field 'mesage' — did you mean 'message'? (fields: kind, line, message, step)",
                "5:24: a step's timeout needs a duration like 30s, got an int — write 30s or 30ms",
                "6:5: unknown function 'http.gett' — did you mean 'http.get'?");
    }

    @Test
    void aCorrectRunbookHasNoDiagnostics() {
        assertThat(check("""
                runbook "r" {
                  param url: string = "http://localhost"
                  fn healthy() {
                    step "probe" {
                    } on failure {
                      log error.step
                      recover
                    }
                    return http.get(url, timeout: 5s).status == 200
                  }
                  step "deploy" timeout 5m retry 3 backoff 10s {
                    sh("make deploy", check: true)
                    wait until healthy() every 2s timeout 1m
                  } on failure {
                    log "${error.step} failed: ${error.message}"
                    recover
                  }
                  run "migrate.gwrun" with {version: env("VERSION", default: "1.0")}
                }
                """)).isEmpty();
    }

    @Test
    void theTableCoversManyDistinctMistakes() {
        List<Case> cases = mistakes().toList();
        assertThat(cases).hasSizeGreaterThanOrEqualTo(25);
        assertThat(cases.stream().map(Case::mistake).distinct()).hasSameSizeAs(cases);
    }

    private static List<Diagnostic> check(String text) {
        ParseResult<Runbook> parsed = Parsing.parseRunbook(new SourceFile("deploy.gwrun", dir.resolve("deploy.gwrun"), text));
        assertThat(parsed.diagnostics()).as("the runbook must parse; this table is about the checker").isEmpty();
        return new Checker(TestRegistry.create()).check(parsed.ast());
    }

    private static String describe(Diagnostic d) {
        return d.span().line() + ":" + d.span().column() + ": " + d.message() + (d.hint() == null ? "" : "\nhint: " + d.hint());
    }
}
