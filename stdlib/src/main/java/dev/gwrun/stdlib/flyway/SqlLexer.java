package dev.gwrun.stdlib.flyway;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A small PostgreSQL lexer, just enough to split a migration into statements and see its keywords
 * for what they are: comments ({@code --} and nested {@code /* *\/}), single-quoted strings with
 * {@code ''} escapes (and E'…' with backslash escapes), dollar-quoted strings {@code $tag$…$tag$} and
 * quoted identifiers never count as keywords, and keywords compare case-insensitively.
 */
final class SqlLexer {
    enum Kind { WORD, QUOTED_IDENT, STRING, DOLLAR_STRING, NUMBER, PUNCT }

    /**
     * One token. {@code text} is upper-cased for words, the content for quoted identifiers and strings;
     * {@code start}/{@code end} are offsets into the source, {@code line} 1-based.
     */
    record Token(Kind kind, String text, int line, int start, int end) {
        boolean is(String keyword) { return kind == Kind.WORD && text.equals(keyword); }

        boolean isPunct(String p) { return kind == Kind.PUNCT && text.equals(p); }
    }

    /** One statement: its tokens (without the closing semicolon) and its source text. */
    record Statement(List<Token> tokens, String text, int line) {}

    private final String src;
    private int pos;
    private int line = 1;

    private SqlLexer(String src) { this.src = src; }

    static List<Token> tokens(String sql) {
        return new SqlLexer(sql).all();
    }

    /** The statements of a script, split at semicolons outside strings and comments. */
    static List<Statement> statements(String sql) {
        List<Statement> out = new ArrayList<>();
        List<Token> current = new ArrayList<>();
        for (Token t : tokens(sql)) {
            if (t.isPunct(";")) {
                flush(sql, current, out);
                current = new ArrayList<>();
            } else {
                current.add(t);
            }
        }
        flush(sql, current, out);
        return out;
    }

    private static void flush(String sql, List<Token> tokens, List<Statement> out) {
        if (tokens.isEmpty()) return;
        String text = sql.substring(tokens.get(0).start(), tokens.get(tokens.size() - 1).end());
        out.add(new Statement(List.copyOf(tokens), text, tokens.get(0).line()));
    }

    private List<Token> all() {
        List<Token> out = new ArrayList<>();
        while (true) {
            skipSpaceAndComments();
            if (pos >= src.length()) return out;
            out.add(next());
        }
    }

    private void skipSpaceAndComments() {
        while (pos < src.length()) {
            char c = src.charAt(pos);
            if (c == '\n') {
                line++;
                pos++;
            } else if (Character.isWhitespace(c)) {
                pos++;
            } else if (c == '-' && peek(1) == '-') {
                while (pos < src.length() && src.charAt(pos) != '\n') pos++;
            } else if (c == '/' && peek(1) == '*') {
                blockComment();
            } else {
                return;
            }
        }
    }

    /** PostgreSQL block comments nest: {@code /* a /* b *\/ still comment *\/}. */
    private void blockComment() {
        int depth = 0;
        while (pos < src.length()) {
            char c = src.charAt(pos);
            if (c == '/' && peek(1) == '*') {
                depth++;
                pos += 2;
            } else if (c == '*' && peek(1) == '/') {
                depth--;
                pos += 2;
                if (depth == 0) return;
            } else {
                if (c == '\n') line++;
                pos++;
            }
        }
    }

    private Token next() {
        int start = pos, startLine = line;
        char c = src.charAt(pos);
        if ((c == 'E' || c == 'e') && peek(1) == '\'') {
            pos++;
            String s = quoted('\'', true);
            return new Token(Kind.STRING, s, startLine, start, pos);
        }
        if (c == '\'') return new Token(Kind.STRING, quoted('\'', false), startLine, start, pos);
        if (c == '"') return new Token(Kind.QUOTED_IDENT, quoted('"', false), startLine, start, pos);
        if (c == '$') {
            String tag = dollarTag();
            if (tag != null) return dollarString(tag, start, startLine);
        }
        if (Character.isLetter(c) || c == '_') {
            while (pos < src.length() && (Character.isLetterOrDigit(src.charAt(pos)) || src.charAt(pos) == '_' || src.charAt(pos) == '$')) pos++;
            return new Token(Kind.WORD, src.substring(start, pos).toUpperCase(Locale.ROOT), startLine, start, pos);
        }
        if (Character.isDigit(c)) {
            while (pos < src.length() && (Character.isLetterOrDigit(src.charAt(pos)) || src.charAt(pos) == '.')) pos++;
            return new Token(Kind.NUMBER, src.substring(start, pos), startLine, start, pos);
        }
        pos++;
        return new Token(Kind.PUNCT, String.valueOf(c), startLine, start, pos);
    }

    /** A quoted string or identifier; a doubled quote is one quote. Unterminated runs to the end. */
    private String quoted(char quote, boolean backslashEscapes) {
        StringBuilder b = new StringBuilder();
        pos++;
        while (pos < src.length()) {
            char c = src.charAt(pos);
            if (c == '\n') line++;
            if (backslashEscapes && c == '\\' && pos + 1 < src.length()) {
                b.append(src.charAt(pos + 1));
                pos += 2;
            } else if (c == quote) {
                if (peek(1) == quote) {
                    b.append(quote);
                    pos += 2;
                } else {
                    pos++;
                    return b.toString();
                }
            } else {
                b.append(c);
                pos++;
            }
        }
        return b.toString();
    }

    /** The tag of a dollar quote starting at pos ("" for $$), or null when this $ starts no quote ($1). */
    private String dollarTag() {
        int i = pos + 1;
        while (i < src.length() && (Character.isLetterOrDigit(src.charAt(i)) || src.charAt(i) == '_')) i++;
        if (i >= src.length() || src.charAt(i) != '$') return null;
        String tag = src.substring(pos + 1, i);
        if (!tag.isEmpty() && Character.isDigit(tag.charAt(0))) return null;
        return tag;
    }

    private Token dollarString(String tag, int start, int startLine) {
        String delimiter = "$" + tag + "$";
        int bodyStart = pos + delimiter.length();
        int close = src.indexOf(delimiter, bodyStart);
        int bodyEnd = close < 0 ? src.length() : close;
        for (int i = pos; i < bodyEnd; i++) if (src.charAt(i) == '\n') line++;
        pos = close < 0 ? src.length() : close + delimiter.length();
        return new Token(Kind.DOLLAR_STRING, src.substring(bodyStart, bodyEnd), startLine, start, pos);
    }

    private char peek(int ahead) {
        int i = pos + ahead;
        return i < src.length() ? src.charAt(i) : '\0';
    }
}
