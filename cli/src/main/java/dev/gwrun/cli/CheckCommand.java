package dev.gwrun.cli;

import dev.gwrun.host.Registry;
import dev.gwrun.source.Diagnostic;
import dev.gwrun.source.DiagnosticRenderer;
import dev.gwrun.stdlib.StandardLibrary;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code gwrun check FILE…}: parse and every static check, nothing run; all diagnostics, not only the first. */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = {"Parses and checks runbooks without running anything.",
                "Reports every problem found; exit 3 when any file has errors."})
final class CheckCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "The .gwrun files to check.")
    List<String> files;

    @CommandLine.Option(names = "--debug", description = "Show stack traces of internal errors.")
    boolean debug;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Terminal terminal = Terminal.detect();
        DiagnosticRenderer renderer = new DiagnosticRenderer(terminal.color());
        Registry registry = StandardLibrary.registry();
        int errors = 0, warnings = 0, bad = 0;
        for (String file : files) {
            Loader.Loaded loaded = Loader.load(file, registry);
            if (loaded.readError() != null) {
                err.println("gwrun: " + loaded.readError());
                errors++;
                bad++;
                continue;
            }
            boolean fileHasErrors = false;
            for (Diagnostic d : loaded.diagnostics()) {
                err.print(renderer.render(d));
                if (d.isError()) { errors++; fileHasErrors = true; } else warnings++;
            }
            if (fileHasErrors) bad++;
        }
        err.flush();
        String summary = files.size() + " file" + (files.size() == 1 ? "" : "s") + " checked: "
                + errors + " error" + (errors == 1 ? "" : "s") + ", " + warnings + " warning" + (warnings == 1 ? "" : "s");
        (errors > 0 ? err : out).println(errors > 0 ? terminal.red(summary) : terminal.green(summary));
        return bad > 0 ? ExitCodes.INVALID : ExitCodes.OK;
    }
}
