package dev.gwrun.cli;

import dev.gwrun.format.UnifiedDiff;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;

/**
 * What {@code gwrun fmt} and {@code gwrun doc} do with each file they produce: leave it when it already reads
 * right; with {@code --check} print the diff and count it; otherwise write it atomically. Then the exit code:
 * 3 when any input was invalid (or a file could not be written), 1 when --check found a file to change.
 */
final class Rewrites {
    private final boolean check;
    private final PrintWriter out;
    private final PrintWriter err;
    private int invalid;
    private int stale;

    Rewrites(boolean check, PrintWriter out, PrintWriter err) {
        this.check = check;
        this.out = out;
        this.err = err;
    }

    /** An input that could not be read, parsed or checked (its problem is reported already). */
    void invalid() {
        invalid++;
    }

    /**
     * {@code path}, shown as {@code shown}, should read {@code wanted} and reads {@code current} (null: it does
     * not exist). In the diff the new side is "{@code shown} ({@code label})"; once written, "{@code wrote} {@code shown}".
     */
    void offer(Path path, String shown, String current, String wanted, String label, String wrote) {
        if (wanted.equals(current)) return;
        stale++;
        if (check) {
            out.print(UnifiedDiff.of(current == null ? "/dev/null" : shown, current == null ? "" : current, shown + " (" + label + ")", wanted));
            return;
        }
        try {
            AtomicFiles.write(path, wanted);
            err.println(wrote + " " + shown);
        } catch (IOException e) {
            err.println("gwrun: " + shown + ": cannot write: " + e.getMessage());
            invalid++;
        }
    }

    /** The exit code; with --check and files to change, {@code stale.apply(count)} is said first. */
    int exit(java.util.function.IntFunction<String> staleMessage) {
        out.flush();
        if (check && stale > 0) err.println(staleMessage.apply(stale));
        err.flush();
        if (invalid > 0) return ExitCodes.INVALID;
        return check && stale > 0 ? ExitCodes.FAILED : ExitCodes.OK;
    }
}
