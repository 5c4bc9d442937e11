package dev.gwrun.cli.repl;

import org.jline.reader.impl.history.DefaultHistory;

import java.time.Instant;
import java.util.function.UnaryOperator;

/**
 * JLine's history, except that a line holding a secret value (anything registered through
 * secret()) is never kept: not in memory for Up and Ctrl-R, and so never in the history file.
 */
final class SecretFreeHistory extends DefaultHistory {
    private final UnaryOperator<String> mask;

    SecretFreeHistory(UnaryOperator<String> mask) {
        this.mask = mask;
    }

    @Override
    public void add(Instant time, String line) {
        if (!mask.apply(line).equals(line)) return;
        super.add(time, line);
    }
}
