package dev.gwrun.cli;

/** ANSI colours for text, or the text as it is when {@link #color()} is false (NO_COLOR, dumb terminals, pipes, tests). */
public interface Ansi {
    boolean color();

    default String paint(String code, String text) {
        return color() ? "\u001b[" + code + "m" + text + "\u001b[0m" : text;
    }

    default String bold(String t) { return paint("1", t); }

    default String red(String t) { return paint("31", t); }

    default String green(String t) { return paint("32", t); }

    default String yellow(String t) { return paint("33", t); }

    default String dim(String t) { return paint("2", t); }

    default String cyan(String t) { return paint("36", t); }
}
