package dev.gwrun.format;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;

/**
 * Prints a {@link Doc} within a line width: a group is printed flat when it and what follows it up
 * to the next possible line break fit on the line. Indentation is written lazily, so blank lines
 * carry no trailing spaces; trailing comments are held until the line ends.
 */
final class DocPrinter {
    private record Cmd(int indent, boolean flat, Doc doc) {}

    private final int width;
    private final StringBuilder out = new StringBuilder();
    private final StringBuilder suffix = new StringBuilder();
    private int column;
    private int pendingIndent = -1;

    private DocPrinter(int width) { this.width = width; }

    static String print(Doc doc, int width) {
        DocPrinter p = new DocPrinter(width);
        p.run(doc);
        p.flushSuffix();
        return p.out.toString();
    }

    private void run(Doc root) {
        Deque<Cmd> stack = new ArrayDeque<>();
        stack.push(new Cmd(0, false, root));
        while (!stack.isEmpty()) {
            Cmd cmd = stack.pop();
            Doc d = cmd.doc();
            if (d instanceof Doc.Text t) {
                write(t.text());
            } else if (d instanceof Doc.Concat c) {
                for (int i = c.parts().size() - 1; i >= 0; i--) stack.push(new Cmd(cmd.indent(), cmd.flat(), c.parts().get(i)));
            } else if (d instanceof Doc.Nest n) {
                stack.push(new Cmd(cmd.indent() + n.indent(), cmd.flat(), n.doc()));
            } else if (d instanceof Doc.Group g) {
                boolean flat = cmd.flat() || (!g.mustBreak() && fits(new Cmd(cmd.indent(), true, g.doc()), stack, width - column));
                stack.push(new Cmd(cmd.indent(), flat, g.doc()));
            } else if (d instanceof Doc.Line l) {
                if (cmd.flat()) write(l.flat()); else newline(cmd.indent());
            } else if (d instanceof Doc.Hard) {
                newline(cmd.indent());
            } else if (d instanceof Doc.Suffix s) {
                suffix.append(s.text());
            } else if (d instanceof Doc.IfBreak b) {
                write(cmd.flat() ? b.flat() : b.broken());
            }
        }
    }

    /** Whether {@code next}, then the rest up to its first line break, fits in {@code room} columns. */
    private static boolean fits(Cmd next, Deque<Cmd> rest, int room) {
        Deque<Cmd> work = new ArrayDeque<>();
        work.push(next);
        Iterator<Cmd> restIt = rest.iterator();
        while (room >= 0) {
            if (work.isEmpty()) {
                if (!restIt.hasNext()) return true;
                work.push(restIt.next());
            }
            Cmd cmd = work.pop();
            Doc d = cmd.doc();
            if (d instanceof Doc.Text t) {
                int nl = t.text().indexOf('\n');
                if (nl >= 0) return room - nl >= 0;
                room -= t.text().length();
            } else if (d instanceof Doc.Concat c) {
                for (int i = c.parts().size() - 1; i >= 0; i--) work.push(new Cmd(cmd.indent(), cmd.flat(), c.parts().get(i)));
            } else if (d instanceof Doc.Nest n) {
                work.push(new Cmd(cmd.indent() + n.indent(), cmd.flat(), n.doc()));
            } else if (d instanceof Doc.Group g) {
                if (g.mustBreak() && cmd.flat()) return false;
                work.push(new Cmd(cmd.indent(), cmd.flat() && !g.mustBreak(), g.doc()));
            } else if (d instanceof Doc.Line l) {
                if (!cmd.flat()) return true;
                room -= l.flat().length();
            } else if (d instanceof Doc.Hard) {
                return true;
            } else if (d instanceof Doc.IfBreak b) {
                room -= (cmd.flat() ? b.flat() : b.broken()).length();
            }
        }
        return false;
    }

    private void write(String s) {
        if (s.isEmpty()) return;
        if (pendingIndent >= 0) {
            out.append(" ".repeat(pendingIndent));
            column = pendingIndent;
            pendingIndent = -1;
        }
        out.append(s);
        int nl = s.lastIndexOf('\n');
        column = nl >= 0 ? s.length() - nl - 1 : column + s.length();
    }

    private void newline(int indent) {
        flushSuffix();
        out.append('\n');
        column = 0;
        pendingIndent = indent;
    }

    private void flushSuffix() {
        if (suffix.length() > 0) {
            if (pendingIndent >= 0) pendingIndent = -1;
            out.append(suffix);
            suffix.setLength(0);
        }
    }
}
