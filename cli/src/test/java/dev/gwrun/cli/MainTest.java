package dev.gwrun.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The command line itself: help, the one subcommand built per invocation, usage errors, shebang. */
class MainTest {
    record Result(int exit, String out, String err) {}

    private static Result gwrun(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(exit, out.toString(), err.toString());
    }

    @Test
    void helpListsEveryCommandInOrder() {
        Result r = gwrun("--help");
        assertThat(r.exit()).isZero();
        String commands = r.out().substring(r.out().indexOf("Commands:"));
        // A command's line starts two spaces in; wrapped descriptions are indented further.
        assertThat(commands.lines().filter(l -> l.matches("  [a-z]+ +\\S.*")).map(l -> l.strip().split(" ")[0]))
                .containsExactly("run", "check", "fmt", "plan", "doc", "compose", "runs", "show", "resume", "repl", "version");
        assertThat(r.out()).contains("Exit codes: 0 success");
        // Each command's summary is a whole sentence, never cut where picocli's first line ends.
        assertThat(commands).contains("with the params resolved, each stdlib call marked")
                .contains("secrets and environment, steps, handlers and a Mermaid");
        // No help line is wider than the terminal picocli assumes (80), footer included.
        assertThat(r.out().lines()).allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(80));
        assertThat(r.out()).contains("  70 an internal error in gwrun, 130 interrupted.");
    }

    @Test
    void aSubcommandsHelpAndUsageErrorsNameItInFull() {
        Result help = gwrun("run", "--help");
        assertThat(help.exit()).isZero();
        assertThat(help.out()).startsWith("Usage: gwrun run ").contains("--events").contains("--junit");
        assertThat(help.out().replaceAll("\\s+", " ")).contains("--metrics=FILE Writes the run's deployment metrics",
                "--pushgateway=URL Pushes the same metrics", "an output not written or not pushed exits 2.");

        Result missing = gwrun("check");
        assertThat(missing.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(missing.err()).contains("gwrun: ").contains("Try 'gwrun check --help' for more information.");
    }

    @Test
    void aMistypedCommandIsAUsageErrorThatSuggestsTheRightOne() {
        Result r = gwrun("rnu", "deploy.gwrun");
        assertThat(r.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).startsWith("gwrun: unknown command 'rnu' — did you mean 'run'?");
    }

    @Test
    void anUnknownCommandWithHelpIsAUsageErrorNotTheRootHelp() {
        Result r = gwrun("deploy", "config", "--help");
        assertThat(r.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).startsWith("gwrun: unknown command 'deploy' (commands: run, check, fmt,")
                .contains("Try 'gwrun --help' for more information.");
    }

    @Test
    void aRunbookAsTheFirstArgumentIsRun(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("hello.gwrun");
        Files.writeString(file, "runbook \"hello\" {\n  step \"greet\" { log \"hello from the shebang\" }\n}\n");
        Result r = gwrun(file.toString(), "--state", dir.resolve("state").toString());
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("hello from the shebang");
    }

    @Test
    void versionAnswersAsACommandAndAsAnOption() {
        assertThat(gwrun("version").out()).startsWith("gwrun ");
        assertThat(gwrun("--version").out()).startsWith("gwrun ");
    }
}
