package dev.gwrun.runtime;

/** {@code raw(x)}: text that sh() must not quote when it is interpolated into a command. */
public record Raw(String text) implements CharSequence {
    @Override public int length() { return text.length(); }

    @Override public char charAt(int index) { return text.charAt(index); }

    @Override public CharSequence subSequence(int start, int end) { return text.subSequence(start, end); }

    @Override public String toString() { return text; }
}
