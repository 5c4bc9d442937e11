package dev.gwrun.format;

import java.util.ArrayList;
import java.util.List;

/**
 * A layout document in the style of Wadler's "prettier printer": text, places that may break,
 * and groups that print flat when they fit the line and broken otherwise. The formatter builds
 * one from the AST; {@link DocPrinter} chooses the breaks.
 */
sealed interface Doc {

    /** Text printed as is. It may hold newlines (a """…""" string copied from the source). */
    record Text(String text) implements Doc {}

    /** A space (or nothing) when its group is flat; a newline and indentation when it is broken. */
    record Line(String flat) implements Doc {}

    /** Always a newline; the groups around it are broken. */
    record Hard() implements Doc {}

    /** Indents the lines that start inside it. */
    record Nest(int indent, Doc doc) implements Doc {}

    /** Prints flat if everything up to the next possible break fits the width, else broken. */
    record Group(Doc doc, boolean mustBreak) implements Doc {}

    record Concat(List<Doc> parts) implements Doc {}

    /** A trailing comment: printed at the end of the current line, just before its newline. */
    record Suffix(String text) implements Doc {}

    /** Prints nothing; the groups around it are broken (a comment inside a list needs its own line). */
    record BreakParent() implements Doc {}

    /** Text that depends on whether the enclosing group broke (a trailing comma). */
    record IfBreak(String broken, String flat) implements Doc {}

    Doc EMPTY = new Text("");
    Doc HARD = new Hard();
    Doc LINE = new Line(" ");
    Doc SOFT = new Line("");
    Doc BREAK = new BreakParent();

    static Doc text(String s) { return new Text(s); }

    static Doc concat(Doc... parts) { return new Concat(List.of(parts)); }

    static Doc nest(Doc d) { return new Nest(Formatter.INDENT, d); }

    static Doc group(Doc d) { return new Group(d, forcesBreak(d)); }

    /** Whether a doc holds a hard line or a trailing comment, which no flat layout can print. */
    static boolean forcesBreak(Doc d) {
        if (d instanceof Hard || d instanceof Suffix || d instanceof BreakParent) return true;
        if (d instanceof Text t) return false;
        if (d instanceof Nest n) return forcesBreak(n.doc());
        if (d instanceof Group g) return g.mustBreak();
        if (d instanceof Concat c) {
            for (Doc p : c.parts()) if (forcesBreak(p)) return true;
            return false;
        }
        return false;
    }

    /** The first character the doc prints, or 0 if it prints none. */
    static char firstChar(Doc d) {
        if (d instanceof Text t) return t.text().isEmpty() ? 0 : t.text().charAt(0);
        if (d instanceof Nest n) return firstChar(n.doc());
        if (d instanceof Group g) return firstChar(g.doc());
        if (d instanceof Concat c) {
            for (Doc p : c.parts()) {
                char ch = firstChar(p);
                if (ch != 0) return ch;
            }
        }
        return 0;
    }

    /** Collects parts, skipping empty text, for readable builder code. */
    final class Builder {
        private final List<Doc> parts = new ArrayList<>();

        Builder add(Doc d) {
            if (!(d instanceof Text t && t.text().isEmpty())) parts.add(d);
            return this;
        }

        Builder add(String s) { return add(new Text(s)); }

        boolean isEmpty() { return parts.isEmpty(); }

        Doc build() { return parts.size() == 1 ? parts.get(0) : new Concat(List.copyOf(parts)); }
    }
}
