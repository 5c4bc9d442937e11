package dev.gwrun.cli;

import dev.gwrun.format.Formatter;
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
                "Files are rewritten in place (atomically); with --check nothing is written: the diff of each "
                        + "file that is not formatted is printed and the exit code is 1."})
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
        Rewrites rewrites = new Rewrites(check, out, err);
        for (String file : files) {
            Path path = Path.of(file);
            String text;
            try {
                text = Files.readString(path);
            } catch (NoSuchFileException e) {
                err.println("gwrun: " + file + ": no such file");
                rewrites.invalid();
                continue;
            } catch (IOException e) {
                err.println("gwrun: " + file + ": cannot read: " + e.getMessage());
                rewrites.invalid();
                continue;
            }
            ParseResult<String> formatted = Formatter.format(new SourceFile(file, path, text));
            if (!formatted.ok()) {
                for (Diagnostic d : formatted.diagnostics()) err.print(common.renderer().render(d));
                rewrites.invalid();
                continue;
            }
            rewrites.offer(path, file, text, formatted.ast(), "formatted", "formatted");
        }
        return rewrites.exit(unformatted -> unformatted + " of " + files.size() + " file" + (files.size() == 1 ? "" : "s")
                + " not formatted; run 'gwrun fmt' on " + (unformatted == 1 ? "it" : "them"));
    }
}
