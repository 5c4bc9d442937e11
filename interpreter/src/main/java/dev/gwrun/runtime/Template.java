package dev.gwrun.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The string an interpolated literal evaluates to. It reads as its text everywhere, but remembers
 * which pieces were interpolated values, so sh() can shell-quote exactly those — even when the
 * string was built in a let and passed on, or extended with +.
 */
public final class Template implements CharSequence {
    /** One piece: literal text from the source, or a value interpolated into it. */
    public record Piece(boolean literal, Object value) {}

    private final List<Piece> pieces;
    private final String text;

    public Template(List<Piece> pieces) {
        this.pieces = List.copyOf(pieces);
        StringBuilder b = new StringBuilder();
        for (Piece p : pieces) b.append(p.literal() ? (String) p.value() : Values.str(p.value()));
        this.text = b.toString();
    }

    public List<Piece> pieces() { return pieces; }

    /** The text with each interpolated value rendered by {@code quote} (literal text as is). */
    public String render(Function<Object, String> quote) {
        StringBuilder b = new StringBuilder();
        for (Piece p : pieces) {
            if (p.literal()) b.append((String) p.value());
            else if (p.value() instanceof Raw raw) b.append(raw.text());
            else if (p.value() instanceof Template inner) b.append(inner.render(quote));
            else b.append(quote.apply(p.value()));
        }
        return b.toString();
    }

    /** Concatenation that keeps track of interpolated pieces on both sides. */
    public static Object concat(Object left, Object right) {
        List<Piece> pieces = new ArrayList<>();
        addPieces(pieces, left);
        addPieces(pieces, right);
        return new Template(pieces);
    }

    private static void addPieces(List<Piece> pieces, Object v) {
        if (v instanceof Template t) pieces.addAll(t.pieces);
        else pieces.add(new Piece(true, Values.str(v)));
    }

    @Override public int length() { return text.length(); }

    @Override public char charAt(int index) { return text.charAt(index); }

    @Override public CharSequence subSequence(int start, int end) { return text.subSequence(start, end); }

    @Override public String toString() { return text; }

    @Override public boolean equals(Object o) { return o instanceof CharSequence cs && text.contentEquals(cs); }

    @Override public int hashCode() { return text.hashCode(); }
}
