package dev.gwrun.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The real bin/gwrun launcher and jar, as a pipeline runs them: exit codes, Ctrl-C, shebang, no stack traces. */
class GwrunProcessIT {
    static final Path GWRUN = Path.of("..", "bin", "gwrun").toAbsolutePath().normalize();

    @TempDir
    Path dir;

    record Proc(int exit, String out, String err) {}

    private Proc gwrun(Map<String, String> env, String... args) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(GWRUN.toString());
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile());
        pb.environment().putAll(env);
        pb.redirectOutput(dir.resolve("out.txt").toFile()).redirectError(dir.resolve("err.txt").toFile());
        Process p = pb.start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Proc(p.exitValue(), Files.readString(dir.resolve("out.txt")), Files.readString(dir.resolve("err.txt")));
    }

    private Path write(String name, String text) throws IOException {
        Path f = dir.resolve(name);
        Files.writeString(f, text, StandardCharsets.UTF_8);
        return f;
    }

    @Test
    void exitCodesAreTheDocumentedOnes() throws Exception {
        write("ok.gwrun", "runbook \"ok\" { step \"a\" { log \"fine\" } }");
        write("fails.gwrun", "runbook \"f\" { step \"a\" { fail \"no\" } }");
        write("param.gwrun", "runbook \"p\" { param version: string\n step \"a\" { log version } }");
        write("syntax.gwrun", "runbook \"s\" { step \"a\" log \"x\" }");
        write("guard.gwrun", "runbook \"g\" { guard false else \"not today\"\n step \"a\" { log \"x\" } }");
        write("handler.gwrun", "runbook \"h\" { step \"a\" { fail \"no\" }\n on failure { fail \"rollback failed\" } }");
        assertThat(gwrun(Map.of(), "run", "ok.gwrun").exit()).isEqualTo(0);
        assertThat(gwrun(Map.of(), "run", "fails.gwrun").exit()).isEqualTo(1);
        Proc usage = gwrun(Map.of(), "run", "param.gwrun");
        assertThat(usage.exit()).isEqualTo(2);
        assertThat(usage.err()).contains("missing required param 'version' (string): pass it with -p version=…");
        assertThat(gwrun(Map.of(), "run", "--no-such-flag", "ok.gwrun").exit()).isEqualTo(2);
        Proc syntax = gwrun(Map.of(), "run", "syntax.gwrun");
        assertThat(syntax.exit()).isEqualTo(3);
        assertThat(syntax.err()).contains("syntax.gwrun:1:24: error: expected '{' after step name, found keyword 'log'");
        assertThat(gwrun(Map.of(), "run", "guard.gwrun").exit()).isEqualTo(4);
        assertThat(gwrun(Map.of(), "run", "handler.gwrun").exit()).isEqualTo(5);
        assertThat(gwrun(Map.of(), "check", "ok.gwrun").exit()).isEqualTo(0);
        assertThat(gwrun(Map.of(), "check", "syntax.gwrun").exit()).isEqualTo(3);
        assertThat(gwrun(Map.of(), "version").out()).startsWith("gwrun 0.1.0");
    }

    @Test
    void noStackTracesWithoutDebug() throws Exception {
        write("f.gwrun", "runbook \"f\" { step \"a\" { http.get(\"http://127.0.0.1:1/x\") } }");
        Proc p = gwrun(Map.of(), "run", "f.gwrun");
        assertThat(p.exit()).isEqualTo(1);
        assertThat(p.out() + p.err()).doesNotContain("\tat ", "Exception");
        Proc missing = gwrun(Map.of(), "run", "nope.gwrun");
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.err()).isEqualTo("gwrun: nope.gwrun: no such file\n");
    }

    @Test
    void ctrlCStopsTheStepRunsAlwaysAndExits130() throws Exception {
        Path marker = dir.resolve("always-ran");
        write("long.gwrun", """
                runbook "long" {
                  step "deploy" { log "started"  sleep(60s) }
                  always { sh("touch %s") }
                }
                """.formatted(marker));
        ProcessBuilder pb = new ProcessBuilder(GWRUN.toString(), "run", "long.gwrun").directory(dir.toFile());
        pb.redirectOutput(dir.resolve("out.txt").toFile()).redirectError(dir.resolve("err.txt").toFile());
        Process p = pb.start();
        long deadline = System.currentTimeMillis() + 20_000;
        while (!Files.readString(dir.resolve("out.txt")).contains("started") && System.currentTimeMillis() < deadline) Thread.sleep(50);
        // bin/gwrun execs java, so the process we started is the JVM itself.
        new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start().waitFor();
        assertThat(p.waitFor(20, TimeUnit.SECONDS)).as("gwrun must stop promptly on Ctrl-C").isTrue();
        assertThat(p.exitValue()).isEqualTo(130);
        assertThat(marker).as("always runs on Ctrl-C").exists();
        assertThat(Files.readString(dir.resolve("out.txt"))).contains("✖ interrupted");
    }

    @Test
    void aRunbookWithAShebangRunsDirectly() throws Exception {
        Path file = write("hello.gwrun", "#!/usr/bin/env gwrun\nrunbook \"hello\" {\n  param who: string\n  step \"greet\" { log \"hello ${who}\" }\n}\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        ProcessBuilder pb = new ProcessBuilder("./hello.gwrun", "-p", "who=pipeline").directory(dir.toFile());
        pb.environment().put("PATH", GWRUN.getParent() + ":" + System.getenv("PATH"));
        pb.redirectErrorStream(true);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isEqualTo(0);
        assertThat(out).contains("hello pipeline");
    }

    @Test
    void plainOutputWhenNotATerminal() throws Exception {
        write("ok.gwrun", "runbook \"ok\" { step \"a\" { log \"fine\" } }");
        Proc p = gwrun(Map.of(), "run", "ok.gwrun");
        assertThat(p.out()).doesNotContain("\u001b[").contains("✔ a");
    }

    @Test
    void theFirstRunOfANewJarMakesItsClassArchiveWithoutLeavingARunRecordBehind() throws Exception {
        Path jsa = GWRUN.getParent().getParent().resolve("cli/target/gwrun.jsa");
        Files.deleteIfExists(jsa);
        Proc p = gwrun(Map.of(), "version");
        assertThat(p.exit()).as(p.err()).isZero();
        assertThat(p.out()).startsWith("gwrun ");
        assertThat(jsa).as("the AppCDS archive the launcher makes on a new jar's first run").isNotEmptyFile();
        // The training run is the launcher's business: nothing of it may show in the user's 'gwrun runs'.
        assertThat(dir.resolve(".gwrun")).doesNotExist();
    }
}
