package dev.gwrun.host;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Starts the {@link HostModule#prewarm()} of the modules a runbook calls, on one background thread,
 * so that a cold JVM loads docker-java or okhttp while the main thread parses and checks.
 */
public final class Prewarm {
    private Prewarm() {}

    /**
     * The modules whose name appears as {@code name.} in the text: a quick look, not a parse, so a
     * name in a comment or a string counts too (prewarming one module too many costs only a little
     * CPU on a spare core). They come in the order the text first calls them.
     */
    public static List<HostModule> calledIn(String source, Collection<? extends HostModule> modules) {
        // In order of first mention: the module a run calls first is ready first.
        TreeMap<Integer, HostModule> byFirstCall = new TreeMap<>();
        for (HostModule m : modules) {
            if (m.name().isEmpty()) continue;
            Matcher call = Pattern.compile("(?<![\\w.$])" + Pattern.quote(m.name()) + "\\s*\\.\\s*[A-Za-z_]").matcher(source);
            if (call.find()) byFirstCall.put(call.start(), m);
        }
        return new ArrayList<>(byFirstCall.values());
    }

    /** Prewarms the given modules one after another on a daemon thread, which it returns. */
    public static Thread start(List<? extends HostModule> modules) {
        Thread t = new Thread(() -> run(modules), "gwrun-prewarm");
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** Prewarms the given modules one after another, on the calling thread. */
    public static void run(Collection<? extends HostModule> modules) {
        for (HostModule m : modules) {
            try {
                m.prewarm();
            } catch (RuntimeException | LinkageError ignored) {
                // a module's prewarm must not throw; if one does, the first real call does the work
            }
        }
    }
}
