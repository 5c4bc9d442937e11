package dev.gwrun.cli;

import dev.gwrun.format.Formatter;
import dev.gwrun.format.UnifiedDiff;
import dev.gwrun.parse.ParseResult;
import dev.gwrun.source.Diagnostic;
import dev.gwrun.source.SourceFile;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code gwrun fmt [--check] FILE…}: rewrites runbooks in the canonical layout, or with --check shows the diff. */
@Command(name = "fmt", addMethodSubcommands = false, mixinStandardHelpOptions = true,
        description = {"Formats runbooks in the one canonical layout, keeping every comment.",
                "Files are rewritten in place (atomically); with --check nothing is written: the diff of each",
                "file that is not formatted is printed and the exit code is 1."})
final class FmtCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "FILE", description = "The .gwrun files to format.")
    List<String> files;

    @CommandLine.Option(names = "--check", description = "Write nothing; print a diff and exit 1 when a file is not formatted.")
    boolean check;

    @CommandLine.Mixin
    CommonOptions common;

    @Override
    public Integer call() {
        PrintWriter out = common.out(), err = common.err();
        int invalid = 0, unformatted = 0;
        for (String file : files) {
            Path path = Path.of(file);
            String text;
            try {
                text = Files.readString(path);
            } catch (NoSuchFileException e) {
                err.println("gwrun: " + file + ": no such file");
                invalid++;
                continue;
            } catch (IOException e) {
                err.println("gwrun: " + file + ": cannot read: " + e.getMessage());
                invalid++;
                continue;
            }
            ParseResult<String> formatted = Formatter.format(new SourceFile(file, path, text));
            if (!formatted.ok()) {
                for (Diagnostic d : formatted.diagnostics()) err.print(common.renderer().render(d));
                invalid++;
                continue;
            }
            if (formatted.ast().equals(text)) continue;
            unformatted++;
            if (check) {
                out.print(UnifiedDiff.of(file, text, file + " (formatted)", formatted.ast()));
            } else {
                try {
                    AtomicFiles.write(path, formatted.ast());
                    err.println("formatted " + file);
                } catch (IOException e) {
                    err.println("gwrun: " + file + ": cannot write: " + e.getMessage());
                    invalid++;
                }
            }
        }
        out.flush();
        if (check && unformatted > 0) {
            err.println(unformatted + " of " + files.size() + " file" + (files.size() == 1 ? "" : "s") + " not formatted; run 'gwrun fmt' on "
                    + (unformatted == 1 ? "it" : "them"));
        }
        err.flush();
        if (invalid > 0) return ExitCodes.INVALID;
        return check && unformatted > 0 ? ExitCodes.FAILED : ExitCodes.OK;
    }
}
