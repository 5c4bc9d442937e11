package dev.gwrun.cli;

import java.io.PrintWriter;

/**
 * {@code gwrun run FILE [-p NAME=VALUE]… [-y]}, the line a pipeline runs, without building picocli's model:
 * that model (annotation reflection over run's dozen options and the root's) costs a run some 40 ms on the
 * main thread before anything else can start. Only those forms skip it: any other option, an option
 * written another way ({@code -pNAME=VALUE}, {@code --param=…}), {@code --}, an {@code @argfile} or a
 * value that looks like an option goes through picocli as before. {@code StartupPathsTest} checks that
 * both paths print the same and exit the same.
 */
final class PlainRun {
    private PlainRun() {}

    /** True when argv is {@code run FILE} followed only by {@code -p}/{@code --param NAME=VALUE} pairs and one {@code -y}/{@code --yes}. */
    static boolean applies(String[] argv) {
        return bind(argv) != null;
    }

    /** Runs as picocli would with these arguments: every other option at its default. */
    static int execute(String[] argv, PrintWriter out, PrintWriter err) {
        RunCommand run = bind(argv);
        run.common = new CommonOptions(out, err);
        return ErrorHandler.callPlain(run, err);
    }

    /** The run command with argv bound as picocli would bind it, or null when argv is not one of the plain forms. */
    private static RunCommand bind(String[] argv) {
        if (argv.length < 2 || !argv[0].equals("run") || !PlainCheck.plain(argv[1])) return null;
        RunCommand run = new RunCommand();
        run.file = argv[1];
        for (int i = 2; i < argv.length; i++) {
            String a = argv[i];
            if (a.equals("-y") || a.equals("--yes")) {
                // picocli refuses a flag given twice: left to it, so that it still does.
                if (run.yes) return null;
                run.yes = true;
                continue;
            }
            if (!(a.equals("-p") || a.equals("--param")) || i + 1 == argv.length) return null;
            String pair = argv[++i];
            // picocli splits NAME=VALUE at the first '='; a value it might read as an option is left to it.
            int eq = pair.indexOf('=');
            if (!PlainCheck.plain(pair) || eq <= 0) return null;
            run.params.put(pair.substring(0, eq), pair.substring(eq + 1));
        }
        return run;
    }
}
