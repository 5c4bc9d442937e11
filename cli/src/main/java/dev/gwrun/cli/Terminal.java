package dev.gwrun.cli;

/** Whether output goes to a person's terminal, and colours if so (NO_COLOR and TERM=dumb respected). */
record Terminal(boolean interactive, boolean color) implements Ansi {

    static Terminal detect() {
        boolean tty = System.console() != null;
        boolean noColor = System.getenv("NO_COLOR") != null && !System.getenv("NO_COLOR").isEmpty();
        boolean dumb = "dumb".equals(System.getenv("TERM"));
        return new Terminal(tty && !dumb, tty && !dumb && !noColor);
    }

    static Terminal plain() { return new Terminal(false, false); }
}
