package dev.gwrun.engine;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

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

    public String mask(String text) {
        if (text == null || secrets.isEmpty()) return text;
        String out = text;
        for (String s : secrets) {
            if (out.contains(s)) out = out.replace(s, MASK);
        }
        return out;
    }

    public List<String> secrets() { return List.copyOf(secrets); }
}
