package dev.gwrun.cli;

import dev.gwrun.engine.Prompter;

import java.io.Console;

/** Asks yes/no on the terminal; the renderer's live line is cleared first. */
final class TerminalPrompter implements Prompter {
    private final Console console = System.console();
    private final TerminalRenderer renderer;

    TerminalPrompter(TerminalRenderer renderer) {
        this.renderer = renderer;
    }

    @Override
    public boolean available() {
        return console != null;
    }

    @Override
    public boolean confirm(String question) {
        if (console == null) return false;
        synchronized (renderer) {
            renderer.clearLive();
            String answer = console.readLine("%s [y/N] ", question);
            return answer != null && (answer.strip().equalsIgnoreCase("y") || answer.strip().equalsIgnoreCase("yes"));
        }
    }
}
