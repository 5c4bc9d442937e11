package dev.gwrun.source;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The text of one runbook (or REPL input) and the offsets of its lines, for spans and excerpts. */
public final class SourceFile {
    private final String name;
    private final Path path;
    private final String text;
    private final int[] lineStarts;

    public SourceFile(String name, Path path, String text) {
        this.name = name;
        this.path = path;
        this.text = text;
        List<Integer> starts = new ArrayList<>();
        starts.add(0);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n' || (c == '\r' && (i + 1 >= text.length() || text.charAt(i + 1) != '\n'))) {
                starts.add(i + 1);
            }
        }
        this.lineStarts = starts.stream().mapToInt(Integer::intValue).toArray();
    }

    public static SourceFile read(Path path) throws IOException {
        return new SourceFile(path.toString(), path, Files.readString(path, StandardCharsets.UTF_8));
    }

    public static SourceFile of(String name, String text) {
        return new SourceFile(name, null, text);
    }

    /** The name shown in diagnostics: the path as the user gave it. */
    public String name() { return name; }

    /** The file on disk, or null for text that did not come from a file. */
    public Path path() { return path; }

    public String text() { return text; }

    public int lineCount() { return lineStarts.length; }

    /** The offset at which a line (1-based) starts; the end of the text for a line past the last. */
    public int lineStart(int line) {
        return line >= 1 && line <= lineStarts.length ? lineStarts[line - 1] : text.length();
    }

    /** The text of a 1-based line, without its line terminator. */
    public String line(int line) {
        if (line < 1 || line > lineStarts.length) return "";
        int start = lineStarts[line - 1];
        int end = line < lineStarts.length ? lineStarts[line] : text.length();
        while (end > start && (text.charAt(end - 1) == '\n' || text.charAt(end - 1) == '\r')) end--;
        return text.substring(start, end);
    }

    /** The 1-based line of a character offset. */
    public int lineOf(int offset) {
        int lo = 0, hi = lineStarts.length - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (lineStarts[mid] <= offset) lo = mid; else hi = mid - 1;
        }
        return lo + 1;
    }

    /** The 1-based column of a character offset. */
    public int columnOf(int offset) {
        return offset - lineStarts[lineOf(offset) - 1] + 1;
    }

    /** The directory runbooks named by this one (run "x.gwrun") are resolved against. */
    public Path directory() {
        if (path == null) return Path.of("").toAbsolutePath();
        Path parent = path.toAbsolutePath().getParent();
        return parent == null ? Path.of("").toAbsolutePath() : parent;
    }
}
