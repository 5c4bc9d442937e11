package dev.gwrun.cli;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Keeps the README's promise: the example runbooks check clean, and the smoke test runs for real. */
class ExampleRunbookIT {
    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    /** Copies runbooks/ into {@code dir}, without its generated pages, backups and run records. */
    static void copyRunbooks(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(ROOT.resolve("runbooks"))) {
            for (Path from : s.toList()) {
                Path rel = ROOT.resolve("runbooks").relativize(from);
                if (rel.startsWith("docs") || rel.startsWith("backups") || rel.startsWith(".gwrun") || rel.toString().isEmpty()) continue;
                if (Files.isDirectory(from)) Files.createDirectories(dir.resolve(rel));
                else Files.copy(from, dir.resolve(rel));
            }
        }
    }

    @Test
    void everyRunbookInTheRepositoryChecksClean() throws IOException {
        List<Path> runbooks;
        try (Stream<Path> s = Files.walk(ROOT.resolve("runbooks"))) {
            runbooks = s.filter(p -> p.toString().endsWith(".gwrun") && java.nio.file.Files.isRegularFile(p)).sorted().toList();
        }
        assertThat(runbooks).isNotEmpty();
        for (Path rb : runbooks) {
            GoldenTest.Result r = GoldenTest.run("check", rb.toString());
            assertThat(r.exit()).as(rb + "\n" + r.err()).isEqualTo(0);
            assertThat(r.err()).as(rb.toString()).isEmpty();
        }
    }

    @Test
    void theSmokeTestRunsAgainstTheDemoApi() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        String token = "readme-demo-t0ken";
        ProcessBuilder pb = new ProcessBuilder(ROOT.resolve("bin/gwrun").toString(), "run", "runbooks/smoke-test.gwrun",
                "-p", "version=abc1234", "-p", "base_url=http://127.0.0.1:" + port).directory(ROOT.toFile());
        pb.environment().put("API_TOKEN", token);
        pb.redirectErrorStream(true);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isEqualTo(0);
        assertThat(out).contains("✔ api answers", "database ok, cache ok", "✔ run succeeded").doesNotContain(token);
        // `kill` only asks the demo API's JVM to stop; on a loaded machine it takes a moment to let go of the port.
        long deadline = System.currentTimeMillis() + 15_000;
        while (true) {
            try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                assertThat(s.getLocalPort()).as("the demo API was stopped by the always block").isEqualTo(port);
                break;
            } catch (java.net.BindException stillBound) {
                if (System.currentTimeMillis() > deadline) throw new AssertionError("the always block did not stop the demo API on port " + port, stillBound);
                Thread.sleep(100);
            }
        }
    }
}
