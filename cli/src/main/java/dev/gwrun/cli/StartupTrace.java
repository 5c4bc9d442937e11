package dev.gwrun.cli;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * With {@code GWRUN_TRACE_STARTUP=1}, prints to standard error where a command's start-up goes: at each
 * mark, the wall time since the first mark and the CPU time of the whole process so far (all threads,
 * the JVM's own included), so a phase's cost is the difference between two lines. For profiling only:
 * without the variable a mark costs one static field read.
 */
final class StartupTrace {
    private static final boolean ON = System.getenv("GWRUN_TRACE_STARTUP") != null;
    private static final long T0 = System.nanoTime();

    private StartupTrace() {}

    static void mark(String what) {
        if (!ON) return;
        long cpu = cpuNanos();
        System.err.printf("gwrun startup: %-40s wall %6.1f ms  process CPU %6.1f ms%n", what, (System.nanoTime() - T0) / 1e6, cpu / 1e6);
    }

    /**
     * The last mark: also each live thread's CPU time by name (the JVM's compiler and GC threads
     * included), largest first, to see which thread a command's CPU goes to.
     */
    static void threads(String what) {
        if (!ON) return;
        mark(what);
        java.util.List<String> rows = new java.util.ArrayList<>();
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc/self/task"))) {
            for (Path task : tasks) {
                long ns = schedNanos(task.resolve("schedstat"));
                if (ns >= 1_000_000) rows.add(String.format("%9.1f ms  %s", ns / 1e6, Files.readString(task.resolve("comm")).strip()));
            }
        } catch (IOException | RuntimeException e) {
            return;
        }
        rows.sort(java.util.Comparator.reverseOrder());
        for (String row : rows) System.err.println("gwrun startup:   thread CPU " + row);
        try {
            // utime and stime of the whole process, threads that have ended included (clock ticks of 10 ms)
            String[] f = Files.readString(Path.of("/proc/self/stat")).replaceFirst(".*\\) ", "").split(" ");
            System.err.printf("gwrun startup:   process CPU, ended threads included: %d ms%n", (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10);
        } catch (IOException | RuntimeException e) {
            // only a profiling aid
        }
    }

    /** A background thread's CPU time when it ends (the last mark cannot see threads that have ended). */
    static void threadEnded(String name) {
        if (!ON) return;
        try {
            System.err.printf("gwrun startup: %-40s wall %6.1f ms  thread CPU  %6.1f ms%n", name + " ended",
                    (System.nanoTime() - T0) / 1e6, schedNanos(Path.of("/proc/thread-self/schedstat")) / 1e6);
        } catch (IOException | RuntimeException e) {
            // only a profiling aid
        }
    }

    /**
     * The CPU time of the live threads, in ns, from Linux's /proc/self/task/N/schedstat (first field):
     * finer than the clock ticks of ProcessHandle's total, which moves in steps of 10 ms.
     */
    private static long cpuNanos() {
        long sum = 0;
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc/self/task"))) {
            for (Path task : tasks) sum += schedNanos(task.resolve("schedstat"));
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return sum;
    }

    /** A thread's CPU time in ns: the first field of its schedstat. */
    private static long schedNanos(Path schedstat) throws IOException {
        String stat = Files.readString(schedstat);
        return Long.parseLong(stat.substring(0, stat.indexOf(' ')));
    }
}
