package dev.gwrun.parse;

import dev.gwrun.grammar.GwrunLexer;
import dev.gwrun.grammar.GwrunParser;
import dev.gwrun.source.Diagnostic;
import dev.gwrun.source.SourceFile;
import dev.gwrun.source.Span;
import org.antlr.v4.runtime.DefaultErrorStrategy;
import org.antlr.v4.runtime.InputMismatchException;
import org.antlr.v4.runtime.NoViableAltException;
import org.antlr.v4.runtime.Parser;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.TokenStream;
import org.antlr.v4.runtime.misc.IntervalSet;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Stops at the first syntax error (no repair: a half-repaired tree must never run) and words it
 * for a person, from what the parser was reading and what it expected. ANTLR's own messages
 * ("mismatched input … expecting {…}") never reach the user.
 */
final class SyntaxErrorStrategy extends DefaultErrorStrategy {
    private final SourceFile source;
    private final Offsets offsets;

    SyntaxErrorStrategy(SourceFile source, Offsets offsets) {
        this.source = source;
        this.offsets = offsets;
    }

    @Override
    public void recover(Parser recognizer, RecognitionException e) {
        throw error(recognizer, e);
    }

    @Override
    public Token recoverInline(Parser recognizer) {
        throw error(recognizer, recognizer.getCurrentToken());
    }

    @Override
    public void reportError(Parser recognizer, RecognitionException e) {
        throw error(recognizer, e);
    }

    private SyntaxError error(Parser p, RecognitionException e) {
        Token offending = e.getOffendingToken() != null ? e.getOffendingToken() : p.getCurrentToken();
        Token start = e instanceof NoViableAltException nva ? nva.getStartToken() : null;
        return error(p, offending, start);
    }

    @Override
    protected void reportUnwantedToken(Parser recognizer) {
        throw error(recognizer, recognizer.getCurrentToken());
    }

    @Override
    protected void reportMissingToken(Parser recognizer) {
        throw error(recognizer, recognizer.getCurrentToken());
    }

    @Override
    public void sync(Parser recognizer) {
        try {
            super.sync(recognizer);
        } catch (InputMismatchException e) {
            throw error(recognizer, recognizer.getCurrentToken());
        }
    }

    // ---- Wording ---------------------------------------------------------------------

    private SyntaxError error(Parser p, Token offending) {
        return error(p, offending, null);
    }

    private SyntaxError error(Parser p, Token offending, Token startOfFailedStatement) {
        IntervalSet expected;
        try {
            expected = p.getExpectedTokens();
        } catch (RuntimeException e) {
            expected = new IntervalSet();
        }
        Token previous = previousToken(p.getInputStream(), offending);
        Diagnostic d = word(p, offending, previous, expected, startOfFailedStatement);
        return new SyntaxError(d);
    }

