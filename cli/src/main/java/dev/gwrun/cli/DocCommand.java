package dev.gwrun.cli;

import dev.gwrun.doc.RunbookDoc;
import dev.gwrun.format.UnifiedDiff;
import dev.gwrun.host.Registry;
import dev.gwrun.source.Diagnostic;
import dev.gwrun.stdlib.StandardLibrary;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code gwrun doc [--check] [-o DIR] FILE…}: a Markdown page with a Mermaid flowchart for each runbook. */
@Command(name = "doc", addMethodSubcommands = false, mixinStandardHelpOptions = true,
        description = {"Writes a Markdown page for each runbook (description, params, secrets and environment,",
                "steps, handlers and a Mermaid flowchart) to DIR/NAME.md; DIR is docs/ beside the runbook unless -o.",
                "With --check nothing is written: the diff of each stale page is printed and the exit code is 1."})
final class DocCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "FILE", description = "The .gwrun files to document.")
    List<String> files;

    @Option(names = {"-o", "--output"}, paramLabel = "DIR", description = "Where to write the pages (default: docs/ beside each runbook).")
    Path output;

    @Option(names = "--check", description = "Write nothing; print a diff and exit 1 when a page is missing or out of date.")
    boolean check;

    @CommandLine.Mixin
    CommonOptions common;

    @Override
    public Integer call() {
        PrintWriter out = common.out(), err = common.err();
        Registry registry = StandardLibrary.registry();
        int invalid = 0, stale = 0;
        for (String file : files) {
            Loader.Loaded loaded = Loader.load(file, registry);
            if (loaded.readError() != null) {
                err.println("gwrun: " + loaded.readError());
                invalid++;
                continue;
            }
            if (!loaded.ok()) {
                for (Diagnostic d : loaded.diagnostics()) if (d.isError()) err.print(common.renderer().render(d));
                invalid++;
                continue;
            }
            Path runbook = Path.of(file).toAbsolutePath().normalize();
            Path dir = (output != null ? output : runbook.getParent().resolve("docs")).toAbsolutePath().normalize();
            String name = runbook.getFileName().toString().replaceFirst("\\.gwrun$", "");
            Path page = dir.resolve(name + ".md");
            String link = dir.relativize(runbook).toString().replace('\\', '/');
            String text = RunbookDoc.markdown(loaded.runbook(), registry, link);
            String current;
            try {
                current = Files.exists(page) ? Files.readString(page) : null;
            } catch (IOException e) {
                err.println("gwrun: cannot read " + page + ": " + e.getMessage());
                invalid++;
                continue;
            }
            if (text.equals(current)) continue;
            stale++;
            Path shown = Path.of("").toAbsolutePath().relativize(page);
            if (check) {
                out.print(UnifiedDiff.of(current == null ? "/dev/null" : shown.toString(), current == null ? "" : current, shown + " (generated)", text));
            } else {
                try {
                    AtomicFiles.write(page, text);
                    err.println("wrote " + shown);
                } catch (IOException e) {
                    err.println("gwrun: cannot write " + page + ": " + e.getMessage());
                    invalid++;
                }
            }
        }
        out.flush();
        if (check && stale > 0) {
            err.println(stale + " page" + (stale == 1 ? " is" : "s are") + " missing or out of date; run 'gwrun doc' on the runbook" + (stale == 1 ? "" : "s"));
        }
        err.flush();
        if (invalid > 0) return ExitCodes.INVALID;
        return check && stale > 0 ? ExitCodes.FAILED : ExitCodes.OK;
    }
}
