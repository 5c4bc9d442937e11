package dev.gwrun.cli;

import dev.gwrun.engine.Event;
import dev.gwrun.engine.EventSink;
import dev.gwrun.runtime.Durations;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The terminal view of a run, rendered from its events: each step's start, its log lines indented
 * under it, its outcome and duration, and a summary at the end. On a terminal it adds colour and a
 * live line (spinner, elapsed time, last result) while a wait is in progress; otherwise plain lines.
 */
final class TerminalRenderer implements EventSink {
    private static final String[] SPINNER = {"⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"};

    private final PrintWriter out;
    private final Terminal term;
    /** Steps in the order they started (skipped ones where they were skipped); null outcome while running. */
    private final List<Row> rows = new ArrayList<>();
    private final List<String> active = new ArrayList<>();
    private int handlerDepth;
    private String live;
    private long liveSince;
    private int frame;
    private Thread ticker;
    /**
     * What the attempts of a running wait print, by the wait's step path: a condition that calls sh()
     * would otherwise print its command once per attempt. Only the last attempt that printed anything is
     * kept, and shown when the wait gives up; the events and the run record keep every line.
     */
    private final java.util.Map<String, List<Event.Log>> attemptLogs = new java.util.HashMap<>();
    private final java.util.Map<String, List<Event.Log>> lastAttemptLogs = new java.util.HashMap<>();

    TerminalRenderer(PrintWriter out, Terminal term) {
        this.out = out;
        this.term = term;
    }

    @Override
    public synchronized void accept(Event e) {
        if (e instanceof Event.RunStarted x) runStarted(x);
        else if (e instanceof Event.StepStarted x) {
            rows.add(new Row(x.path(), x.name(), x.depth()));
            active.add(x.path());
            line(indent(x.depth() - 1) + term.bold(term.cyan("●") + " " + x.name()));
        } else if (e instanceof Event.StepFinished x) stepFinished(x);
        else if (e instanceof Event.StepRetrying x) {
            line(indent(depthOf(x.path())) + term.yellow("↻ attempt " + x.attempt() + "/" + x.attempts() + " in "
                    + Durations.format(x.backoff()) + " — " + x.message()));
        } else if (e instanceof Event.Log x) {
            List<Event.Log> attempt = attemptLogs.get(x.path());
            if (attempt != null) attempt.add(x);
            else log(x);
        } else if (e instanceof Event.WaitStarted x) {
            attemptLogs.put(x.path(), new ArrayList<>());
            lastAttemptLogs.remove(x.path());
            line(indent(depthOf(x.path())) + "… waiting until " + x.condition() + term.dim(" (every " + Durations.format(x.every())
                    + ", timeout " + Durations.format(x.timeout()) + ")"));
            if (term.interactive()) startLive(x.path(), "waiting until " + x.condition());
        } else if (e instanceof Event.WaitAttempt x) {
            List<Event.Log> attempt = attemptLogs.put(x.path(), new ArrayList<>());
            // An attempt cut off by the deadline may print nothing: the one before it is the one to show.
            if (attempt != null && !attempt.isEmpty()) lastAttemptLogs.put(x.path(), attempt);
            if (term.interactive()) live = "waiting (attempt " + x.attempt() + ", last: " + x.last() + ")";
        } else if (e instanceof Event.WaitFinished x) {
            stopLive();
            List<Event.Log> attempt = attemptLogs.remove(x.path());
            List<Event.Log> previous = lastAttemptLogs.remove(x.path());
            if (!x.satisfied()) {
                List<Event.Log> shown = attempt != null && !attempt.isEmpty() ? attempt : previous;
                if (shown != null && !shown.isEmpty()) {
                    line(indent(depthOf(x.path())) + term.dim("the last attempt printed:"));
                    for (Event.Log l : shown) log(l);
                }
            }
            String what = x.satisfied() ? term.green("✓") + " condition met after " : term.red("✗") + " gave up after ";
            line(indent(depthOf(x.path())) + what + x.attempts() + " attempt" + (x.attempts() == 1 ? "" : "s")
                    + " (" + Durations.elapsed(x.elapsed()) + ")");
        } else if (e instanceof Event.HandlerStarted x) {
            line(indent(depthOf(x.path())) + term.yellow(x.kind() + ":"));
            if (x.path().isEmpty()) handlerDepth = 1;
        } else if (e instanceof Event.HandlerFinished x) {
            if (x.path().isEmpty()) handlerDepth = 0;
            if (!x.ok()) line(indent(depthOf(x.path())) + term.red("✖ " + x.kind() + " handler failed: " + x.message()));
            else if ("recovered".equals(x.message())) line(indent(depthOf(x.path())) + term.green("recovered"));
        } else if (e instanceof Event.GuardRefused x) {
            line(term.red("✖ guard refused: ") + x.message() + term.dim(" (" + x.location() + ")"));
        } else if (e instanceof Event.RunFinished x) runFinished(x);
        out.flush();
    }

    private void runStarted(Event.RunStarted x) {
        line(term.bold("▶ " + x.runbook()) + term.dim(" (" + x.file() + ")"));
        if (!x.params().isEmpty()) {
            List<String> ps = new ArrayList<>();
            x.params().forEach((k, v) -> ps.add(k + "=" + v));
            line(term.dim("  params: " + String.join(", ", ps)));
        }
    }

