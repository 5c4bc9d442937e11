package dev.gwrun.engine;

import java.util.List;

/** Bad input from the command line (a missing or ill-typed param): exit code 2, before anything runs. */
public final class UsageException extends RuntimeException {
    private final List<String> problems;

    public UsageException(List<String> problems) {
        super(String.join("\n", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() { return problems; }
}
