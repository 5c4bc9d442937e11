package dev.gwrun.parse;

import dev.gwrun.grammar.GwrunLexer;
import org.antlr.v4.runtime.CharStream;

/**
 * The generated lexer, kept from popping an empty mode stack: a stray '}' at top level pops a
 * mode that was never pushed, which ANTLR answers with EmptyStackException. Here it stays in the
 * default mode and the parser reports the '}' as unexpected.
 */
final class GuardedLexer extends GwrunLexer {
    GuardedLexer(CharStream input) {
        super(input);
        removeErrorListeners();
    }

    @Override
    public int popMode() {
        if (_modeStack.isEmpty()) return _mode;
        return super.popMode();
    }
}
