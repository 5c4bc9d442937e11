package dev.gwrun.cli.repl;

import java.util.regex.Pattern;

/** Removes terminal colour codes, for text that goes to files. */
final class Ansi {
    private static final Pattern CODES = Pattern.compile("\u001b\\[[0-9;]*[A-Za-z]");

    private Ansi() {}

    static String strip(String s) { return CODES.matcher(s).replaceAll(""); }
}
