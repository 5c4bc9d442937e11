package dev.gwrun.cli;

import dev.gwrun.host.Prewarm;
import dev.gwrun.stdlib.StandardLibrary;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * As the very first thing the process does, starts on background threads the work a command is about
 * to need, so that it overlaps with the main thread's option parsing (picocli builds its command model
 * by reflection, some 40 ms of a cold start) instead of following it:
 * <ul>
 * <li>{@code gwrun run|check|plan FILE}: reads, parses and checks the runbook once, throwing the result
 *     away: that loads and initialises the parser (ANTLR deserialises its ATN and fills its DFA cache,
 *     which every later parse shares), the checker and the function tables of the modules the runbook
 *     calls. The main thread's own load of the file then finds them ready.</li>
 * <li>{@code gwrun run FILE}: also prewarms the standard-library modules the runbook calls (docker-java's
 *     client and JSON codecs, okhttp, Flyway), so that the first step does not pay for them.</li>
 * </ul>
 * Nothing here reaches outside the process or prints; a failure only means the main thread does the
 * work itself. {@code GWRUN_PREWARM=0} turns it off (for measuring what it saves).
 */
final class RunPrewarm {
    private static final long MAX_SOURCE = 1 << 20;

    private RunPrewarm() {}

    static void start(String[] args) {
        if (args.length < 2 || "0".equals(System.getenv("GWRUN_PREWARM"))) return;
        switch (args[0]) {
            case "run" -> {
                background("gwrun-prewarm-load", () -> load(args));
                background("gwrun-prewarm-start", () -> modules(args));
            }
            case "check", "plan" -> {
                // A plain check has no model to build meanwhile: a second parse would only add CPU.
                if (!PlainCheck.applies(args)) background("gwrun-prewarm-load", () -> load(args));
            }
            default -> { }
        }
    }

    private interface Work {
        void run() throws IOException;
    }

    private static void background(String name, Work work) {
        Thread t = new Thread(() -> {
            try {
                work.run();
            } catch (IOException | RuntimeException | LinkageError ignored) {
                // the command reports an unreadable or broken file itself
            }
            StartupTrace.threadEnded(name);
        }, name);
        t.setDaemon(true);
        t.start();
    }

    private static void load(String[] args) throws IOException {
        Path file = runbook(args);
        if (file != null) Loader.load(file.toString(), StandardLibrary.registry());
    }

    private static void modules(String[] args) throws IOException {
        Path file = runbook(args);
        if (file != null) Prewarm.start(Prewarm.calledIn(Files.readString(file), StandardLibrary.modules()));
    }

    /** The first argument naming a .gwrun file of a reasonable size: the runbook, whatever options come before it. */
    private static Path runbook(String[] args) throws IOException {
        for (int i = 1; i < args.length; i++) {
            if (args[i].endsWith(".gwrun") && Files.isRegularFile(Path.of(args[i]))) {
                Path file = Path.of(args[i]);
                return Files.size(file) > MAX_SOURCE ? null : file;
            }
        }
        return null;
    }
}
