package dev.gwrun.format;

import java.util.ArrayList;
import java.util.List;

/**
 * A unified diff of two texts, line by line, as {@code diff -u} prints it (three lines of
 * context), so `fmt --check` and `doc --check` show exactly what would change.
 */
public final class UnifiedDiff {
    private static final int CONTEXT = 3;

    private UnifiedDiff() {}

    /** The diff, or "" when the texts are equal. */
    public static String of(String oldName, String oldText, String newName, String newText) {
        if (oldText.equals(newText)) return "";
        List<String> a = lines(oldText), b = lines(newText);
        List<Op> ops = ops(a, b);
        StringBuilder out = new StringBuilder();
        out.append("--- ").append(oldName).append('\n').append("+++ ").append(newName).append('\n');
        int i = 0;
        while (i < ops.size()) {
            if (ops.get(i).kind == ' ') { i++; continue; }
            int start = Math.max(0, i - CONTEXT);
            int end = i;
            // Extend the hunk while the next change is within two contexts of this one.
            while (true) {
                int next = end;
                while (next < ops.size() && ops.get(next).kind != ' ') next++;
                int gap = next;
                while (gap < ops.size() && ops.get(gap).kind == ' ') gap++;
                if (gap < ops.size() && gap - next <= 2 * CONTEXT) { end = gap; continue; }
                end = Math.min(ops.size(), next + CONTEXT);
                break;
            }
            int oldStart = ops.get(start).oldLine, newStart = ops.get(start).newLine;
            int oldCount = 0, newCount = 0;
            StringBuilder body = new StringBuilder();
            for (int k = start; k < end; k++) {
                Op op = ops.get(k);
                body.append(op.kind).append(op.text).append('\n');
                if (op.kind != '+') oldCount++;
                if (op.kind != '-') newCount++;
            }
            out.append("@@ -").append(range(oldStart, oldCount)).append(" +").append(range(newStart, newCount)).append(" @@\n").append(body);
            i = end;
        }
        return out.toString();
    }

    private static String range(int start, int count) {
        return (count == 0 ? start - 1 : start) + (count == 1 ? "" : "," + count);
    }

    private record Op(char kind, String text, int oldLine, int newLine) {}

    private static List<String> lines(String text) {
        List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
        if (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) lines.remove(lines.size() - 1);
        return lines;
    }

    /** The edit script by longest common subsequence, after trimming the common head and tail. */
    private static List<Op> ops(List<String> a, List<String> b) {
        int head = 0;
        while (head < a.size() && head < b.size() && a.get(head).equals(b.get(head))) head++;
        int tail = 0;
        while (tail < a.size() - head && tail < b.size() - head && a.get(a.size() - 1 - tail).equals(b.get(b.size() - 1 - tail))) tail++;
        int n = a.size() - head - tail, m = b.size() - head - tail;
        int[][] lcs = new int[n + 1][m + 1];
        for (int x = n - 1; x >= 0; x--) {
            for (int y = m - 1; y >= 0; y--) {
                lcs[x][y] = a.get(head + x).equals(b.get(head + y)) ? lcs[x + 1][y + 1] + 1 : Math.max(lcs[x + 1][y], lcs[x][y + 1]);
            }
        }
        List<Op> ops = new ArrayList<>();
        for (int k = 0; k < head; k++) ops.add(new Op(' ', a.get(k), k + 1, k + 1));
        int x = 0, y = 0;
        while (x < n || y < m) {
            if (x < n && y < m && a.get(head + x).equals(b.get(head + y))) {
                ops.add(new Op(' ', a.get(head + x), head + x + 1, head + y + 1));
                x++; y++;
            } else if (x < n && (y == m || lcs[x + 1][y] >= lcs[x][y + 1])) {
                ops.add(new Op('-', a.get(head + x), head + x + 1, head + y + 1));
                x++;
            } else {
                ops.add(new Op('+', b.get(head + y), head + x + 1, head + y + 1));
                y++;
            }
        }
        for (int k = 0; k < tail; k++) ops.add(new Op(' ', a.get(a.size() - tail + k), a.size() - tail + k + 1, b.size() - tail + k + 1));
        return ops;
    }
}
