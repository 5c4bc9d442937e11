package dev.gwrun.format;

import dev.gwrun.grammar.GwrunLexer;
import dev.gwrun.source.SourceFile;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.Token;

import java.util.ArrayList;
import java.util.List;

/**
 * The comments of a file (the lexer's hidden channel), each handed out exactly once as the
 * formatter reaches its position: before a statement, at the end of a line, or at the end of a
 * block. Whatever the layout could not place is handed out before the enclosing statement, so no
 * comment is ever lost.
 */
final class Comments {
    record Comment(int start, int end, String text, int line) {}

    private final SourceFile source;
    private final List<Comment> all = new ArrayList<>();
    private final boolean[] used;

    Comments(SourceFile source) {
        this.source = source;
        GwrunLexer lexer = new GwrunLexer(CharStreams.fromString(source.text()));
        lexer.removeErrorListeners();
        for (Token t = lexer.nextToken(); t.getType() != Token.EOF; t = lexer.nextToken()) {
            if (t.getType() == GwrunLexer.COMMENT) {
                int start = t.getStartIndex();
                all.add(new Comment(start, t.getStopIndex() + 1, t.getText().stripTrailing(), source.lineOf(start)));
            }
        }
        used = new boolean[all.size()];
    }

    /** Every comment not yet handed out that starts before {@code offset}, in source order. */
    List<Comment> takeBefore(int offset) {
        List<Comment> taken = new ArrayList<>();
        for (int i = 0; i < all.size() && all.get(i).start() < offset; i++) {
            if (!used[i]) {
                used[i] = true;
                taken.add(all.get(i));
            }
        }
        return taken;
    }

    /**
     * The comment that ends the line of something ending at {@code end}: only spaces, ',' or ';'
     * between them. Null when there is none.
     */
    Comment takeTrailing(int end) {
        for (int i = 0; i < all.size(); i++) {
            Comment c = all.get(i);
            if (used[i] || c.start() < end) continue;
            String between = source.text().substring(end, c.start());
            if (!between.chars().allMatch(ch -> ch == ' ' || ch == '\t' || ch == ',' || ch == ';')) return null;
            used[i] = true;
            return c;
        }
        return null;
    }

    /** Marks the comments inside a span copied verbatim (a string's ${…}) as placed. */
    void consumeWithin(int start, int end) {
        for (int i = 0; i < all.size(); i++) {
            if (all.get(i).start() >= start && all.get(i).start() < end) used[i] = true;
        }
    }

    /** Comments not handed out yet; empty once a file is formatted. */
    List<Comment> remaining() {
        List<Comment> left = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) if (!used[i]) left.add(all.get(i));
        return left;
    }

    /** Every comment's text, for tests that check none was lost. */
    List<String> texts() {
        return all.stream().map(Comment::text).toList();
    }
}
