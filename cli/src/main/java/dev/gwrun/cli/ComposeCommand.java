package dev.gwrun.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code gwrun compose …}: the Compose loader from the command line; one subcommand so far, config. */
@Command(name = "compose", addMethodSubcommands = false, mixinStandardHelpOptions = true, subcommands = ComposeConfigCommand.class,
        description = {"Reads Compose files as gwrun's compose module does, without Docker.",
                "'gwrun compose config' prints the resolved project, as 'docker compose config' does."})
final class ComposeCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