    private Diagnostic word(Parser p, Token t, Token previous, IntervalSet expected, Token startOfFailedStatement) {
        int type = t.getType();
        Span at = offsets.of(t);
        // Where a token is missing at the end of a line, point just after what came before it.
        Span missingAt = previous != null && previous.getLine() < t.getLine() ? offsets.of(previous).after() : at;
        String found = describe(t);
        String foundSuffix = missingAt == at ? ", found " + found : "";

        if (type == GwrunLexer.BAD_CHAR) return badCharacter(t, at);
        if (type == GwrunLexer.BAD_NUMBER) {
            return Diagnostic.error(at, "invalid number or duration '" + t.getText() + "'",
                    "durations are a whole number and a unit: 250ms, 30s, 5m, 1h, 1d (or combined: 1m30s)");
        }
        if (expected.contains(GwrunLexer.STR_CLOSE) && (type == Token.EOF || type == GwrunLexer.STR_NEWLINE)) {
            return unterminatedString(t);
        }
        if (expected.contains(GwrunLexer.TRIPLE_CLOSE) && type == Token.EOF) {
            Span open = at;
            for (ParserRuleContext c = p.getContext(); c != null; c = c.getParent()) {
                if (c instanceof GwrunParser.TripleStringContext triple) { open = offsets.of(triple.getStart()); break; }
            }
            return Diagnostic.error(open, "unterminated \"\"\" string: it is never closed with \"\"\"");
        }
        if (type == Token.EOF) {
            Token open = unclosed(p.getInputStream());
            if (open != null) {
                String closer = open.getType() == GwrunLexer.LPAREN ? ")" : open.getType() == GwrunLexer.LBRACK ? "]" : "}";
                return Diagnostic.error(offsets.of(open), "'" + open.getText() + "' is never closed: expected '" + closer
                        + "' before the end of the file");
            }
        }

        if (type == GwrunLexer.ONCE) {
            return Diagnostic.error(at, "'once' is a step option: write step \"name\" once { … }");
        }
        String lockName = lockNameProblem(p.getContext());
        if (lockName != null) return Diagnostic.error(missingAt, lockName + foundSuffix);

        if (p.getContext() instanceof GwrunParser.FileContext && expected.contains(Token.EOF)) {
            return Diagnostic.error(at, "unexpected " + found + " after the end of the runbook");
        }

        // Word it for the innermost construct that has something to say; an expression that ended
        // early (or a block that did not start) defers to the construct around it.
        String contextual = null;
        for (ParserRuleContext c = p.getContext(); c != null; c = c.getParent()) {
            contextual = contextual(c, t, previous, expected);
            if (contextual != null) break;
            boolean transparent = c instanceof GwrunParser.ExprContext || c instanceof GwrunParser.PostfixExprContext
                    || c instanceof GwrunParser.PrimaryContext || c instanceof GwrunParser.BlockContext
                    || c instanceof GwrunParser.StringContext || c instanceof GwrunParser.AnyNameContext;
            if (!transparent) break;
        }
        if (contextual == null && startOfFailedStatement != null) {
            contextual = insideBrackets(p.getInputStream(), startOfFailedStatement, t);
        }
        if (contextual != null) {
            String hint = type == GwrunLexer.ASSIGN && expected.contains(GwrunLexer.LBRACE) ? "to compare two values, use '=='" : null;
            if (isKeyword(type) && expected.contains(GwrunLexer.IDENT) && !expected.contains(GwrunLexer.LPAREN)) {
                return Diagnostic.error(at, "'" + t.getText() + "' is a keyword and cannot be used as a name");
            }
            return Diagnostic.error(missingAt, contextual + foundSuffix, hint);
        }
        if ((type == GwrunLexer.RBRACE || type == GwrunLexer.RPAREN || type == GwrunLexer.RBRACK) && !opened(p.getInputStream(), t)) {
            return Diagnostic.error(at, "unexpected '" + t.getText() + "': nothing open here for it to close");
        }
        if (type == GwrunLexer.ELSE) {
            return Diagnostic.error(at, "unexpected 'else': it must follow the '}' of an if block or the condition of a guard");
        }
        if (expectsExpression(expected)) {
            String after = previous == null ? "" : " after " + describe(previous);
            return Diagnostic.error(missingAt, "expected an expression" + after + foundSuffix);
        }
        List<String> names = expectedNames(expected);
        if (!names.isEmpty() && names.size() <= 4) {
            return Diagnostic.error(missingAt, "expected " + or(names) + foundSuffix);
        }
        return Diagnostic.error(at, "unexpected " + found);
    }

    /** {@code lock { … }}: the block was read as a map literal for the name; say the name is missing. */
    private static String lockNameProblem(ParserRuleContext ctx) {
        for (ParserRuleContext c = ctx; c != null; c = c.getParent()) {
            if (c instanceof GwrunParser.LockStmtContext l && l.body == null
                    && (l.name == null || l.name.getStart().getType() == GwrunLexer.LBRACE)) {
                return "expected the lock's name after 'lock', e.g. lock \"production-deploy\" { … }";
            }
        }
        return null;
    }

