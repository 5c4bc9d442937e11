package dev.gwrun.cli.report;

import dev.gwrun.engine.Event;
import dev.gwrun.engine.EventSink;
import dev.gwrun.engine.Masker;
import dev.gwrun.source.Diagnostic;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Set;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * GitHub Actions workflow commands around the terminal view, on when {@code GITHUB_ACTIONS=true}:
 * each top-level step's lines inside {@code ::group::}, failures as {@code ::error} annotations on
 * the {@code .gwrun} line, recovered steps as {@code ::warning}, and every secret registered with
 * {@code ::add-mask::} before anything is printed after it became known.
 * Wraps the terminal renderer, so a group opens before the step's first line and closes after its last.
 */
public final class GitHubActions implements EventSink {
    private final PrintWriter out;
    private final EventSink inner;
    private final Masker masker;
    private final Path workspace;
    private final Path cwd;
    private final Set<String> announced = new HashSet<>();
    /** Top-level steps (and runbook handlers) running now, whose lines the open group holds. */
    private final Map<String, String> grouped = new LinkedHashMap<>();
    private boolean groupOpen;

    /**
     * @param workspace {@code GITHUB_WORKSPACE}: annotation paths are made relative to it; null to leave them
     * @param cwd the directory relative source paths are relative to
     */
    public GitHubActions(PrintWriter out, EventSink inner, Masker masker, Path workspace, Path cwd) {
        this.out = out;
        this.inner = inner;
        this.masker = masker;
        this.workspace = workspace;
        this.cwd = cwd;
    }

    @Override
    public synchronized void accept(Event e) {
        registerMasks();
        before(e);
        out.flush();
        inner.accept(e);
        after(e);
        out.flush();
    }

    /** Registers secrets that became known since the last event, before any line that might hold one. */
    public synchronized void registerMasks() {
        for (String s : masker.secrets()) {
            // GitHub masks line by line: a multi-line secret is registered one line at a time.
            if (announced.add(s)) for (String line : s.split("\r?\n")) if (!line.isBlank()) out.println("::add-mask::" + data(line));
        }
    }

    private void before(Event e) {
        if (e instanceof Event.StepStarted x && x.depth() == 1) open(x.path(), x.name());
        else if (e instanceof Event.HandlerStarted x && x.path().isEmpty()) open("\u0000" + x.kind(), x.kind());
        else if (e instanceof Event.RunFinished) closeAll();
    }

    private void after(Event e) {
        if (e instanceof Event.StepFinished x) {
            if (x.depth() == 1) close(x.path());
            if (x.outcome() == Event.Outcome.RECOVERED) {
                annotate("warning", x.location(), "step '" + x.path() + "' recovered", x.message());
            }
        } else if (e instanceof Event.HandlerFinished x && x.path().isEmpty()) {
            close("\u0000" + x.kind());
        } else if (e instanceof Event.Log x && x.stream() == Event.Stream.WARNING) {
            annotate("warning", null, x.path().isEmpty() ? "warning" : "step '" + x.path() + "'", x.text());
        } else if (e instanceof Event.GuardRefused x) {
            annotate("error", x.location(), "guard refused", x.message());
        } else if (e instanceof Event.RunFinished x && x.message() != null && x.outcome() != Event.Outcome.REFUSED) {
            String title = x.outcome() == Event.Outcome.FAILED && x.failedStep() != null
                    ? "step '" + x.failedStep() + "' failed" : "runbook " + x.outcome().label();
            annotate("error", x.location(), title, x.message());
        }
    }

    private void open(String key, String name) {
        grouped.put(key, name);
        if (groupOpen) out.println("::endgroup::");
        // Parallel top-level steps cannot have a group each (groups do not nest or overlap): they share one.
        out.println("::group::" + data(masker.mask(String.join(" ‖ ", grouped.values()))));
        groupOpen = true;
    }

    private void close(String key) {
        if (grouped.remove(key) != null && grouped.isEmpty() && groupOpen) {
            out.println("::endgroup::");
            groupOpen = false;
        }
    }

    private void closeAll() {
        grouped.clear();
        if (groupOpen) out.println("::endgroup::");
        groupOpen = false;
    }

    private void annotate(String level, String location, String title, String message) {
        StringBuilder b = new StringBuilder("::").append(level);
        List<String> props = new ArrayList<>();
        String file = Locations.file(location);
        Integer line = Locations.line(location);
        if (file != null) props.add("file=" + property(relative(file)));
        if (line != null) props.add("line=" + line);
        props.add("title=" + property(masker.mask(title)));
        b.append(' ').append(String.join(",", props));
        b.append("::").append(data(masker.mask(message == null ? title : message)));
        out.println(b);
    }

    /** A check or syntax error (exit 3) as an annotation on its line. */
    public void diagnostic(Diagnostic d) {
        String level = d.isError() ? "error" : "warning";
        List<String> props = new ArrayList<>();
        if (d.span() != null) {
            props.add("file=" + property(relative(d.span().file().name())));
            props.add("line=" + d.span().line());
            props.add("col=" + d.span().column());
        }
        props.add("title=" + property("gwrun check"));
        String message = d.message() + (d.hint() == null ? "" : " (" + d.hint() + ")");
        out.println("::" + level + " " + String.join(",", props) + "::" + data(message));
        out.flush();
    }

    /** The path GitHub needs for an annotation: relative to the workspace when the file is inside it. */
    String relative(String file) {
        if (workspace == null) return file;
        try {
            Path abs = cwd.resolve(file).toAbsolutePath().normalize();
            Path ws = workspace.toAbsolutePath().normalize();
            if (abs.startsWith(ws)) return ws.relativize(abs).toString().replace('\\', '/');
        } catch (RuntimeException ignored) {
            // not a path on this system: use it as it is
        }
        return file;
    }

    /** Escapes a workflow command's message. */
    static String data(String s) {
        return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A");
    }

    /** Escapes a workflow command's property value. */
    static String property(String s) {
        return data(s).replace(":", "%3A").replace(",", "%2C");
    }
}
