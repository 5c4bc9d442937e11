package dev.gwrun.stdlib.compose.load;

import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Compose's variable substitution in one string (compose-go's {@code template}): {@code $V}, {@code ${V}},
 * {@code ${V:-d}}, {@code ${V-d}}, {@code ${V:?e}}, {@code ${V?e}}, {@code ${V:+x}}, {@code ${V+x}}, nested
 * defaults and {@code $$}. A {@code $} before anything else is kept as written, as compose-go does.
 */
public final class Template {
    private Template() {}

    /** Why a template cannot be substituted; the interpolation stage adds the file and line. */
    public static final class TemplateException extends RuntimeException {
        public TemplateException(String message) { super(message); }
    }

    /**
     * Substitutes every variable in {@code text}.
     *
     * @param lookup the value of a variable, null when it is unset
     * @param unset  told the name of each variable read while unset and without a default
     */
    public static String substitute(String text, Function<String, String> lookup, Consumer<String> unset) {
        return substitute(text, lookup, unset, 0);
    }

    /** Defaults nested deeper than this are refused rather than recursed into. */
    static final int MAX_NESTING = 32;

    private static String substitute(String text, Function<String, String> lookup, Consumer<String> unset, int depth) {
        if (text.indexOf('$') < 0) return text;
        if (depth > MAX_NESTING) throw new TemplateException("interpolation nested deeper than " + MAX_NESTING + " levels");
        StringBuilder out = new StringBuilder(text.length());
        int i = 0, n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (c != '$' || i + 1 >= n) { out.append(c); i++; continue; }
            char d = text.charAt(i + 1);
            if (d == '$') { out.append('$'); i += 2; continue; }
            if (isNameStart(d)) {
                int j = i + 1;
                while (j < n && isNamePart(text.charAt(j))) j++;
                out.append(value(text.substring(i + 1, j), lookup, unset));
                i = j;
                continue;
            }
            if (d != '{') { out.append(c); i++; continue; }
            int close = matchingBrace(text, i + 2);
            if (close < 0) throw invalid(text);
            out.append(braced(text.substring(i + 2, close), text, lookup, unset, depth));
            i = close + 1;
        }
        return out.toString();
    }

    private static String braced(String inner, String whole, Function<String, String> lookup, Consumer<String> unset, int depth) {
        int j = 0;
        if (inner.isEmpty() || !isNameStart(inner.charAt(0))) throw invalid(whole);
        while (j < inner.length() && isNamePart(inner.charAt(j))) j++;
        String name = inner.substring(0, j);
        if (j == inner.length()) return value(name, lookup, unset);
        boolean colon = inner.charAt(j) == ':';
        int opAt = colon ? j + 1 : j;
        if (opAt >= inner.length()) throw invalid(whole);
        char op = inner.charAt(opAt);
        if (op != '-' && op != '?' && op != '+') throw invalid(whole);
        String rest = inner.substring(opAt + 1);
        String v = lookup.apply(name);
        boolean missing = v == null || (colon && v.isEmpty());
        switch (op) {
            case '-':
                return missing ? substitute(rest, lookup, unset, depth + 1) : v;
            case '+':
                return missing ? "" : substitute(rest, lookup, unset, depth + 1);
            default: {
                if (!missing) return v;
                String reason = substitute(rest, lookup, unset, depth + 1);
                throw new TemplateException("required variable " + name + " is missing a value" + (reason.isEmpty() ? "" : ": " + reason));
            }
        }
    }

    private static String value(String name, Function<String, String> lookup, Consumer<String> unset) {
        String v = lookup.apply(name);
        if (v == null) { unset.accept(name); return ""; }
        return v;
    }

    /** The index of the brace closing a {@code ${} opened before {@code from}, counting nested ones; -1 if none. */
    private static int matchingBrace(String text, int from) {
        int depth = 1;
        for (int k = from; k < text.length(); k++) {
            char c = text.charAt(k);
            if (c == '$' && k + 1 < text.length() && text.charAt(k + 1) == '$') { k++; continue; }
            if (c == '$' && k + 1 < text.length() && text.charAt(k + 1) == '{') { depth++; k++; continue; }
            if (c == '}' && --depth == 0) return k;
        }
        return -1;
    }

    private static TemplateException invalid(String text) {
        return new TemplateException("invalid interpolation format: \"" + text + "\" (use $$ for a literal $)");
    }

    static boolean isNameStart(char c) { return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

    static boolean isNamePart(char c) { return isNameStart(c) || (c >= '0' && c <= '9'); }
}
