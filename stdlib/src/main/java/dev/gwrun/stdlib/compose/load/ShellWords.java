package dev.gwrun.stdlib.compose.load;

import java.util.ArrayList;
import java.util.List;

/** Splits a {@code command:} or {@code entrypoint:} string as a POSIX shell would (quotes, backslashes), without expanding anything. */
final class ShellWords {
    private ShellWords() {}

    /** The words; null with a reason in {@code error[0]} when a quote is not closed. */
    static List<String> split(String s, String[] error) {
        List<String> out = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        int i = 0, n = s.length();
        while (i < n) {
            char c = s.charAt(i);
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
                if (inWord) { out.add(word.toString()); word.setLength(0); inWord = false; }
                i++;
            } else if (c == '\\') {
                if (i + 1 < n) word.append(s.charAt(i + 1));
                i += 2;
                inWord = true;
            } else if (c == '\'') {
                int end = s.indexOf('\'', i + 1);
                if (end < 0) { error[0] = "unclosed single quote"; return null; }
                word.append(s, i + 1, end);
                i = end + 1;
                inWord = true;
            } else if (c == '"') {
                i++;
                boolean closed = false;
                while (i < n) {
                    char d = s.charAt(i);
                    if (d == '"') { closed = true; i++; break; }
                    if (d == '\\' && i + 1 < n && "\"\\$`\n".indexOf(s.charAt(i + 1)) >= 0) { word.append(s.charAt(i + 1)); i += 2; continue; }
                    word.append(d);
                    i++;
                }
                if (!closed) { error[0] = "unclosed double quote"; return null; }
                inWord = true;
            } else {
                word.append(c);
                i++;
                inWord = true;
            }
        }
        if (inWord) out.add(word.toString());
        return out;
    }
}