    private void stepFinished(Event.StepFinished x) {
        active.remove(x.path());
        Row row = null;
        for (int i = rows.size() - 1; i >= 0; i--) {
            if (rows.get(i).path.equals(x.path()) && rows.get(i).outcome == null) { row = rows.get(i); break; }
        }
        if (row == null) rows.add(row = new Row(x.path(), x.name(), x.depth()));
        row.outcome = x;
        String pad = indent(x.depth() - 1);
        String time = " (" + Durations.elapsed(x.elapsed()) + ")";
        switch (x.outcome()) {
            case SUCCEEDED -> line(pad + term.green("✔") + " " + x.name() + term.dim(time));
            case RECOVERED -> line(pad + term.yellow("✔") + " " + x.name() + " recovered" + term.dim(time) + ": " + x.message());
            case SKIPPED -> line(pad + term.dim("– " + x.name() + ": skipped (" + x.message() + ")"));
            default -> line(pad + term.red("✖ " + x.name()) + term.dim(time) + ": " + x.message());
        }
    }

    private void log(Event.Log x) {
        int depth = depthOf(x.path()) + (x.path().isEmpty() ? handlerDepth : 0);
        String prefix = concurrent(x.path()) ? term.dim("[" + x.path() + "] ") : "";
        String text = switch (x.stream()) {
            case STDERR -> term.yellow(x.text());
            case INFO -> term.dim(x.text());
            case WARNING -> term.yellow("⚠ " + x.text());
            default -> x.text();
        };
        for (String l : text.split("\n", -1)) line(indent(depth) + prefix + l);
    }

    private void runFinished(Event.RunFinished x) {
        stopLive();
        out.println();
        List<Event.StepFinished> finished = new ArrayList<>();
        for (Row r : rows) if (r.outcome != null) finished.add(r.outcome);
        if (!finished.isEmpty()) {
            line(term.bold("Summary"));
            int width = 0;
            for (Event.StepFinished s : finished) width = Math.max(width, indent(s.depth() - 1).length() + s.name().length());
            for (Event.StepFinished s : finished) {
                String name = indent(s.depth() - 1) + s.name();
                String padded = name + " ".repeat(Math.max(0, width - name.length()));
                String mark = switch (s.outcome()) {
                    case SUCCEEDED -> term.green("✔");
                    case RECOVERED -> term.yellow("✔");
                    case SKIPPED -> term.dim("–");
                    default -> term.red("✖");
                };
                String tail = switch (s.outcome()) {
                    case SKIPPED -> "skipped";
                    case RECOVERED -> Durations.elapsed(s.elapsed()) + "  recovered";
                    case FAILED -> Durations.elapsed(s.elapsed()) + "  " + firstLine(s.message());
                    default -> Durations.elapsed(s.elapsed());
                };
                line("  " + mark + " " + padded + "  " + tail);
            }
        }
        long failed = finished.stream().filter(s -> s.outcome() == Event.Outcome.FAILED).count();
        long ok = finished.stream().filter(s -> s.outcome() == Event.Outcome.SUCCEEDED || s.outcome() == Event.Outcome.RECOVERED).count();
        long skipped = finished.stream().filter(s -> s.outcome() == Event.Outcome.SKIPPED).count();
        String counts = ok + " succeeded, " + failed + " failed, " + skipped + " skipped";
        String total = Durations.elapsed(x.elapsed());
        switch (x.outcome()) {
            case SUCCEEDED -> line(term.green(term.bold("✔ run succeeded")) + " in " + total + " (" + counts + ")");
            case REFUSED -> line(term.red(term.bold("✖ refused before any step ran")) + " (" + firstLine(x.message()) + ")");
            case INTERRUPTED -> line(term.red(term.bold("✖ interrupted")) + " after " + total + " (" + counts + ")");
            case HANDLER_FAILED -> line(term.red(term.bold("✖ run failed and its failure handler failed too")) + " after " + total
                    + " (" + counts + ") — a human is needed");
            default -> line(term.red(term.bold("✖ run failed")) + " after " + total + " (" + counts + ")");
        }
    }

    /** Whether another running step is on a different branch (a parallel sibling): then lines need their step's name. */
    private boolean concurrent(String path) {
        if (path.isEmpty()) return false;
        for (String other : active) {
            if (!other.equals(path) && !other.startsWith(path + " › ") && !path.startsWith(other + " › ")) return true;
        }
        return false;
    }

    /** One line of the summary. */
    private static final class Row {
        final String path;
        final String name;
        final int depth;
        Event.StepFinished outcome;

        Row(String path, String name, int depth) {
            this.path = path;
            this.name = name;
            this.depth = depth;
        }
    }

    private static String firstLine(String s) {
        if (s == null) return "";
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl) + " …";
    }

    private static int depthOf(String path) {
        return path.isEmpty() ? 0 : path.split(" › ").length;
    }

    private static String indent(int depth) {
        return "  ".repeat(Math.max(0, depth));
    }

    private void line(String s) {
        clearLive();
        out.println(s);
    }

    // ---- The live line (terminals only) ---------------------------------------------

    synchronized void clearLive() {
        if (live != null && term.interactive()) out.print("\r\u001b[K");
    }

    private void startLive(String path, String text) {
        live = text;
        liveSince = System.nanoTime();
        if (ticker != null) return;
        ticker = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                synchronized (this) {
                    if (live != null) {
                        String elapsed = Durations.elapsed(Duration.ofNanos(System.nanoTime() - liveSince));
                        String shown = live.length() > 100 ? live.substring(0, 97) + "..." : live;
                        out.print("\r\u001b[K" + term.cyan(SPINNER[frame++ % SPINNER.length]) + " " + elapsed + " " + shown);
                        out.flush();
                    }
                }
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "gwrun-spinner");
        ticker.setDaemon(true);
        ticker.start();
    }

    private void stopLive() {
        clearLive();
        live = null;
    }

    synchronized void close() {
        stopLive();
        if (ticker != null) ticker.interrupt();
        out.flush();
    }
}
