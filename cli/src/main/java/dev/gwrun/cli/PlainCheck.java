package dev.gwrun.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;

/**
 * {@code gwrun check FILE…} with nothing but file names, run without building picocli's model: a
 * pipeline step's one-line check pays most of its start-up for that model (annotation reflection, a
 * proxy class per annotation type, the options of check and of the root command), some 60–80 ms of
 * CPU, to bind what needs no parsing. Any other argument (an option, {@code --}, an {@code @argfile})
 * goes through picocli as before; {@code StartupPathsTest} checks that both paths print the same.
 */
final class PlainCheck {
    private PlainCheck() {}

    /** True when argv is {@code check} and one or more plain file names: what picocli would bind to FILE alone. */
    static boolean applies(String[] argv) {
        if (argv.length < 2 || !argv[0].equals("check")) return false;
        for (int i = 1; i < argv.length; i++) {
            if (!plain(argv[i])) return false;
        }
        return true;
    }

    /** An argument picocli binds as it is: not empty, no option ('-…', or '--' ending them), no argument file ('@…'). */
    static boolean plain(String a) {
        return !a.isEmpty() && a.charAt(0) != '-' && a.charAt(0) != '@';
    }

    /** Runs the check as picocli would with these arguments: the defaults of every option, the files bound. */
    static int execute(String[] argv, PrintWriter out, PrintWriter err) {
        CheckCommand check = new CheckCommand();
        check.files = new ArrayList<>(Arrays.asList(argv).subList(1, argv.length));
        check.format = CheckCommand.Format.text;
        check.strict = false;
        check.common = new CommonOptions(out, err);
        return ErrorHandler.callPlain(check, err);
    }
}
