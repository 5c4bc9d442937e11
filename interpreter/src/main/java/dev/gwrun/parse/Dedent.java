package dev.gwrun.parse;

import java.util.ArrayList;
import java.util.List;

/**
 * Strips a """…""" string the way Kotlin's trimIndent does: drops a first line that is blank
 * and a last line that is blank, then removes the indentation common to the non-blank lines,
 * so a shell script can be indented with the runbook around it.
 */
final class Dedent {
    private static final char HOLE = '\uFFFF';

    private Dedent() {}

    static List<Object> apply(List<Object> parts) {
        StringBuilder flat = new StringBuilder();
        List<Object> holes = new ArrayList<>();
        for (Object p : parts) {
            if (p instanceof String s) flat.append(s);
            else { flat.append(HOLE); holes.add(p); }
        }
        String[] lines = flat.toString().split("\n", -1);
        int first = 0, last = lines.length - 1;
        if (lines.length > 1 && lines[0].isBlank() && lines[0].indexOf(HOLE) < 0) first = 1;
        if (last > first && lines[last].isBlank() && lines[last].indexOf(HOLE) < 0) last--;
        int indent = Integer.MAX_VALUE;
        for (int i = first; i <= last; i++) {
            String line = lines[i];
            if (line.isBlank() && line.indexOf(HOLE) < 0) continue;
            int n = 0;
            while (n < line.length() && (line.charAt(n) == ' ' || line.charAt(n) == '\t')) n++;
            indent = Math.min(indent, n);
        }
        if (indent == Integer.MAX_VALUE) indent = 0;
        StringBuilder out = new StringBuilder();
        for (int i = first; i <= last; i++) {
            String line = lines[i];
            out.append(line.length() >= indent ? line.substring(indent) : line.strip());
            if (i < last) out.append('\n');
        }
        List<Object> result = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        int hole = 0;
        for (int i = 0; i < out.length(); i++) {
            char c = out.charAt(i);
            if (c == HOLE) {
                if (text.length() > 0) { result.add(text.toString()); text.setLength(0); }
                result.add(holes.get(hole++));
            } else {
                text.append(c);
            }
        }
        if (text.length() > 0) result.add(text.toString());
        return result;
    }
}
