package dev.gwrun.cli;

/** Whether output goes to a person's terminal, and colours if so (NO_COLOR and TERM=dumb respected). */
record Terminal(boolean interactive, boolean color) {

    static Terminal detect() {
        boolean tty = System.console() != null;
        boolean noColor = System.getenv("NO_COLOR") != null && !System.getenv("NO_COLOR").isEmpty();
        boolean dumb = "dumb".equals(System.getenv("TERM"));
        return new Terminal(tty && !dumb, tty && !dumb && !noColor);
    }

    static Terminal plain() { return new Terminal(false, false); }

    String paint(String code, String text) {
        return color ? "\u001b[" + code + "m" + text + "\u001b[0m" : text;
    }

    String bold(String t) { return paint("1", t); }

    String red(String t) { return paint("31", t); }

    String green(String t) { return paint("32", t); }

    String yellow(String t) { return paint("33", t); }

    String dim(String t) { return paint("2", t); }

    String cyan(String t) { return paint("36", t); }
}
