package dev.gwrun.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The help reads whole: picocli starts each element of a command's description on a line of its own and wraps
 * it at the width, so an element that stops mid-sentence prints a ragged line ("…secrets and environment,"
 * alone, then "steps, handlers …"). Every element must be whole sentences.
 */
class HelpTextTest {
    private static void collect(CommandLine cli, List<CommandLine> into) {
        into.add(cli);
        for (CommandLine sub : cli.getSubcommands().values()) collect(sub, into);
    }

    @Test
    void everyDescriptionLineOfEveryCommandIsWholeSentences() {
        List<CommandLine> all = new ArrayList<>();
        collect(Main.commandLine(), all);
        assertThat(all).extracting(c -> c.getCommandSpec().qualifiedName())
                .contains("gwrun run", "gwrun check", "gwrun fmt", "gwrun plan", "gwrun doc", "gwrun compose config", "gwrun resume", "gwrun repl");
        for (CommandLine c : all) {
            for (String line : c.getCommandSpec().usageMessage().description()) {
                assertThat(line).as("a description line of '%s'", c.getCommandSpec().qualifiedName()).endsWith(".");
            }
        }
    }

    /** The README promises it: every command that does work shows a stack trace only when asked with --debug. */
    @Test
    void everyCommandThatDoesWorkTakesDebug() {
        List<CommandLine> all = new ArrayList<>();
        collect(Main.commandLine(), all);
        List<String> without = new ArrayList<>();
        for (CommandLine c : all) {
            CommandLine.Model.CommandSpec spec = c.getCommandSpec();
            boolean grouping = !spec.subcommands().isEmpty(), trivial = spec.name().equals("version");
            if (!grouping && !trivial && spec.findOption("--debug") == null) without.add(spec.qualifiedName());
        }
        assertThat(all).hasSizeGreaterThan(10);
        assertThat(without).as("commands without --debug").isEmpty();
    }
}
