package dev.gwrun.cli;

import dev.gwrun.params.Masker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The short cuts of a command's start-up say exactly what the whole model says: picocli's model of the one
 * subcommand named (Main) against the model of all of them, and {@code check FILE…} without picocli
 * (PlainCheck), {@code run FILE -p NAME=VALUE… -y} without picocli (PlainRun) and {@code compose config -f FILE…}
 * without picocli (PlainComposeConfig) against picocli's,
 * byte for byte, exit code included.
 */
class StartupPathsTest {
    record Result(int exit, String out, String err) {}

    @TempDir
    Path dir;

    private static Result main(String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        int exit = Main.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(exit, out.toString(), err.toString());
    }

    private static Result picocli(boolean everySubcommand, String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        PrintWriter masked = new PrintWriter(new MaskingWriter(err, new Masker()), true);
        int exit = Main.picocli(args, new PrintWriter(out, true), masked, everySubcommand);
        return new Result(exit, out.toString(), err.toString());
    }

    private static final List<String> COMMANDS = List.of("run", "check", "fmt", "plan", "doc", "compose", "runs", "show", "resume", "repl", "version");

    @Test
    void everyCommandsHelpAndUsageErrorsAreTheSameWithOneSubcommandBuiltAsWithAll() {
        List<String[]> lines = new ArrayList<>();
        lines.add(new String[] {"--help"});
        lines.add(new String[] {"-h"});
        lines.add(new String[] {});
        lines.add(new String[] {"--no-such-option"});
        for (String c : COMMANDS) {
            lines.add(new String[] {c, "--help"});
            lines.add(new String[] {c, "-h"});
            lines.add(new String[] {c, "--no-such-option"});
            lines.add(new String[] {c, "--debug", "--help"});
        }
        lines.add(new String[] {"check"});
        lines.add(new String[] {"check", "--format", "yaml", "x.gwrun"});
        lines.add(new String[] {"run"});
        lines.add(new String[] {"run", "x.gwrun", "-p"});
        lines.add(new String[] {"compose", "--help"});
        lines.add(new String[] {"compose", "config", "--help"});
        lines.add(new String[] {"compose", "nosuch"});
        lines.add(new String[] {"show"});
        lines.add(new String[] {"resume"});
        lines.add(new String[] {"runs", "-n", "many"});
        int compared = 0;
        for (String[] args : lines) {
            Result one = picocli(false, args), all = picocli(true, args);
            assertThat(one).as(String.join(" ", args)).isEqualTo(all);
            assertThat(one.out() + one.err()).as(String.join(" ", args)).isNotEmpty();
            compared++;
        }
        assertThat(compared).isEqualTo(4 + 4 * COMMANDS.size() + 10);
    }

    @Test
    void aSubcommandsHelpFromMainIsItsHelpFromTheWholeModel() {
        for (String c : COMMANDS) {
            Result fromMain = main(c, "--help");
            assertThat(fromMain.exit()).as(c).isZero();
            assertThat(fromMain.out()).as(c).startsWith("Usage: gwrun " + c).isEqualTo(picocli(true, c, "--help").out());
        }
    }

