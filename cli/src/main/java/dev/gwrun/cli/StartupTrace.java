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
     * The CPU time of the live threads, in ns, from Linux's /proc/self/task/N/schedstat (first field):
     * finer than the clock ticks of ProcessHandle's total, which moves in steps of 10 ms.
     */
    private static long cpuNanos() {
        long sum = 0;
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc/self/task"))) {
            for (Path task : tasks) {
                String stat = Files.readString(task.resolve("schedstat"));
                sum += Long.parseLong(stat.substring(0, stat.indexOf(' ')));
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return sum;
    }
}