    /** Messages that depend on the construct being read. */
    private String contextual(ParserRuleContext ctx, Token t, Token previous, IntervalSet expected) {
        boolean wantsBrace = expected.contains(GwrunLexer.LBRACE);
        if (ctx instanceof GwrunParser.FileContext) {
            return "expected 'runbook \"name\" { … }': a .gwrun file holds one runbook";
        }
        if (ctx instanceof GwrunParser.RunbookContext r && r.RUNBOOK() != null) {
            if (r.name == null) return "expected the runbook's name in double quotes after 'runbook'";
            if (r.LBRACE() == null && wantsBrace) return "expected '{' after the runbook's name";
        }
        if (ctx instanceof GwrunParser.StepStmtContext step) {
            if (expected.contains(GwrunLexer.FAILURE)) return "expected 'failure' after 'on'";
            if (wantsBrace) return step.stepOption().isEmpty() ? "expected '{' after step name" : "expected '{' to open the step's body";
        }
        if (ctx instanceof GwrunParser.StepOptionContext && wantsBrace) return "expected '{' to open the step's body";
        if (ctx instanceof GwrunParser.RetryOptionContext && wantsBrace) return "expected '{' to open the step's body";
        if (ctx instanceof GwrunParser.OnFailureItemContext || (ctx instanceof GwrunParser.RunbookItemContext && previous != null && previous.getType() == GwrunLexer.ON)) {
            if (expected.contains(GwrunLexer.FAILURE)) return "expected 'failure' after 'on'";
        }
        if (ctx instanceof GwrunParser.LockStmtContext && wantsBrace) return "expected '{' to open the lock's body";
        if (ctx instanceof GwrunParser.ParallelStmtContext && wantsBrace) return "expected '{' after 'parallel'";
        if (ctx instanceof GwrunParser.AlwaysItemContext && wantsBrace) return "expected '{' after 'always'";
        if (ctx instanceof GwrunParser.OnFailureItemContext && wantsBrace) return "expected '{' after 'on failure'";
        if (ctx instanceof GwrunParser.IfStmtContext || ctx instanceof GwrunParser.ElseIfClauseContext) {
            if (wantsBrace) return "expected '{' after the if condition";
        }
        if (ctx instanceof GwrunParser.ElseClauseContext && previous != null && previous.getType() == GwrunLexer.ELSE) {
            return "expected '{' or 'if' after 'else'";
        }
        if (ctx instanceof GwrunParser.ForStmtContext f) {
            if (expected.contains(GwrunLexer.IDENT) && f.IDENT() == null) return "expected a loop variable name after 'for'";
            if (expected.contains(GwrunLexer.IN)) return "expected 'in' after 'for " + f.IDENT().getText() + "'";
            if (wantsBrace) return "expected '{' after the list to loop over";
        }
        if (ctx instanceof GwrunParser.WaitStmtContext) {
            if (expected.contains(GwrunLexer.UNTIL)) return "expected 'until' after 'wait'";
        }
        if (ctx instanceof GwrunParser.GuardStmtContext && expected.contains(GwrunLexer.ELSE)) {
            return "expected 'else \"message\"' after the guard's condition";
        }
        if (ctx instanceof GwrunParser.LetStmtContext let) {
            if (let.IDENT() == null) return "expected a variable name after 'let'";
            if (let.ASSIGN() == null && expected.contains(GwrunLexer.ASSIGN)) return "expected '=' after 'let " + let.IDENT().getText() + "'";
        }
        if (ctx instanceof GwrunParser.ParamItemContext param) {
            if (param.IDENT().isEmpty()) return "expected a param name after 'param'";
            if (param.COLON() == null && expected.contains(GwrunLexer.COLON)) return "expected ':' and a type after the param name, e.g. param " + param.IDENT(0).getText() + ": string";
            if (param.typeName == null) return "expected a type after ':' (string, int, float, bool, duration, list or map)";
        }
        if (ctx instanceof GwrunParser.FnStmtContext fn) {
            if (fn.IDENT().isEmpty()) return "expected a function name after 'fn'";
            if (expected.contains(GwrunLexer.LPAREN)) return "expected '(' after the function name";
            if (expected.contains(GwrunLexer.RPAREN)) return "expected a parameter name, ',' or ')' in the function's parameter list";
            if (wantsBrace) return "expected '{' to open the function's body";
        }
        if (ctx instanceof GwrunParser.CallExprContext || ctx instanceof GwrunParser.ArgumentsContext) {
            if (expected.contains(GwrunLexer.RPAREN)) return "expected ',' or ')' in the argument list";
        }
        if (ctx instanceof GwrunParser.ListLiteralContext && expected.contains(GwrunLexer.RBRACK)) return "expected ',' or ']' in the list";
        if (ctx instanceof GwrunParser.IndexExprContext && expected.contains(GwrunLexer.RBRACK)) return "expected ']' to close the index";
        if (ctx instanceof GwrunParser.MapEntryContext && expected.contains(GwrunLexer.COLON)) return "expected ':' after the map key";
        if (ctx instanceof GwrunParser.MapLiteralContext) {
            if (expected.contains(GwrunLexer.RBRACE)) return "expected ',' or '}' in the map";
        }
        if (ctx instanceof GwrunParser.ParenExprContext && expected.contains(GwrunLexer.RPAREN)) return "expected ')'";
        if (ctx instanceof GwrunParser.InterpPartContext || ctx instanceof GwrunParser.TripleInterpPartContext) {
            if (expected.contains(GwrunLexer.RBRACE)) return "expected '}' to close the ${…} in the string";
        }
        if (ctx instanceof GwrunParser.MemberExprContext) return "expected a name after '.'";
        return null;
    }