    @Test
    void aPlainCheckPrintsWhatPicocliCheckPrints() throws IOException {
        Path ok = write("ok.gwrun", "runbook \"ok\" {\n  step \"hi\" { log \"hi\" }\n}\n");
        Path risky = write("risky.gwrun", "runbook \"risky\" {\n  step \"restart\" {\n    sh(\"systemctl restart api\")\n  }\n}\n");
        Path broken = write("broken.gwrun", "runbook \"b\" {\n  log nope\n}\n");
        Path syntax = write("syntax.gwrun", "runbook \"s\" {\n  step {\n}\n");
        Path secret = write("secret.gwrun", "runbook \"u\" {\n  log http.get(\"https://u:hunter22@example.com\", nope: 1)\n}\n");
        Path binary = dir.resolve("binary.gwrun");
        Files.write(binary, new byte[] {(byte) 0xff, (byte) 0xfe, 0});
        String missing = dir.resolve("missing.gwrun").toString();
        List<String[]> lines = List.of(
                new String[] {"check", ok.toString()},
                new String[] {"check", risky.toString()},
                new String[] {"check", broken.toString()},
                new String[] {"check", syntax.toString()},
                new String[] {"check", secret.toString()},
                new String[] {"check", binary.toString()},
                new String[] {"check", missing},
                new String[] {"check", ok.toString(), risky.toString(), broken.toString(), missing});
        for (String[] args : lines) {
            assertThat(PlainCheck.applies(args)).as(String.join(" ", args)).isTrue();
            Result plain = main(args), viaPicocli = picocli(false, args);
            assertThat(plain).as(String.join(" ", args)).isEqualTo(viaPicocli);
        }
        assertThat(main("check", ok.toString()).exit()).isZero();
        assertThat(main("check", broken.toString()).exit()).isEqualTo(ExitCodes.INVALID);
        assertThat(main("check", secret.toString()).err()).doesNotContain("hunter22");
    }

    @Test
    void onlyPlainFileNamesSkipPicocli() {
        assertThat(PlainCheck.applies(new String[] {"check", "a.gwrun", "b.gwrun"})).isTrue();
        assertThat(PlainCheck.applies(new String[] {"check"})).isFalse();
        assertThat(PlainCheck.applies(new String[] {"check", "--strict", "a.gwrun"})).isFalse();
        assertThat(PlainCheck.applies(new String[] {"check", "a.gwrun", "--format=json"})).isFalse();
        assertThat(PlainCheck.applies(new String[] {"check", "--", "a.gwrun"})).isFalse();
        assertThat(PlainCheck.applies(new String[] {"check", "-h"})).isFalse();
        assertThat(PlainCheck.applies(new String[] {"check", "@args.txt"})).isFalse();
        assertThat(PlainCheck.applies(new String[] {"check", ""})).isFalse();
        assertThat(PlainCheck.applies(new String[] {"fmt", "a.gwrun"})).isFalse();
        assertThat(PlainCheck.applies(new String[] {"plan", "a.gwrun"})).isFalse();
    }

    /** A run's output with what differs from run to run (its id, durations) replaced, as the goldens compare it. */
    private static Result stable(Result r) {
        return new Result(r.exit(), GoldenTest.normalize(r.out()), GoldenTest.normalize(r.err()));
    }

    @Test
    void aPlainRunPrintsWhatPicocliRunPrints() throws IOException {
        Path ok = write("ok.gwrun", "runbook \"ok\" {\n  param version: string\n  param url: string = \"\"\n"
                + "  step \"deploy\" { log \"deploying ${version} to ${url}\" }\n}\n");
        Path failing = write("failing.gwrun", "runbook \"f\" {\n  step \"one\" { log \"one\" }\n  step \"two\" { fail \"it broke\" }\n}\n");
        Path confirm = write("confirm.gwrun", "runbook \"c\" {\n  step \"drop\" {\n    confirm \"really?\"\n    log \"dropped\"\n  }\n}\n");
        Path broken = write("broken.gwrun", "runbook \"b\" {\n  log nope\n}\n");
        String missing = dir.resolve("missing.gwrun").toString();
        List<String[]> lines = List.of(
                new String[] {"run", ok.toString(), "-p", "version=1.2=3"},
                new String[] {"run", ok.toString(), "--param", "version=1", "-p", "version=2", "-p", "url=https://u:hunter22@example.com"},
                new String[] {"run", ok.toString()},
                new String[] {"run", ok.toString(), "-p", "version=1", "-p", "nope=2"},
                new String[] {"run", failing.toString()},
                new String[] {"run", confirm.toString()},
                new String[] {"run", confirm.toString(), "-y"},
                new String[] {"run", confirm.toString(), "--yes"},
                new String[] {"run", broken.toString()},
                new String[] {"run", missing, "-p", "version=1"});
        // Both paths keep their records where a run does by default (.gwrun in the working directory):
        // whatever this test adds there is removed after it.
        Path records = Path.of(".gwrun").toAbsolutePath();
        boolean hadRecords = Files.exists(records);
        java.util.Set<Path> before = hadRecords ? listing(records) : java.util.Set.of();
        try {
            for (String[] args : lines) {
                assertThat(PlainRun.applies(args)).as(String.join(" ", args)).isTrue();
                Result plain = stable(main(args)), viaPicocli = stable(picocli(false, args));
                assertThat(plain).as(String.join(" ", args)).isEqualTo(viaPicocli);
                assertThat(plain.out() + plain.err()).as(String.join(" ", args)).isNotEmpty().doesNotContain("hunter22");
            }
            assertThat(main("run", ok.toString(), "-p", "version=1.2=3").out()).contains("deploying 1.2=3 to");
            assertThat(main("run", ok.toString(), "-p", "version=1", "-p", "version=2").out()).contains("deploying 2 to");
            assertThat(main("run", failing.toString()).exit()).isEqualTo(ExitCodes.FAILED);
            assertThat(main("run", ok.toString()).exit()).isEqualTo(ExitCodes.USAGE);
            assertThat(main("run", broken.toString()).exit()).isEqualTo(ExitCodes.INVALID);
            assertThat(main("run", confirm.toString(), "-y").out()).contains("dropped");
        } finally {
            if (!hadRecords) {
                deleteTree(records);
            } else {
                for (Path p : listing(records)) if (!before.contains(p)) deleteTree(p);
            }
        }
    }

