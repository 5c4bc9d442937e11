package dev.gwrun.cli;

import dev.gwrun.host.Registry;
import dev.gwrun.runtime.Json;
import dev.gwrun.source.Diagnostic;
import dev.gwrun.source.DiagnosticRenderer;
import dev.gwrun.source.Span;
import dev.gwrun.stdlib.StandardLibrary;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code gwrun check FILE…}: parse, every static check and the lint rules, nothing run; all diagnostics, not only the first. */
@Command(name = "check", addMethodSubcommands = false, mixinStandardHelpOptions = true,
        description = {"Parses and checks runbooks without running anything, and warns about risky ones (lint rules).",
                "Reports every problem found; exit 3 when any file has errors, 1 with --strict when there are warnings.",
                "Silence a warning with '# gwrun:ignore RULE' on the line above it."})
final class CheckCommand implements Callable<Integer> {
    enum Format { text, json, github }

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "The .gwrun files to check.")
    List<String> files;

    @CommandLine.Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "text (default), json (one document on stdout) or github (workflow annotations on stdout).")
    Format format;

    @CommandLine.Option(names = "--strict", description = "Exit 1 when there are warnings (and no errors).")
    boolean strict;

    @CommandLine.Mixin
    CommonOptions common;

    /** One file's outcome: its diagnostics, or the reason it could not be read. */
    private record Checked(String file, List<Diagnostic> diagnostics, String readError) {}

    @Override
    public Integer call() {
        PrintWriter out = common.out(), err = common.err();
        Registry registry = StandardLibrary.registry();
        List<Checked> checked = new ArrayList<>();
        int errors = 0, warnings = 0, bad = 0;
        for (String file : files) {
            Loader.Loaded loaded = Loader.load(file, registry);
            checked.add(new Checked(file, loaded.diagnostics(), loaded.readError()));
            boolean fileHasErrors = loaded.readError() != null;
            if (loaded.readError() != null) errors++;
            for (Diagnostic d : loaded.diagnostics()) {
                if (d.isError()) { errors++; fileHasErrors = true; } else warnings++;
            }
            if (fileHasErrors) bad++;
        }
        String summary = files.size() + " file" + (files.size() == 1 ? "" : "s") + " checked: "
                + errors + " error" + (errors == 1 ? "" : "s") + ", " + warnings + " warning" + (warnings == 1 ? "" : "s");
        switch (format) {
            case json -> out.println(json(checked, errors, warnings));
            case github -> {
                for (Checked c : checked) github(c, out);
                err.println(summary);
            }
            case text -> {
                Terminal terminal = Terminal.detect();
                DiagnosticRenderer renderer = new DiagnosticRenderer(terminal.color());
                for (Checked c : checked) {
                    if (c.readError() != null) err.println("gwrun: " + c.readError());
                    for (Diagnostic d : c.diagnostics()) err.print(renderer.render(d));
                }
                err.flush();
                boolean failed = errors > 0 || strict && warnings > 0;
                (failed ? err : out).println(failed ? terminal.red(summary) : warnings > 0 ? terminal.yellow(summary) : terminal.green(summary));
            }
        }
        out.flush();
        err.flush();
        if (bad > 0) return ExitCodes.INVALID;
        return strict && warnings > 0 ? ExitCodes.FAILED : ExitCodes.OK;
    }

    private static String json(List<Checked> checked, int errors, int warnings) {
        List<Object> diagnostics = new ArrayList<>();
        for (Checked c : checked) {
            if (c.readError() != null) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("file", c.file());
                m.put("severity", "error");
                m.put("message", c.readError());
                diagnostics.add(m);
            }
            for (Diagnostic d : c.diagnostics()) {
                Map<String, Object> m = new LinkedHashMap<>();
                Span s = d.span();
                // A diagnostic may stand in another file the runbook names (a Compose file's line, say).
                m.put("file", s == null ? c.file() : s.file().name());
                if (s != null) {
                    m.put("line", (long) s.line());
                    m.put("column", (long) s.column());
                    m.put("endLine", (long) s.endLine());
                    m.put("endColumn", (long) s.file().columnOf(Math.max(s.start(), s.end())));
                }
                m.put("severity", d.severity().label());
                m.put("rule", d.rule());
                m.put("message", d.message());
                m.put("hint", d.hint());
                diagnostics.add(m);
            }
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("files", checked.stream().map(Checked::file).toList());
        doc.put("errors", (long) errors);
        doc.put("warnings", (long) warnings);
        doc.put("diagnostics", diagnostics);
        return Json.write(doc);
    }

    /** GitHub Actions workflow commands: {@code ::warning file=…,line=…,col=…,title=RULE::message}. */
    private static void github(Checked c, PrintWriter out) {
        if (c.readError() != null) out.println("::error file=" + property(c.file()) + ",title=gwrun::" + data(c.readError()));
        for (Diagnostic d : c.diagnostics()) {
            String file = d.span() == null ? c.file() : d.span().file().name();
            StringBuilder b = new StringBuilder("::").append(d.isError() ? "error" : "warning").append(" file=").append(property(file));
            if (d.span() != null) {
                b.append(",line=").append(d.span().line()).append(",col=").append(d.span().column())
                        .append(",endLine=").append(d.span().endLine());
            }
            b.append(",title=").append(property(d.rule() == null ? "gwrun" : d.rule()));
            b.append("::").append(data(d.message() + (d.hint() == null ? "" : "\nhint: " + d.hint())));
            out.println(b);
        }
    }

    private static String data(String s) {
        return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A");
    }

    private static String property(String s) {
        return data(s).replace(":", "%3A").replace(",", "%2C");
    }
}
