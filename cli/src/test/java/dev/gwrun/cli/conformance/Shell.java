package dev.gwrun.cli.conformance;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a command string into words as a POSIX shell would without expanding anything (quotes removed,
 * backslash escapes honoured): how Compose v2 (go-shellwords) turns {@code command: a 'b c'} into a list,
 * and what the engine gets from v1 (docker-py's shlex.split) for the same string.
 */
final class Shell {
    private Shell() {}

    static List<Object> split(String s) {
        List<Object> words = new ArrayList<>();
        StringBuilder w = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (quote == '\'') {
                if (c == '\'') quote = 0; else w.append(c);
            } else if (quote == '"') {
                if (c == '"') quote = 0;
                else if (c == '\\' && i + 1 < s.length() && "\"\\$`".indexOf(s.charAt(i + 1)) >= 0) w.append(s.charAt(++i));
                else w.append(c);
            } else if (c == '\'' || c == '"') {
                quote = c;
                inWord = true;
            } else if (c == '\\' && i + 1 < s.length()) {
                w.append(s.charAt(++i));
                inWord = true;
            } else if (Character.isWhitespace(c)) {
                if (inWord) words.add(w.toString());
                w.setLength(0);
                inWord = false;
            } else {
                w.append(c);
                inWord = true;
            }
        }
        if (inWord) words.add(w.toString());
        return words;
    }
}
