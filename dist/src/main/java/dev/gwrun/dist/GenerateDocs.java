package dev.gwrun.dist;

import dev.gwrun.cli.Main;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.codegen.docgen.manpage.ManPageGenerator;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.UsageMessageSpec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes what the release ships besides the program, from the same picocli model that prints --help (so
 * they never drift from it): an AsciiDoc man page for gwrun and each of its commands (picocli-codegen's
 * ManPageGenerator; build-dist.sh turns them into troff with asciidoctor) and the bash completion script
 * (picocli's AutoComplete, which zsh runs through bashcompinit).
 * Usage: GenerateDocs ADOC_DIR BASH_COMPLETION_FILE
 */
public final class GenerateDocs {
    private GenerateDocs() {}

    private static void joinDescriptions(CommandSpec spec) {
        String[] description = spec.usageMessage().description();
        if (description.length > 1) spec.usageMessage().description(String.join(" ", description).replaceAll(" +", " ").strip());
        for (CommandLine sub : spec.subcommands().values()) joinDescriptions(sub.getCommandSpec());
    }

    public static void main(String[] args) throws IOException {
        Path adoc = Path.of(args[0]);
        Path completion = Path.of(args[1]);
        Files.createDirectories(adoc);
        CommandLine cli = Main.commandLine();
        CommandSpec root = cli.getCommandSpec();
        // The exit codes are the root command's footer, which the generator writes only under a heading.
        root.usageMessage().footerHeading("Exit codes");
        List<String> footer = new ArrayList<>(List.of(root.usageMessage().footer()));
        while (!footer.isEmpty() && footer.get(0).isBlank()) footer.remove(0);
        if (!footer.isEmpty()) footer.set(0, footer.get(0).replaceFirst("^Exit codes: *", ""));
        root.usageMessage().footer(String.join(" ", footer).replaceAll(" +", " "));
        // A description's lines are one paragraph, wrapped for the terminal (as --help joins them); each
        // command's page has it whole.
        for (CommandLine sub : cli.getSubcommands().values()) joinDescriptions(sub.getCommandSpec());
        int code = ManPageGenerator.generateManPage(adoc.toFile(), null, new boolean[0], true, root);
        if (code != 0) throw new IOException("ManPageGenerator exited " + code);
        // gwrun(1) lists each command with the first sentence of its description, whole, as gwrun --help
        // does (the generator would take the first line, cut mid-sentence).
        Map<CommandSpec, String[]> whole = new LinkedHashMap<>();
        for (CommandLine sub : cli.getSubcommands().values()) {
            UsageMessageSpec usage = sub.getCommandSpec().usageMessage();
            whole.put(sub.getCommandSpec(), usage.description());
            String text = String.join(" ", usage.description()).strip();
            int end = text.indexOf(". ");
            usage.description(end < 0 ? text : text.substring(0, end + 1));
        }
        try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(adoc.resolve("gwrun.adoc"), StandardCharsets.UTF_8))) {
            ManPageGenerator.writeSingleManPage(out, root);
        }
        whole.forEach((spec, description) -> spec.usageMessage().description(description));
        Files.createDirectories(completion.getParent());
        Files.writeString(completion, AutoComplete.bash("gwrun", cli), StandardCharsets.UTF_8);
    }
}
