package dev.gwrun.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a .env file as docker compose does: KEY=VALUE lines, '#' comments, an optional
 * 'export ', values in single quotes (literal) or double quotes (\n, \", \\ escapes).
 */
final class EnvFile {
    private EnvFile() {}

    /**
     * Every --env-file, later files over earlier ones; null after printing why one cannot be read
     * (the caller exits with the usage code).
     */
    static Map<String, String> readAll(List<Path> files, java.io.PrintWriter err) {
        Map<String, String> values = new LinkedHashMap<>();
        for (Path f : files) {
            try {
                values.putAll(read(f));
            } catch (IOException e) {
                err.println("gwrun: cannot read env file " + f + ": " + e.getMessage());
                return null;
            } catch (IllegalArgumentException e) {
                err.println("gwrun: " + e.getMessage());
                return null;
            }
        }
        return values;
    }

    static Map<String, String> read(Path file) throws IOException {
        Map<String, String> values = new LinkedHashMap<>();
        List<String> lines = Files.readAllLines(file);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) continue;
            if (line.startsWith("export ")) line = line.substring(7).strip();
            int eq = line.indexOf('=');
            if (eq <= 0 || !line.substring(0, eq).strip().matches("[A-Za-z_][A-Za-z0-9_]*")) {
                throw new IllegalArgumentException(file + ":" + (i + 1) + ": expected KEY=VALUE, got '" + lines.get(i).strip() + "'");
            }
            String key = line.substring(0, eq).strip();
            String value = line.substring(eq + 1).strip();
            values.put(key, unquote(value, file, i + 1));
        }
        return values;
    }

    private static String unquote(String v, Path file, int line) {
        if (v.startsWith("'")) {
            if (!v.endsWith("'") || v.length() < 2) throw new IllegalArgumentException(file + ":" + line + ": unterminated ' quote");
            return v.substring(1, v.length() - 1);
        }
        if (v.startsWith("\"")) {
            if (!v.endsWith("\"") || v.length() < 2) throw new IllegalArgumentException(file + ":" + line + ": unterminated \" quote");
            String inner = v.substring(1, v.length() - 1);
            StringBuilder out = new StringBuilder();
            for (int i = 0; i < inner.length(); i++) {
                char c = inner.charAt(i);
                if (c == '\\' && i + 1 < inner.length()) {
                    char n = inner.charAt(++i);
                    out.append(switch (n) {
                        case 'n' -> '\n';
                        case 't' -> '\t';
                        default -> n;
                    });
                } else {
                    out.append(c);
                }
            }
            return out.toString();
        }
        int comment = v.indexOf(" #");
        return comment >= 0 ? v.substring(0, comment).strip() : v;
    }
}
