package dev.gwrun.cli.repl;

import org.jline.reader.CompletingParsedLine;
import org.jline.reader.EOFError;
import org.jline.reader.ParsedLine;
import org.jline.reader.Parser;

import java.util.ArrayList;
import java.util.List;

/**
 * JLine's view of what is typed. On Enter, unfinished input throws {@link EOFError}, which JLine
 * answers with a continuation prompt; so a whole {@code step … { … } on failure { … }} can be
 * typed or pasted. For completion it finds the word under the cursor: a dotted name
 * ({@code docker.ru}), the text of a string being typed, or a word of a {@code :command}.
 */
final class InputParser implements Parser {

    @Override
    public ParsedLine parse(String line, int cursor, ParseContext context) {
        if (context == ParseContext.ACCEPT_LINE) {
            String missing = Continuation.missing(line);
            if (missing != null) {
                int lastLine = (int) line.chars().filter(c -> c == '\n').count();
                throw new EOFError(lastLine, line.length(), "unclosed", missing);
            }
        }
        return words(line, cursor);
    }

    static Line words(String line, int cursor) {
        int c = Math.min(cursor, line.length());
        if (line.stripLeading().startsWith(":")) return commandWords(line, c);
        int quote = openQuote(line, c);
        int start;
        if (quote >= 0) {
            start = quote + 1;
        } else {
            start = c;
            while (start > 0 && isWordChar(line.charAt(start - 1))) start--;
        }
        return new Line(line, c, List.of(line.substring(start, c)), 0, c - start, start, quote >= 0);
    }

    /** The offset of the '"' that opens a string still open at the cursor (on its line), or -1. */
    static int openQuote(String line, int cursor) {
        int lineStart = line.lastIndexOf('\n', cursor - 1) + 1;
        int open = -1;
        for (int i = lineStart; i < cursor; i++) {
            char ch = line.charAt(i);
            if (open >= 0 && ch == '\\') { i++; continue; }
            if (ch == '"') open = open >= 0 ? -1 : i;
            else if (ch == '#' && open < 0) return -1;
        }
        return open;
    }

    static boolean isWordChar(char ch) {
        return Character.isLetterOrDigit(ch) || ch == '_' || ch == '.';
    }

    private static Line commandWords(String line, int cursor) {
        List<String> words = new ArrayList<>();
        int wordIndex = -1, wordCursor = 0, wordStart = cursor;
        int i = 0;
        while (i <= line.length()) {
            while (i < line.length() && Character.isWhitespace(line.charAt(i))) i++;
            int s = i;
            while (i < line.length() && !Character.isWhitespace(line.charAt(i))) i++;
            if (s == i && i < line.length()) continue;
            if (cursor >= s && cursor <= i && wordIndex < 0) {
                wordIndex = words.size();
                wordCursor = cursor - s;
                wordStart = s;
            }
            if (s < i) words.add(line.substring(s, i));
            if (i >= line.length()) break;
        }
        if (wordIndex < 0 || wordIndex >= words.size()) {
            wordIndex = words.size();
            words.add("");
            wordCursor = 0;
            wordStart = cursor;
        }
        return new Line(line, cursor, words, wordIndex, wordCursor, wordStart, false);
    }

    /** A parsed line: the word being completed, where it starts, and whether it is inside a string. */
    record Line(String line, int cursor, List<String> words, int wordIndex, int wordCursor, int wordStart, boolean inString)
            implements CompletingParsedLine {
        @Override public String word() { return words.get(wordIndex); }

        // Words are taken as typed: nothing is quoted or escaped, so candidates go in as they are.
        @Override public CharSequence escape(CharSequence candidate, boolean complete) { return candidate; }

        @Override public int rawWordCursor() { return wordCursor; }

        @Override public int rawWordLength() { return word().length(); }

        /** The text before the word being completed. */
        String before() { return line.substring(0, wordStart - (inString ? 1 : 0)); }
    }
}