    @Test
    void onlyParamsAndYesSkipPicocliForRun() {
        assertThat(PlainRun.applies(new String[] {"run", "a.gwrun"})).isTrue();
        assertThat(PlainRun.applies(new String[] {"run", "a.gwrun", "-p", "a=1", "--param", "b=", "-y"})).isTrue();
        assertThat(PlainRun.applies(new String[] {"run"})).isFalse();
        assertThat(PlainRun.applies(new String[] {"run", "-p", "a=1", "a.gwrun"})).isFalse();
        assertThat(PlainRun.applies(new String[] {"run", "a.gwrun", "-p"})).isFalse();
        assertThat(PlainRun.applies(new String[] {"run", "a.gwrun", "-p", "=1"})).isFalse();
        assertThat(PlainRun.applies(new String[] {"run", "a.gwrun", "-p", "a"})).isFalse();
        assertThat(PlainRun.applies(new String[] {"run", "a.gwrun", "-p", "-a=1"})).isFalse();
        assertThat(PlainRun.applies(new String[] {"run", "a.gwrun", "-pa=1"})).isFalse();
        assertThat(PlainRun.applies(new String[] {"run", "a.gwrun", "--param=a=1"})).isFalse();
        assertThat(PlainRun.applies(new String[] {"run", "a.gwrun", "-y", "--yes"})).isFalse();
        assertThat(PlainRun.applies(new String[] {"run", "a.gwrun", "--state", "x"})).isFalse();
        assertThat(PlainRun.applies(new String[] {"run", "a.gwrun", "--debug"})).isFalse();
        assertThat(PlainRun.applies(new String[] {"run", "a.gwrun", "b.gwrun"})).isFalse();
        assertThat(PlainRun.applies(new String[] {"run", "@args"})).isFalse();
        assertThat(PlainRun.applies(new String[] {"run", "a.gwrun", "--", "x"})).isFalse();
        assertThat(PlainRun.applies(new String[] {"check", "a.gwrun"})).isFalse();
    }

