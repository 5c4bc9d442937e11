package dev.gwrun.cli.repl;

import dev.gwrun.cli.Ansi;

/** ANSI colours for the shell's own messages, or none (NO_COLOR, dumb terminals, tests). */
record Style(boolean color) implements Ansi {}
