package dev.gwrun.cli;

import dev.gwrun.host.Prewarm;
import dev.gwrun.stdlib.StandardLibrary;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * For {@code gwrun run FILE}: as the very first thing the process does, reads the runbook on a
 * background thread and prewarms the standard-library modules it calls (docker-java's client and
 * JSON codecs, okhttp, Flyway), so that their start-up overlaps with the main thread's option
 * parsing, parsing and checking instead of delaying the first step. {@code GWRUN_PREWARM=0} turns
 * it off (for measuring what it saves).
 */
final class RunPrewarm {
    private static final long MAX_SOURCE = 1 << 20;

    private RunPrewarm() {}

    static void start(String[] args) {
        if (args.length < 2 || !args[0].equals("run") || "0".equals(System.getenv("GWRUN_PREWARM"))) return;
        Thread t = new Thread(() -> {
            try {
                Path file = runbook(args);
                if (file == null || Files.size(file) > MAX_SOURCE) return;
                Prewarm.start(Prewarm.calledIn(Files.readString(file), StandardLibrary.modules()));
            } catch (IOException | RuntimeException ignored) {
                // the run reports an unreadable file itself
            }
        }, "gwrun-prewarm-start");
        t.setDaemon(true);
        t.start();
    }

    /** The first argument naming a .gwrun file: the runbook, whatever options come before it. */
    private static Path runbook(String[] args) {
        for (int i = 1; i < args.length; i++) {
            if (args[i].endsWith(".gwrun") && Files.isRegularFile(Path.of(args[i]))) return Path.of(args[i]);
        }
        return null;
    }
}