    /** Every file and directory below root. */
    private static java.util.Set<Path> listing(Path root) throws IOException {
        try (var walk = Files.walk(root)) {
            return walk.collect(java.util.stream.Collectors.toSet());
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) return;
        try (var walk = Files.walk(root)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) Files.delete(p);
        }
    }

    @Test
    void aPlainComposeConfigPrintsWhatPicocliComposeConfigPrints() throws IOException {
        Path base = write("compose.yml", "services:\n  api:\n    image: demo:1\n    ports: [\"8001:8000\"]\n"
                + "    environment: {DATABASE_URL: \"postgres://app:hunter22@db/app\"}\n");
        Path override = write("compose.prod.yml", "services:\n  api:\n    image: demo:2\n    deploy: {replicas: 2}\n");
        Path yamlError = write("broken.yml", "services:\n  api:\n    image: [\n");
        Path unset = write("unset.yml", "services:\n  api:\n    image: ${GWRUN_TEST_SURELY_UNSET:?set the image}\n");
        Path badPort = write("port.yml", "services:\n  api:\n    image: demo:1\n    ports: [\"eighty:80\"]\n");
        String missing = dir.resolve("missing.yml").toString();
        List<String[]> lines = List.of(
                new String[] {"compose", "config", "-f", base.toString()},
                new String[] {"compose", "config", "-f", base.toString(), "--file", override.toString()},
                new String[] {"compose", "config", "-f", yamlError.toString()},
                new String[] {"compose", "config", "-f", unset.toString()},
                new String[] {"compose", "config", "-f", badPort.toString()},
                new String[] {"compose", "config", "-f", missing},
                new String[] {"compose", "config"});
        for (String[] args : lines) {
            assertThat(PlainComposeConfig.applies(args)).as(String.join(" ", args)).isTrue();
            Result plain = main(args), viaPicocli = picocli(false, args);
            assertThat(plain).as(String.join(" ", args)).isEqualTo(viaPicocli);
            assertThat(plain.out() + plain.err()).as(String.join(" ", args)).isNotEmpty();
        }
        Result merged = main("compose", "config", "-f", base.toString(), "-f", override.toString());
        assertThat(merged.exit()).isZero();
        assertThat(merged.out()).contains("image: demo:2");
        assertThat(main("compose", "config", "-f", yamlError.toString()).exit()).isEqualTo(ExitCodes.INVALID);
        assertThat(main("compose", "config", "-f", unset.toString()).err()).contains("set the image");
        // No URL password reaches standard output; a file asked for with -o has it as it is.
        assertThat(merged.out()).contains("DATABASE_URL: postgres://app:***@db/app").doesNotContain("hunter22");
        Path written = dir.resolve("resolved.yml");
        assertThat(main("compose", "config", "-f", base.toString(), "-o", written.toString()).exit()).isZero();
        assertThat(Files.readString(written)).contains("postgres://app:hunter22@db/app");
    }

    @Test
    void onlyFilePairsSkipPicocliForComposeConfig() {
        assertThat(PlainComposeConfig.applies(new String[] {"compose", "config"})).isTrue();
        assertThat(PlainComposeConfig.applies(new String[] {"compose", "config", "-f", "a.yml", "--file", "b.yml"})).isTrue();
        assertThat(PlainComposeConfig.applies(new String[] {"compose", "config", "-f"})).isFalse();
        assertThat(PlainComposeConfig.applies(new String[] {"compose", "config", "-fa.yml"})).isFalse();
        assertThat(PlainComposeConfig.applies(new String[] {"compose", "config", "--file=a.yml"})).isFalse();
        assertThat(PlainComposeConfig.applies(new String[] {"compose", "config", "-f", "a.yml", "--services"})).isFalse();
        assertThat(PlainComposeConfig.applies(new String[] {"compose", "config", "-f", "--help"})).isFalse();
        assertThat(PlainComposeConfig.applies(new String[] {"compose", "config", "-f", "@args"})).isFalse();
        assertThat(PlainComposeConfig.applies(new String[] {"compose", "config", "-p", "x"})).isFalse();
        assertThat(PlainComposeConfig.applies(new String[] {"compose", "config", "--", "a.yml"})).isFalse();
        assertThat(PlainComposeConfig.applies(new String[] {"compose", "up", "-f", "a.yml"})).isFalse();
        assertThat(PlainComposeConfig.applies(new String[] {"compose"})).isFalse();
    }

    private Path write(String name, String text) throws IOException {
        Path f = dir.resolve(name);
        Files.writeString(f, text);
        return f;
    }
}
