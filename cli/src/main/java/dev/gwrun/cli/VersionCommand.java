package dev.gwrun.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import java.util.concurrent.Callable;

/** {@code gwrun version}. */
@Command(name = "version", addMethodSubcommands = false, mixinStandardHelpOptions = true, description = "Prints gwrun's version.")
final class VersionCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getOut().println(line());
        return ExitCodes.OK;
    }

    static String version() {
        try (InputStream in = VersionCommand.class.getResourceAsStream("/gwrun-version.properties")) {
            Properties p = new Properties();
            if (in != null) p.load(in);
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }

    static String line() {
        return "gwrun " + version() + " (Java " + System.getProperty("java.version") + ")";
    }

    /** For --version on the top-level command. */
    static final class Provider implements CommandLine.IVersionProvider {
        @Override public String[] getVersion() { return new String[] {line()}; }
    }
}
