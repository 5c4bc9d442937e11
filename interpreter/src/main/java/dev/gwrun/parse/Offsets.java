package dev.gwrun.parse;

import dev.gwrun.source.SourceFile;
import dev.gwrun.source.Span;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;

/**
 * Turns ANTLR positions into spans. ANTLR counts code points; Java strings count UTF-16 units,
 * so text with characters outside the BMP (emoji in a log message) needs a translation table.
 */
final class Offsets {
    private final SourceFile source;
    private final int[] codePointToChar;

    Offsets(SourceFile source) {
        this.source = source;
        String text = source.text();
        if (text.codePoints().count() == text.length()) {
            codePointToChar = null;
        } else {
            int n = (int) text.codePoints().count();
            codePointToChar = new int[n + 1];
            int ch = 0;
            for (int cp = 0; cp < n; cp++) {
                codePointToChar[cp] = ch;
                ch += Character.charCount(text.codePointAt(ch));
            }
            codePointToChar[n] = ch;
        }
    }

    int offset(int codePointIndex) {
        if (codePointToChar == null) return Math.max(0, Math.min(codePointIndex, source.text().length()));
        return codePointToChar[Math.max(0, Math.min(codePointIndex, codePointToChar.length - 1))];
    }

    Span of(Token token) {
        if (token.getType() == Token.EOF) {
            int end = source.text().length();
            return new Span(source, end, end);
        }
        return new Span(source, offset(token.getStartIndex()), offset(token.getStopIndex() + 1));
    }

    Span of(Token start, Token stop) {
        if (stop == null || stop.getType() == Token.EOF || stop.getStopIndex() < start.getStartIndex()) return of(start);
        return new Span(source, offset(start.getStartIndex()), offset(stop.getStopIndex() + 1));
    }

    Span of(ParserRuleContext ctx) {
        return of(ctx.getStart(), ctx.getStop());
    }
}
