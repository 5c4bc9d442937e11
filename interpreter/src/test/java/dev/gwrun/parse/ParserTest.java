package dev.gwrun.parse;

import dev.gwrun.ast.Expr;
import dev.gwrun.ast.Runbook;
import dev.gwrun.ast.Stmt;
import dev.gwrun.runtime.Durations;
import dev.gwrun.source.Diagnostic;
import dev.gwrun.source.SourceFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** Runbooks that parse, and the shape of the AST they become. */
class ParserTest {

    @ParameterizedTest(name = "{0}  →  {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            1 + 2 * 3            | (+ 1 (* 2 3))
            1 - 2 - 3            | (- (- 1 2) 3)
            (1 + 2) * 3          | (* (+ 1 2) 3)
            -n * 2               | (* (- n) 2)
            -1                   | -1
            not a == b           | (not (== a b))
            a and b or c         | (or (and a b) c)
            a or b and c         | (or a (and b c))
            not a and b          | (and (not a) b)
            x in xs and y        | (and (in x xs) y)
            x not in xs          | (not in x xs)
            a + 1 < b * 2        | (< (+ a 1) (* b 2))
            r.json["items"][0]   | r.json["items"][0]
            http.get(u).status   | http.get(u).status
            f(1, timeout: 5s)    | f(1, timeout: 5s)
            """)
    void operatorsBindAsDocumented(String source, String tree) {
        assertThat(show(logged(source))).isEqualTo(tree);
    }

    @Test
    void stringsSplitIntoTextAndInterpolatedExpressions() {
        assertThat(show(logged("\"v${version}-${n + 1}!\""))).isEqualTo("(str \"v\" version \"-\" (+ n 1) \"!\")");
        assertThat(valueOf(logged("\"tab\\there, \\$HOME, $5\""))).isEqualTo("tab\there, $HOME, $5");
    }

    @Test
    void tripleQuotedStringsLoseTheirCommonIndentAndBlankEdgeLines() {
        Runbook rb = parse("""
                runbook "r" {
                  log \"""
                      cd /app
                        make ${target}
                      done
                      \"""
                }
                """);

        Expr message = ((Stmt.Log) rb.body().get(0)).message();
        assertThat(show(message)).isEqualTo("(str \"cd /app\\n  make \" target \"\\ndone\")");
    }

    @Test
    void acceptsAShebangFirstLine() {
        Runbook rb = parse("#!/usr/bin/env gwrun\nrunbook \"deploy\" {\n  log \"hi\"\n}\n");

        assertThat(rb.name()).isEqualTo("deploy");
        assertThat(rb.nameSpan().line()).isEqualTo(2);
        assertThat(rb.body()).hasSize(1);
    }

    @Test
    void keywordsMayBeMemberNamesNamedArgumentsAndMapKeys() {
        Runbook rb = parse("""
                runbook "r" {
                  step "a" {
                  } on failure {
                    log error.step
                    http.get(url, timeout: 5s, headers: {step: 1, "if": 2})
                  }
                }
                """);

        List<Stmt> handler = ((Stmt.Step) rb.body().get(0)).onFailure().statements();
        assertThat(show(((Stmt.Log) handler.get(0)).message())).isEqualTo("error.step");
        assertThat(show(((Stmt.ExprStmt) handler.get(1)).expr())).isEqualTo("http.get(url, timeout: 5s, headers: {step: 1, if: 2})");
    }

    @Test
    void onFailureOnItsOwnLineBelongsToTheRunbook() {
        Runbook rb = parse("""
                runbook "r" {
                  step "a" {
                    log "a"
                  }
                  on failure {
                    log "runbook failed"
                  }
                }
                """);

        Stmt.Step step = (Stmt.Step) rb.body().get(0);
        assertThat(step.onFailure()).isNull();
        assertThat(step.span().endLine()).isEqualTo(4);
        assertThat(rb.onFailure()).isNotNull();
        assertThat(rb.onFailure().span().line()).isEqualTo(5);
        assertThat(show(((Stmt.Log) rb.onFailure().statements().get(0)).message())).isEqualTo("\"runbook failed\"");
    }

    @Test
    void onFailureAfterTheClosingBraceBelongsToTheStep() {
        Runbook rb = parse("""
                runbook "r" {
                  step "a" {
                    log "a"
                  } on failure {
                    recover
                  }
                }
                """);

        Stmt.Step step = (Stmt.Step) rb.body().get(0);
        assertThat(rb.onFailure()).isNull();
        assertThat(step.onFailure().statements()).singleElement().isInstanceOf(Stmt.Recover.class);
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '|', textBlock = """
            250ms   | PT0.25S
            30s     | PT30S
            1m30s   | PT1M30S
            1h      | PT1H
            2d      | PT48H
            1_000ms | PT1S
            """)
    void durationsAddTheirParts(String source, String iso) {
        assertThat(valueOf(logged(source))).isEqualTo(Duration.parse(iso));
    }

