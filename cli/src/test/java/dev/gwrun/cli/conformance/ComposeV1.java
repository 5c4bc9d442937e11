package dev.gwrun.cli.conformance;

import org.yaml.snakeyaml.Yaml;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The oracle: Debian's docker-compose 1.29.2 (the v1 CLI), run as {@code docker-compose -p NAME [--env-file F]…
 * [--profile P]… -f FILE… config} in the case's directory with only PATH and HOME in its environment, the same
 * environment the loader is given. gwrun never runs it; only this test does.
 */
final class ComposeV1 {
    static final String BINARY = "docker-compose";
    private static final Pattern UNSET = Pattern.compile("The (\\S+) variable is not set");

    /** What v1 printed: the YAML (null when it failed), its stderr, and the variables it warned are unset. */
    record Result(int exit, Map<String, Object> project, String stderr, Set<String> unset) {}

    private ComposeV1() {}

    /** Why the oracle cannot run, or null when it can. */
    static String unavailable() {
        try {
            Process p = new ProcessBuilder(BINARY, "version", "--short").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!p.waitFor(30, TimeUnit.SECONDS)) return BINARY + " version did not answer in 30 s";
            return p.exitValue() == 0 ? null : BINARY + " version failed: " + out;
        } catch (IOException e) {
            return BINARY + " is not installed (" + e.getMessage() + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    static Map<String, String> environment() {
        return Map.of("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"), "HOME", System.getProperty("user.home"));
    }

    static Result config(CorpusCase c) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(BINARY, "-p", c.project()));
        for (String e : c.envFiles()) cmd.addAll(List.of("--env-file", c.dir().resolve(e).toString()));
        for (String p : c.profiles()) cmd.addAll(List.of("--profile", p));
        for (String f : c.files()) cmd.addAll(List.of("-f", f));
        cmd.add("config");
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(c.dir().toFile());
        pb.environment().clear();
        pb.environment().putAll(environment());
        Process p = pb.start();
        p.getOutputStream().close();
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(p.getErrorStream()));
        String out = read(p.getInputStream());
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException(BINARY + " config did not finish in 60 s in " + c.dir());
        }
        String stderr = err.join();
        Set<String> unset = new TreeSet<>();
        Matcher m = UNSET.matcher(stderr);
        while (m.find()) unset.add(m.group(1));
        Map<String, Object> project = p.exitValue() == 0 ? new Yaml().load(out) : null;
        return new Result(p.exitValue(), project, stderr, unset);
    }

    private static String read(InputStream in) {
        try (in) {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            in.transferTo(b);
            return b.toString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    static Path home() {
        return Path.of(System.getProperty("user.home"));
    }
}
