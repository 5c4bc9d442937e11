package dev.gwrun.cli.report;

import dev.gwrun.engine.Event;
import dev.gwrun.engine.EventSink;
import dev.gwrun.engine.Masker;
import dev.gwrun.source.Diagnostic;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;

/**
 * The outputs a pipeline asks for (--events, --junit, --report, --metrics, --pushgateway, GitHub
 * Actions mode), set up before the run and written after it, whatever its outcome. All of them render the same events; this class
 * only wires them: the record the reports are made from, the event stream, and the GitHub commands
 * around the terminal view.
 */
public final class CiOutputs implements AutoCloseable {
    /**
     * What the command line asked for; {@code events} is a path or "-" for standard output;
     * {@code metrics} the OpenMetrics file and {@code pushgateway} the Pushgateway's URL, or null.
     */
    public record Request(String events, Path junit, List<Path> reports, Path metrics, String pushgateway) {
        public Request(String events, Path junit, List<Path> reports) {
            this(events, junit, reports, null, null);
        }
    }

    private final Request request;
    private final Masker masker;
    private final UnaryOperator<String> env;
    private final RunRecord record = new RunRecord();
    private final EventStream events;
    private final GitHubActions github;
    private final EventSink sink;

    private CiOutputs(Request request, Masker masker, UnaryOperator<String> env, EventStream events, GitHubActions github, EventSink view) {
        this.request = request;
        this.masker = masker;
        this.env = env;
        this.events = events;
        this.github = github;
        EventSink shown = github != null ? github : view;
        this.sink = e -> {
            record.accept(e);
            if (events != null) events.accept(e);
            shown.accept(e);
        };
    }

    /** Problems with the request found before anything runs (exit 2), or an empty list. */
    public static List<String> problems(Request r) {
        List<String> problems = new ArrayList<>();
        for (Path p : r.reports()) {
            if (format(p) == null) problems.add("--report " + p + ": the file name must end in .md or .html (the format is chosen by the extension)");
        }
        if (r.pushgateway() != null) {
            okhttp3.HttpUrl url = okhttp3.HttpUrl.parse(r.pushgateway());
            if (url == null) problems.add("--pushgateway needs an http:// or https:// URL, got '" + new Masker().mask(r.pushgateway()) + "'");
        }
        return problems;
    }

    /**
     * Opens the outputs: the event stream's file is created now, so a bad path stops the run before it starts.
     * {@code view} is the terminal renderer, written to {@code out}; {@code env} reads the environment gwrun sees.
     */
    public static CiOutputs open(Request r, Masker masker, UnaryOperator<String> env, EventSink view, PrintWriter out, PrintWriter stdout) throws IOException {
        for (Path p : outputs(r)) {
            Path parent = p.toAbsolutePath().getParent();
            if (parent != null) Files.createDirectories(parent);
        }
        EventStream events = null;
        if (r.events() != null) {
            if (r.events().equals("-")) {
                events = new EventStream(stdout, false, masker);
            } else {
                Writer w = Files.newBufferedWriter(Path.of(r.events()), StandardCharsets.UTF_8,
                        StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
                events = new EventStream(w, true, masker);
            }
        }
        GitHubActions github = null;
        if (githubActions(env)) {
            String ws = env.apply("GITHUB_WORKSPACE");
            github = new GitHubActions(out, view, masker, ws == null || ws.isBlank() ? null : Path.of(ws), Path.of("").toAbsolutePath());
        }
        return new CiOutputs(r, masker, env, events, github, view);
    }

    /** Whether gwrun runs as a GitHub Actions step. */
    public static boolean githubActions(UnaryOperator<String> env) {
        return "true".equalsIgnoreCase(env.apply("GITHUB_ACTIONS"));
    }

    /** Check and syntax errors as annotations, when in GitHub Actions (the run never starts, so no other output). */
    public static void diagnostics(List<Diagnostic> diagnostics, UnaryOperator<String> env, PrintWriter out) {
        if (!githubActions(env)) return;
        String ws = env.apply("GITHUB_WORKSPACE");
        GitHubActions gh = new GitHubActions(out, e -> { }, new Masker(), ws == null || ws.isBlank() ? null : Path.of(ws), Path.of("").toAbsolutePath());
        for (Diagnostic d : diagnostics) gh.diagnostic(d);
    }

    /** The sink the engine writes to. */
    public EventSink sink() { return sink; }

    /**
     * Writes the end-of-run files (JUnit, reports, the GitHub step summary) from what ran, also after
     * a failure or an interrupt, and closes the event stream. Returns one message per output that
     * could not be written.
     */
    public List<String> finish() {
        List<String> problems = new ArrayList<>();
        if (events != null) {
            events.close();
            if (events.failure() != null) problems.add("cannot write the event stream " + request.events() + ": " + events.failure().getMessage());
        }
        if (!record.started()) return problems;
        if (github != null) github.registerMasks();
        if (request.junit() != null) write(request.junit(), JunitReport.render(record, masker), problems);
        for (Path p : request.reports()) {
            String text = "html".equals(format(p)) ? HtmlReport.render(record, masker) : MarkdownReport.render(record, masker);
            write(p, text, problems);
        }
        if (request.metrics() != null || request.pushgateway() != null) {
            DeploymentMetrics metrics = DeploymentMetrics.of(record, masker);
            if (request.metrics() != null) write(request.metrics(), metrics.openMetrics(), problems);
            if (request.pushgateway() != null) {
                String problem = Pushgateway.push(request.pushgateway(), metrics, masker);
                if (problem != null) problems.add(problem);
            }
        }
        String summary = github == null ? null : env.apply("GITHUB_STEP_SUMMARY");
        if (summary != null && !summary.isBlank()) {
            try {
                Files.writeString(Path.of(summary), MarkdownReport.render(record, masker) + "\n", StandardCharsets.UTF_8,
                        StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE);
            } catch (IOException | RuntimeException e) {
                problems.add("cannot append to GITHUB_STEP_SUMMARY " + summary + ": " + e.getMessage());
            }
        }
        return problems;
    }

    @Override
    public void close() {
        if (events != null) events.close();
    }

    /** The run as the reports saw it (for tests). */
    RunRecord record() { return record; }

    /** The outcome of the run, or null when it did not finish. */
    public Event.Outcome outcome() { return record.end() == null ? null : record.end().outcome(); }

    private static void write(Path p, String text, List<String> problems) {
        try {
            dev.gwrun.cli.AtomicFiles.write(p, text);
        } catch (IOException | RuntimeException e) {
            problems.add("cannot write " + p + ": " + e.getMessage());
        }
    }

    private static List<Path> outputs(Request r) {
        List<Path> all = new ArrayList<>(r.reports());
        if (r.junit() != null) all.add(r.junit());
        if (r.metrics() != null) all.add(r.metrics());
        if (r.events() != null && !r.events().equals("-")) all.add(Path.of(r.events()));
        return all;
    }

    /** "md" or "html" from the file name, or null. */
    static String format(Path p) {
        String n = p.getFileName() == null ? "" : p.getFileName().toString().toLowerCase(Locale.ROOT);
        if (n.endsWith(".md") || n.endsWith(".markdown")) return "md";
        if (n.endsWith(".html") || n.endsWith(".htm")) return "html";
        return null;
    }
}
