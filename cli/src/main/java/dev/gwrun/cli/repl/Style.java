package dev.gwrun.cli.repl;

/** ANSI colours for the shell's own messages, or none (NO_COLOR, dumb terminals, tests). */
record Style(boolean color) {
    String paint(String code, String text) { return color ? "\u001b[" + code + "m" + text + "\u001b[0m" : text; }

    String bold(String t) { return paint("1", t); }

    String red(String t) { return paint("31", t); }

    String green(String t) { return paint("32", t); }

    String yellow(String t) { return paint("33", t); }

    String cyan(String t) { return paint("36", t); }

    String dim(String t) { return paint("2", t); }
}
