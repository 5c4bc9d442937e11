package dev.gwrun.engine;

/** Asks a person yes or no; the CLI supplies one for terminals. */
public interface Prompter {
    /** Whether a person can be asked (a terminal is attached). */
    boolean available();

    boolean confirm(String question);

    /** For runs with no terminal: nobody can be asked. */
    Prompter NONE = new Prompter() {
        @Override public boolean available() { return false; }

        @Override public boolean confirm(String question) { return false; }
    };
}
