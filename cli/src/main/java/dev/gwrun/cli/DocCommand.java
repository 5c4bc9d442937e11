package dev.gwrun.cli;

import dev.gwrun.doc.RunbookDoc;
import dev.gwrun.host.Registry;
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
        description = {"Writes a Markdown page for each runbook (description, params, secrets and environment, "
                + "steps, handlers and a Mermaid flowchart) to DIR/NAME.md; DIR is docs/ beside the runbook unless -o.",
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
        Rewrites pages = new Rewrites(check, out, err);
        for (String file : files) {
            Loader.Loaded loaded = Loader.load(file, registry);
            if (common.reportInvalid(loaded)) {
                pages.invalid();
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
                pages.invalid();
                continue;
            }
            pages.offer(page, Path.of("").toAbsolutePath().relativize(page).toString(), current, text, "generated", "wrote");
        }
        return pages.exit(stale -> stale + " page" + (stale == 1 ? " is" : "s are") + " missing or out of date; run 'gwrun doc' on the runbook"
                + (stale == 1 ? "" : "s"));
    }
}
