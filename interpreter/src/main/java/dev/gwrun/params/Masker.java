package dev.gwrun.params;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces secret values with *** in text, as CI systems mask registered secrets. Secrets are
 * registered when secret() reads them, so a value interpolated anywhere (a URL, a header, a
 * command, an error message, a program's output) is masked wherever it is printed or written.
 */
public final class Masker {
    public static final String MASK = "***";
    private final List<String> secrets = new CopyOnWriteArrayList<>();

    public void register(String value) {
        if (value == null || value.isEmpty()) return;
        add(value);
        String encoded = URLEncoder.encode(value, StandardCharsets.UTF_8);
        if (!encoded.equals(value)) add(encoded);
        // A secret read from a file may be printed one line at a time.
        if (value.contains("\n")) for (String line : value.split("\r?\n")) if (line.length() >= 4) add(line);
    }

    private synchronized void add(String v) {
        if (secrets.contains(v)) return;
        List<String> sorted = new ArrayList<>(secrets);
        sorted.add(v);
        sorted.sort(Comparator.comparingInt(String::length).reversed());
        secrets.clear();
        secrets.addAll(sorted);
    }

    /**
     * The password of a URL's user info ({@code postgresql://app:pw@db/app}), as git and pip hide it:
     * the scheme, user and host stay readable.
     */
    private static final class UrlPassword {
        // Compiled on first use, in a holder: most command lines print nothing with "://" in it, and
        // compiling the pattern is a few ms of a short command's start-up.
        static final Pattern PATTERN = Pattern.compile("\\b([A-Za-z][A-Za-z0-9+.-]*://[^/\\s:@?#]*):([^@\\s/?#]+)@");
    }

    public String mask(String text) {
        if (text == null) return null;
        String out = text.contains("://") ? maskUrlPasswords(text) : text;
        if (secrets.isEmpty()) return out;
        for (String s : secrets) {
            if (out.contains(s)) out = out.replace(s, MASK);
        }
        return out;
    }

    /**
     * Masks every URL password in the text and registers each as a secret, so the same value printed
     * on its own later (a parsed URL, an error quoting it) is masked too. Passwords shorter than four
     * characters are masked in URLs only: registering them would mask unrelated words.
     */
    private String maskUrlPasswords(String text) {
        Matcher m = UrlPassword.PATTERN.matcher(text);
        if (!m.find()) return text;
        StringBuilder out = new StringBuilder();
        do {
            String password = m.group(2);
            if (!password.equals(MASK) && password.length() >= 4) register(password);
            m.appendReplacement(out, Matcher.quoteReplacement(m.group(1) + ":" + MASK + "@"));
        } while (m.find());
        m.appendTail(out);
        return out.toString();
    }

    public List<String> secrets() { return List.copyOf(secrets); }
}