    @Test
    void aSemicolonLetsAParenthesisStartTheNextStatement() {
        Runbook rb = parse("runbook \"r\" {\n  let x = f\n  ;(g)\n}\n");

        assertThat(rb.body()).hasSize(2);
        assertThat(show(((Stmt.ExprStmt) rb.body().get(1)).expr())).isEqualTo("g");
    }

    @Test
    void emojiAndAccentsBeforeAnErrorKeepItsColumn() {
        // 🚀 is two UTF-16 units; columns count UTF-16 units, as the caret line and editors do.
        SourceFile file = SourceFile.of("t.gwrun", "runbook \"r\" {\n  log \"🚀 déployé ✓\" $\n}\n");

        List<Diagnostic> diagnostics = Parsing.parseRunbook(file).diagnostics();

        assertThat(diagnostics).hasSize(1);
        Diagnostic d = diagnostics.get(0);
        assertThat(d.message()).isEqualTo("unexpected character '$'");
        assertThat(d.span().line() + ":" + d.span().column()).isEqualTo("2:22");
        assertThat(d.span().text()).isEqualTo("$");
    }

    @Test
    void emojiInAStringKeepTheSpansOfLaterNodes() {
        Runbook rb = parse("runbook \"r\" {\n  log \"🚀🚀\" + name\n}\n");

        Expr.Binary sum = (Expr.Binary) ((Stmt.Log) rb.body().get(0)).message();
        assertThat(sum.right().span().text()).isEqualTo("name");
        assertThat(sum.opSpan().text()).isEqualTo("+");
        assertThat(valueOf(sum.left())).isEqualTo("🚀🚀");
        assertThat(sum.left().span().text()).isEqualTo("\"🚀🚀\"");
    }

    // ---- Helpers ----------------------------------------------------------------------

    private static Runbook parse(String text) {
        ParseResult<Runbook> result = Parsing.parseRunbook(SourceFile.of("t.gwrun", text));
        assertThat(result.diagnostics()).isEmpty();
        assertThat(result.ok()).isTrue();
        return result.ast();
    }

    /** The expression of {@code log <source>} in an otherwise empty runbook. */
    private static Expr logged(String source) {
        return ((Stmt.Log) parse("runbook \"r\" {\n  log " + source + "\n}\n").body().get(0)).message();
    }

    private static Object valueOf(Expr e) {
        assertThat(e).isInstanceOf(Expr.Literal.class);
        return ((Expr.Literal) e).value();
    }

    /** A compact, parenthesised form of an expression: operators prefix, calls and members as written. */
    static String show(Expr e) {
        if (e instanceof Expr.Literal l) {
            if (l.value() instanceof String s) return quote(s);
            if (l.value() instanceof Duration d) return Durations.format(d);
            return String.valueOf(l.value());
        }
        if (e instanceof Expr.Name n) return n.name();
        if (e instanceof Expr.Template t) {
            return "(str " + t.parts().stream()
                    .map(p -> p instanceof Expr x ? show(x) : quote((String) p))
                    .collect(Collectors.joining(" ")) + ")";
        }
        if (e instanceof Expr.Binary b) return "(" + b.op().symbol + " " + show(b.left()) + " " + show(b.right()) + ")";
        if (e instanceof Expr.Unary u) return "(" + (u.op() == Expr.UnaryOp.NOT ? "not" : "-") + " " + show(u.operand()) + ")";
        if (e instanceof Expr.Member m) return show(m.target()) + "." + m.name();
        if (e instanceof Expr.Index i) return show(i.target()) + "[" + show(i.index()) + "]";
        if (e instanceof Expr.Call c) {
            return show(c.callee()) + "(" + c.args().stream()
                    .map(a -> (a.name() == null ? "" : a.name() + ": ") + show(a.value()))
                    .collect(Collectors.joining(", ")) + ")";
        }
        if (e instanceof Expr.ListLit l) return l.items().stream().map(ParserTest::show).collect(Collectors.joining(", ", "[", "]"));
        if (e instanceof Expr.MapLit m) {
            return m.entries().stream().map(en -> en.key() + ": " + show(en.value())).collect(Collectors.joining(", ", "{", "}"));
        }
        throw new AssertionError("no form for " + e);
    }

    private static String quote(String text) {
        return "\"" + text.replace("\n", "\\n") + "\"";
    }
}