    /** When no statement fits, an unclosed bracket before the bad token usually says what was meant. */
    private static String insideBrackets(TokenStream in, Token from, Token bad) {
        Token innermost = innermostOpen(in, from.getTokenIndex(), bad.getTokenIndex());
        if (innermost == null) return null;
        Token before = previousToken(in, innermost);
        boolean afterValue = before != null && switch (before.getType()) {
            case GwrunLexer.IDENT, GwrunLexer.RPAREN, GwrunLexer.RBRACK, GwrunLexer.STR_CLOSE, GwrunLexer.TRIPLE_CLOSE -> true;
            default -> false;
        };
        return switch (innermost.getType()) {
            case GwrunLexer.LPAREN -> afterValue ? "expected ',' or ')' in the argument list" : "expected ')'";
            case GwrunLexer.LBRACK -> afterValue ? "expected ']' to close the index" : "expected ',' or ']' in the list";
            case GwrunLexer.STR_INTERP, GwrunLexer.TRIPLE_INTERP -> "expected '}' to close the ${…} in the string";
            default -> "expected ',' or '}' in the map";
        };
    }

    private Diagnostic badCharacter(Token t, Span at) {
        String c = t.getText();
        String hint = switch (c) {
            case "&" -> "use 'and'";
            case "|" -> "use 'or'";
            case "!" -> "use 'not'";
            case "'" -> "strings use double quotes: \"text\"";
            case "`" -> "to run a command, use sh(\"…\")";
            case "$" -> "interpolate inside a string: \"${name}\"";
            default -> null;
        };
        String shown = c.codePoints().allMatch(cp -> cp >= 32) ? c : String.format("\\u%04x", (int) c.charAt(0));
        return Diagnostic.error(at, "unexpected character '" + shown + "'", hint);
    }

    private Diagnostic unterminatedString(Token t) {
        // Walk back to the opening quote of the string being read.
        TokenStream in = null;
        Span at = offsets.of(t);
        int line = t.getLine();
        String text = source.line(line);
        int q = text.lastIndexOf('"');
        Span open = at;
        if (q >= 0 && t.getType() == GwrunLexer.STR_NEWLINE) {
            int lineStart = offsets.of(t).start() - text.length();
            open = new Span(source, Math.max(0, lineStart + firstOpenQuote(text)), Math.max(0, lineStart + firstOpenQuote(text)) + 1);
        }
        return Diagnostic.error(open, "unterminated string: a \"…\" string must end on the line it starts",
                "for text over several lines, use \"\"\"…\"\"\"");
    }

