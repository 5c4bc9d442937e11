package dev.gwrun.cli.repl;

import dev.gwrun.grammar.GwrunLexer;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.Token;

/**
 * Whether typed text is unfinished, so Enter should give a continuation prompt instead of running
 * it: a {@code {}, {@code (}, {@code [} or {@code ${} still open, or a {@code """} string not yet
 * closed. Decided on the language's own tokens, so brackets inside strings and comments do not count.
 */
final class Continuation {
    private Continuation() {}

    /** What is still open at the end of the text, innermost first ("}" for a block), or null when nothing is. */
    static String missing(String text) {
        if (text.strip().startsWith(":")) return null;
        GwrunLexer lexer = new GwrunLexer(CharStreams.fromString(text)) {
            // A stray '}' would pop a mode that was never pushed; the parser reports it, not this scan.
            @Override public int popMode() { return _modeStack.isEmpty() ? _mode : super.popMode(); }
        };
        lexer.removeErrorListeners();
        StringBuilder open = new StringBuilder();
        for (Token t = lexer.nextToken(); t.getType() != Token.EOF; t = lexer.nextToken()) {
            switch (t.getType()) {
                case GwrunLexer.LBRACE, GwrunLexer.STR_INTERP, GwrunLexer.TRIPLE_INTERP -> open.append('}');
                case GwrunLexer.LPAREN -> open.append(')');
                case GwrunLexer.LBRACK -> open.append(']');
                case GwrunLexer.RBRACE, GwrunLexer.RPAREN, GwrunLexer.RBRACK -> {
                    // A mismatched closer is a syntax error for the parser to report, not something to wait for.
                    if (open.length() == 0) return null;
                    open.setLength(open.length() - 1);
                }
                default -> { }
            }
        }
        if (lexer._mode == GwrunLexer.TRIPLE) return "\"\"\"";
        return open.length() == 0 ? null : open.reverse().toString();
    }
}
