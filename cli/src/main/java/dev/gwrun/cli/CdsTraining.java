package dev.gwrun.cli;

import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Not a command: the training run with which bin/gwrun makes a class-data-sharing archive. The JVM
 * writes the archive when the process exits, with every class the process loaded, so one process runs
 * several command lines, each as {@code gwrun} would (output discarded), to archive what each of them
 * loads: {@code CdsTraining --help ';' check FILE ';' compose config -f FILE}. Exits 0 whatever the
 * commands return (a training runbook fails on purpose: it calls engines that do not exist).
 */
public final class CdsTraining {
    private CdsTraining() {}

    public static void main(String[] args) {
        PrintStream nowhere = new PrintStream(OutputStream.nullOutputStream());
        System.setOut(nowhere);
        System.setErr(nowhere);
        for (String[] command : split(args)) {
            try {
                RunPrewarm.start(command);
                Main.execute(command, new PrintWriter(nowhere, true), new PrintWriter(nowhere, true));
            } catch (RuntimeException e) {
                // a failing command still loaded its classes
            }
        }
        System.exit(0);
    }

    private static List<String[]> split(String[] args) {
        List<String[]> commands = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= args.length; i++) {
            if (i == args.length || args[i].equals(";")) {
                if (i > start) commands.add(Arrays.copyOfRange(args, start, i));
                start = i + 1;
            }
        }
        return commands;
    }
}