    private static int firstOpenQuote(String line) {
        boolean in = false;
        int open = -1;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\\' && in) { i++; continue; }
            if (c == '#' && !in) break;
            if (c == '"') {
                in = !in;
                if (in) open = i;
            }
        }
        return Math.max(0, open);
    }

    private static Token previousToken(TokenStream in, Token t) {
        for (int i = t.getTokenIndex() - 1; i >= 0; i--) {
            Token prev = in.get(i);
            if (prev.getChannel() == Token.DEFAULT_CHANNEL) return prev;
        }
        return null;
    }

    /** Whether a bracket of the closer's kind is open before it (then the closer is not stray). */
    private static boolean opened(TokenStream in, Token closer) {
        int opener = switch (closer.getType()) {
            case GwrunLexer.RPAREN -> GwrunLexer.LPAREN;
            case GwrunLexer.RBRACK -> GwrunLexer.LBRACK;
            default -> GwrunLexer.LBRACE;
        };
        int depth = 0;
        for (int i = 0; i < closer.getTokenIndex() && i < in.size(); i++) {
            int type = in.get(i).getType();
            if (type == opener || (opener == GwrunLexer.LBRACE && (type == GwrunLexer.STR_INTERP || type == GwrunLexer.TRIPLE_INTERP))) depth++;
            else if (type == closer.getType() && depth > 0) depth--;
        }
        return depth > 0;
    }

    /** The innermost bracket (or ${ of a string) still open at the end of the file. */
    private static Token unclosed(TokenStream in) {
        return innermostOpen(in, 0, in.size());
    }

    /** The innermost bracket (or ${ of a string) opened in tokens [from, to) and not closed before {@code to}. */
    private static Token innermostOpen(TokenStream in, int from, int to) {
        Deque<Token> open = new ArrayDeque<>();
        for (int i = from; i < to && i < in.size(); i++) {
            Token tok = in.get(i);
            switch (tok.getType()) {
                case GwrunLexer.LBRACE, GwrunLexer.LPAREN, GwrunLexer.LBRACK, GwrunLexer.STR_INTERP, GwrunLexer.TRIPLE_INTERP -> open.push(tok);
                case GwrunLexer.RBRACE, GwrunLexer.RPAREN, GwrunLexer.RBRACK -> { if (!open.isEmpty()) open.pop(); }
                default -> { }
            }
        }
        return open.peek();
    }

    static String describe(Token t) {
        int type = t.getType();
        if (type == Token.EOF) return "end of file";
        if (type == GwrunLexer.DQUOTE || type == GwrunLexer.TRIPLE_OPEN || type == GwrunLexer.STR_CLOSE || type == GwrunLexer.TRIPLE_CLOSE) return "a string";
        if (type == GwrunLexer.INT || type == GwrunLexer.FLOAT) return "number " + t.getText();
        if (type == GwrunLexer.DURATION) return "duration " + t.getText();
        if (type == GwrunLexer.IDENT) return "'" + t.getText() + "'";
        if (type == GwrunLexer.STR_NEWLINE) return "end of line";
        if (isKeyword(type)) return "keyword '" + t.getText() + "'";
        return "'" + t.getText() + "'";
    }

    static boolean isKeyword(int type) {
        return type >= GwrunLexer.RUNBOOK && type <= GwrunLexer.NULL;
    }

    private static boolean expectsExpression(IntervalSet expected) {
        return expected.contains(GwrunLexer.INT) && expected.contains(GwrunLexer.IDENT) && expected.contains(GwrunLexer.DQUOTE);
    }

    private static List<String> expectedNames(IntervalSet expected) {
        List<String> names = new ArrayList<>();
        for (int type : expected.toArray()) {
            String name = switch (type) {
                case Token.EOF -> "end of file";
                case GwrunLexer.IDENT -> "a name";
                case GwrunLexer.DQUOTE -> "a string";
                case GwrunLexer.INT -> "a number";
                default -> {
                    String literal = GwrunLexer.VOCABULARY.getLiteralName(type);
                    yield literal == null ? null : literal;
                }
            };
            if (name != null && !names.contains(name)) names.add(name);
        }
        return names;
    }

    private static String or(List<String> names) {
        if (names.size() == 1) return names.get(0);
        return String.join(", ", names.subList(0, names.size() - 1)) + " or " + names.get(names.size() - 1);
    }
}
