package dev.gwrun.cli;

import dev.gwrun.state.RunRecord;
import dev.gwrun.state.StateStore;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Path;

/**
 * {@code --state DIR|URL}, shared by run, runs, show and resume. Default: $GWRUN_STATE, else
 * {@code .gwrun} in the current directory — where a pipeline's checkout runs gwrun from, so a later
 * step of the same job (or a person in the same checkout) finds the records to resume.
 */
final class StateOption {
    @Option(names = "--state", paramLabel = "DIR|URL",
            description = "Where run records and locks live: a directory (default: $GWRUN_STATE, else .gwrun in the current directory) "
                    + "or postgres://user@host/db to share them between machines.")
    String state;

    String spec() {
        if (state != null && !state.isBlank()) return state;
        String env = System.getenv("GWRUN_STATE");
        return env == null || env.isBlank() ? null : env;
    }

    StateStore open() throws IOException {
        return StateStore.open(spec(), Path.of("").toAbsolutePath());
    }

    /** The record of RUN (an id, a prefix only one id has, or 'last'); null after printing why not. */
    RunRecord load(String run, java.io.PrintWriter err) {
        try (StateStore store = open()) {
            return store.load(run);
        } catch (IOException e) {
            err.println("gwrun: cannot read run records: " + e.getMessage());
            return null;
        } catch (IllegalArgumentException e) {
            err.println("gwrun: " + e.getMessage());
            return null;
        }
    }
}
