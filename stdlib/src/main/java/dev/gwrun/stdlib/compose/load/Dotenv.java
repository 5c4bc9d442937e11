package dev.gwrun.stdlib.compose.load;

import dev.gwrun.source.SourceFile;
import dev.gwrun.source.Span;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The one dotenv parser: Compose's {@code .env}, {@code --env-file} and {@code env_file}, gwrun's own
 * {@code --env-file} and the runbook function {@code dotenv(path)}. It follows compose-go's
 * {@code dotenv/parser.go}, so a file means to gwrun what it means to Docker Compose v2:
 * <ul>
 *   <li>{@code KEY=VALUE} or {@code KEY: VALUE}, an optional {@code export } before the key; keys of
 *       letters, digits, {@code _ . - [ ]};</li>
 *   <li>a key alone on its line takes its value from the environment (left out when unset);</li>
 *   <li>unquoted values end at the line's end or at {@code " #"}, trailing blanks trimmed;</li>
 *   <li>{@code 'single'} quotes are literal; {@code "double"} quotes know {@code \n \t \\ \" \$} and
 *       octal {@code \0NNN}; both may span lines;</li>
 *   <li>unquoted and double-quoted values substitute {@code ${VAR}} (every form of {@link Template}),
 *       the environment first, then the keys the file set above; {@code $$} and {@code \$} are a
 *       literal {@code $};</li>
 *   <li>{@code #} starts a comment line; blank lines are skipped.</li>
 * </ul>
 * A malformed line is one error with the file, line and column and the line itself.
 */
public final class Dotenv {
    private Dotenv() {}

    /**
     * Reads a file's variables in file order.
     *
     * @param lookup values of variables the file refers to (or names alone on a line) from outside it;
     *               null for none
     * @throws ComposeException naming the file, line and column of a malformed line, or why it cannot be read
     */
    public static Map<String, String> read(Path file, Function<String, String> lookup) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new ComposeException("env file " + file + " does not exist");
        } catch (IOException e) {
            throw new ComposeException("cannot read env file " + file + ": " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new ComposeException(notUtf8(file, bytes));
        }
        if (text.startsWith("\uFEFF")) text = text.substring(1);
        return parse(new SourceFile(file.toString(), file, text), lookup);
    }

    /** Parses text already read (its name is the one diagnostics show). */
    public static Map<String, String> parse(SourceFile source, Function<String, String> lookup) {
        return new Parser(source, lookup == null ? k -> null : lookup).parse();
    }

    private static String notUtf8(Path file, byte[] bytes) {
        int line = 1;
        var decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT);
        // Find the first line that does not decode, so the message can point at it.
        int start = 0;
        for (int i = 0; i <= bytes.length; i++) {
            if (i == bytes.length || bytes[i] == '\n') {
                try {
                    decoder.reset().decode(ByteBuffer.wrap(bytes, start, i - start));
                } catch (CharacterCodingException e) {
                    return "env file " + file + ":" + line + ": not UTF-8 text (is it a binary file, or in another encoding?)";
                }
                line++;
                start = i + 1;
            }
        }
        return "env file " + file + ": not UTF-8 text";
    }

    private static final class Parser {
        private final SourceFile source;
        private final String src;
        private final Function<String, String> lookup;
        private final Map<String, String> out = new LinkedHashMap<>();
        private int pos;

        Parser(SourceFile source, Function<String, String> lookup) {
            this.source = source;
            this.src = source.text();
            this.lookup = lookup;
        }

        Map<String, String> parse() {
            while (true) {
                skipBlankAndComments();
                if (pos >= src.length()) return out;
                statement();
            }
        }

        private void skipBlankAndComments() {
            while (pos < src.length()) {
                char c = src.charAt(pos);
                if (Character.isWhitespace(c)) {
                    pos++;
                } else if (c == '#') {
                    int nl = src.indexOf('\n', pos);
                    pos = nl < 0 ? src.length() : nl + 1;
                } else {
                    return;
                }
            }
        }

        private void statement() {
            int lineStart = pos;
            if (src.startsWith("export", pos) && pos + 6 < src.length() && isSpace(src.charAt(pos + 6))) {
                pos += 6;
                while (pos < src.length() && isSpace(src.charAt(pos))) pos++;
            }
            int keyStart = pos;
            int keyEnd = -1;
            boolean inherited = false;
            while (pos < src.length()) {
                char c = src.charAt(pos);
                if (c == '=' || c == ':' || c == '\n') {
                    keyEnd = pos;
                    inherited = c == '\n';
                    pos++;
                    break;
                }
                if (isSpace(c) || c == '_' || c == '.' || c == '-' || c == '[' || c == ']' || Character.isLetterOrDigit(c)) {
                    pos++;
                    continue;
                }
                throw error(pos, "unexpected character '" + c + "' in variable name '" + lineAt(lineStart).strip() + "'");
            }
            if (keyEnd < 0) {
                keyEnd = pos;
                inherited = true;
            }
            String key = src.substring(keyStart, keyEnd).strip();
            if (key.isEmpty()) throw error(keyStart, "a line with no variable name (expected KEY=VALUE)");
            for (int i = 0; i < key.length(); i++) {
                if (isSpace(key.charAt(i))) throw error(keyStart + i, "a variable name cannot contain a space: '" + key + "' (expected KEY=VALUE)");
            }
            if (inherited) {
                String v = lookup.apply(key);
                if (v != null) out.put(key, v);
                return;
            }
            while (pos < src.length() && isSpace(src.charAt(pos))) pos++;
            out.put(key, value(key));
        }

        private String value(String key) {
            if (pos >= src.length()) return "";
            char q = src.charAt(pos);
            if (q != '\'' && q != '"') {
                int nl = src.indexOf('\n', pos);
                int end = nl < 0 ? src.length() : nl;
                String v = src.substring(pos, end);
                int valueStart = pos;
                pos = nl < 0 ? src.length() : nl + 1;
                int comment = v.indexOf(" #");
                if (comment >= 0) v = v.substring(0, comment);
                v = v.stripTrailing();
                return expand(v, valueStart);
            }
            int open = pos;
            StringBuilder chars = new StringBuilder();
            boolean escape = false;
            for (int i = pos + 1; i < src.length(); i++) {
                char c = src.charAt(i);
                if (c != q) {
                    if (!escape && c == '\\') {
                        escape = true;
                        continue;
                    }
                    if (escape) {
                        escape = false;
                        chars.append('\\');
                    }
                    chars.append(c);
                    continue;
                }
                if (escape) {
                    escape = false;
                    chars.append(c);
                    continue;
                }
                pos = i + 1;
                String v = chars.toString();
                if (q == '"') v = expand(unescape(v), open);
                // What follows the closing quote on its line is ignored, as compose-go does.
                return v;
            }
            throw error(open, "unterminated quoted value for " + key + " (no closing " + q + ")");
        }

        private String expand(String value, int at) {
            try {
                return Template.substitute(value, name -> {
                    String v = lookup.apply(name);
                    return v != null ? v : out.get(name);
                }, name -> {});
            } catch (Template.TemplateException e) {
                throw error(at, e.getMessage());
            }
        }

        private static String unescape(String s) {
            if (s.indexOf('\\') < 0) return s;
            StringBuilder b = new StringBuilder(s.length());
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c != '\\' || i + 1 >= s.length()) {
                    b.append(c);
                    continue;
                }
                char n = s.charAt(i + 1);
                switch (n) {
                    case 'a' -> { b.append('\u0007'); i++; }
                    case 'b' -> { b.append('\b'); i++; }
                    case 'c' -> { b.append("\\c"); i++; }
                    case 'f' -> { b.append('\f'); i++; }
                    case 'n' -> { b.append('\n'); i++; }
                    case 'r' -> { b.append('\r'); i++; }
                    case 't' -> { b.append('\t'); i++; }
                    case 'v' -> { b.append('\u000B'); i++; }
                    case '\\' -> { b.append('\\'); i++; }
                    case '"' -> { b.append('"'); i++; }
                    case '$' -> { b.append("$$"); i++; }
                    case '0' -> {
                        int j = i + 2;
                        while (j < s.length() && j < i + 5 && s.charAt(j) >= '0' && s.charAt(j) <= '7') j++;
                        if (j > i + 2) {
                            b.append((char) Integer.parseInt(s.substring(i + 2, j), 8));
                        } else {
                            b.append('\0');
                        }
                        i = j - 1;
                    }
                    default -> b.append(c);
                }
            }
            return b.toString();
        }

        private String lineAt(int offset) {
            return source.line(source.lineOf(offset));
        }

        private ComposeException error(int offset, String message) {
            return new ComposeException(new Span(source, offset, Math.min(src.length(), offset + 1)), message);
        }

        private static boolean isSpace(char c) {
            return c == '\t' || c == '\u000B' || c == '\f' || c == '\r' || c == ' ' || c == '\u0085' || c == '\u00A0';
        }
    }
}
