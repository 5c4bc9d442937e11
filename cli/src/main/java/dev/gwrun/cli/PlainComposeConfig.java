package dev.gwrun.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code gwrun compose config [-f FILE]…} with nothing but files, run without building picocli's model, like
 * {@link PlainCheck}: the model of the root, compose and config commands is some 60 ms of a 200 ms start, to
 * bind what needs no parsing. Anything else (another option, an attached {@code -fFILE} or {@code --file=FILE},
 * {@code --}, an {@code @argfile}, a value that looks like an option) goes through picocli as before;
 * {@code StartupPathsTest} checks that both paths print the same.
 */
final class PlainComposeConfig {
    private PlainComposeConfig() {}

    /** True when argv is {@code compose config} followed only by {@code -f FILE} or {@code --file FILE} pairs. */
    static boolean applies(String[] argv) {
        if (argv.length < 2 || !argv[0].equals("compose") || !argv[1].equals("config") || argv.length % 2 != 0) return false;
        for (int i = 2; i < argv.length; i += 2) {
            if (!argv[i].equals("-f") && !argv[i].equals("--file")) return false;
            if (!PlainCheck.plain(argv[i + 1])) return false;
        }
        return true;
    }

    /** Runs compose config as picocli would with these arguments: the defaults of every option, the files bound. */
    static int execute(String[] argv, PrintWriter out, PrintWriter err) {
        ComposeConfigCommand config = new ComposeConfigCommand();
        List<Path> files = new ArrayList<>();
        for (int i = 3; i < argv.length; i += 2) files.add(Path.of(argv[i]));
        config.files = files;
        config.format = ComposeConfigCommand.Format.yaml;
        config.common = new CommonOptions(out, err);
        return ErrorHandler.callPlain(config, err);
    }
}
