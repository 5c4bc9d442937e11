package dev.gwrun.stdlib;

import dev.gwrun.runtime.GwrunError;
import dev.gwrun.runtime.Raw;
import dev.gwrun.runtime.Values;

import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * POSIX shell quoting for values interpolated into sh() commands: whatever a value holds, it
 * reaches the command as exactly one argument (a list as one argument per element) and the shell
 * runs nothing inside it.
 */
public final class ShellQuote {
    private ShellQuote() {}

    /**
     * The shell text for one interpolated value: strings single-quoted unless plainly safe,
     * numbers and bools as their text, null as {@code ''}, a list as its elements quoted and
     * joined by spaces, a {@code raw(x)} as is.
     *
     * @throws GwrunError kind "type" for a map, which has no single obvious shell form
     */
    public static String quote(Object value) {
        if (value == null) return "''";
        // Template.render already leaves top-level raw() pieces alone; this covers raw() inside a list.
        if (value instanceof Raw raw) return raw.text();
        if (value instanceof List<?> list) {
            StringJoiner words = new StringJoiner(" ");
            for (Object element : list) words.add(quote(element));
            return words.toString();
        }
        if (value instanceof Map<?, ?>) {
            throw new GwrunError("type", "a map cannot be interpolated into a shell command: "
                    + "interpolate its values one by one, or pass to_json(...) of it");
        }
        // Numbers, bools, durations and times print with safe characters only, so they stay bare.
        return word(Values.str(value));
    }

    /** One string as one shell word: bare when it holds only safe characters, else in single quotes. */
    public static String word(String text) {
        if (isBare(text)) return text;
        // Inside single quotes nothing is special except ' itself: close, add an escaped ', reopen.
        return "'" + text.replace("'", "'\\''") + "'";
    }

    private static boolean isBare(String text) {
        if (text.isEmpty()) return false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean safe = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || "_./:=@%+,-".indexOf(c) >= 0;
            if (!safe) return false;
        }
        return true;
    }
}
