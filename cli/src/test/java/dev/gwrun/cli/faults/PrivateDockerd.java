package dev.gwrun.cli.faults;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A Docker Engine of the test's own, to be killed: the shared engine every engineer's tests use is
 * never stopped. Its own socket, data root (vfs, so nothing is left mounted), exec root with its own
 * containerd, pidfile, no default bridge, no iptables, and a network namespace of its own ({@code ip
 * netns}, entered with nsenter so that /sys and the cgroups stay mounted), so its networks touch
 * nothing anyone else uses: a dockerd started with {@code --bridge=none} in the host's namespace
 * deletes the interface named docker0, which the shared engine's containers use. Needs root and
 * dockerd (which .ci/provision installs); without them the test is skipped, or fails with
 * GWRUN_REQUIRE_DOCKER=1. The busybox test image is built into it from /bin/busybox, as the
 * shared-engine tests build theirs.
 */
final class PrivateDockerd implements AutoCloseable {
    static final String IMAGE = "gwrun-fault-busybox:test";

    final Path root;
    final String host;
    final String netns;
    private Process dockerd;

    private PrivateDockerd(Path root, String netns) {
        this.root = root;
        this.host = "unix://" + root.resolve("docker.sock");
        this.netns = netns;
    }

    /** Starts one under a fresh directory of /tmp (a unix socket path must stay short) and builds the test image into it. */
    static PrivateDockerd start() throws Exception {
        String why = null;
        if (!"root".equals(System.getProperty("user.name"))) why = "a private dockerd needs root";
        else if (!Files.isExecutable(Path.of("/usr/sbin/dockerd")) && !Files.isExecutable(Path.of("/usr/bin/dockerd"))) why = "no dockerd installed";
        else if (!Files.isExecutable(Path.of("/bin/busybox"))) why = "no /bin/busybox (busybox-static) for the test image";
        if (why != null) {
            if ("1".equals(System.getenv("GWRUN_REQUIRE_DOCKER"))) Assertions.fail(why + " and GWRUN_REQUIRE_DOCKER=1");
            System.err.println("NOTICE: skipping the engine fault tests: " + why);
            Assumptions.abort(why);
        }
        String id = UUID.randomUUID().toString().substring(0, 8);
        PrivateDockerd d = new PrivateDockerd(Path.of("/tmp", "gwf-" + id), "gwf-" + id);
        Files.createDirectories(d.root);
        ip("netns", "add", d.netns);
        ip("-n", d.netns, "link", "set", "lo", "up");
        d.launch();
        Path ctx = Files.createDirectories(d.root.resolve("image"));
        Files.copy(Path.of("/bin/busybox"), ctx.resolve("busybox"), StandardCopyOption.COPY_ATTRIBUTES);
        Files.writeString(ctx.resolve("Dockerfile"), "FROM scratch\nCOPY busybox /bin/busybox\nRUN [\"/bin/busybox\", \"--install\", \"-s\", \"/bin\"]\n"
                + "RUN mkdir -p /tmp\nCMD [\"sh\", \"-c\", \"sleep 3600\"]\n");
        d.docker("build", "-q", "-t", IMAGE, ctx.toString());
        return d;
    }

    private void launch() throws Exception {
        List<String> cmd = List.of("nsenter", "--net=/run/netns/" + netns, "dockerd", "--host", host, "--data-root", root.resolve("data").toString(),
                "--exec-root", root.resolve("exec").toString(), "--pidfile", root.resolve("docker.pid").toString(),
                "--bridge=none", "--iptables=false", "--ip-masq=false", "--storage-driver", "vfs",
                "--default-address-pool", "base=10.219.0.0/16,size=24", "--shutdown-timeout", "2");
        dockerd = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(root.resolve("dockerd.log").toFile())).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (!dockerd.isAlive()) break;
            Process ping = new ProcessBuilder("docker", "-H", host, "version", "--format", "{{.Server.Version}}").redirectErrorStream(true).start();
            if (ping.waitFor(10, TimeUnit.SECONDS) && ping.exitValue() == 0) return;
            Thread.sleep(250);
        }
        throw new AssertionError("the private dockerd did not answer on " + host + "; its log:\n" + Files.readString(root.resolve("dockerd.log")));
    }

    private static void ip(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("ip"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) throw new AssertionError(String.join(" ", cmd) + " failed:\n" + out);
    }

    /** {@code docker -H <this engine> args…}; its output, failing the test when it fails. */
    String docker(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("docker", "-H", host));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) throw new AssertionError(String.join(" ", cmd) + " failed:\n" + out);
        return out;
    }

    /** SIGKILL, as a crash or the OOM killer would end it: no shutdown, the socket simply stops answering. */
    void kill() throws InterruptedException {
        dockerd.destroyForcibly();
        dockerd.waitFor(30, TimeUnit.SECONDS);
    }

    /**
     * Starts it again on the same roots (which reaps the containers its killed predecessor left running
     * under their shims), removes every container and network, stops it and deletes its directory.
     */
    @Override
    public void close() throws Exception {
        try {
            if (!dockerd.isAlive()) {
                // The killed daemon's containerd may outlive it for a moment, and both left their pid files.
                Path containerdPid = root.resolve("exec/containerd/containerd.pid");
                if (Files.exists(containerdPid)) {
                    ProcessHandle.of(Long.parseLong(Files.readString(containerdPid).strip())).ifPresent(p -> {
                        p.destroyForcibly();
                        p.onExit().join();
                    });
                    Files.delete(containerdPid);
                }
                Files.deleteIfExists(root.resolve("docker.pid"));
                launch();
            }
            String ids = docker("ps", "-aq").strip();
            if (!ids.isEmpty()) {
                List<String> rm = new ArrayList<>(List.of("rm", "-f"));
                rm.addAll(List.of(ids.split("\\s+")));
                docker(rm.toArray(new String[0]));
            }
            docker("network", "prune", "-f");
        } finally {
            dockerd.destroy();  // SIGTERM: a clean shutdown, its containerd with it
            if (!dockerd.waitFor(60, TimeUnit.SECONDS)) dockerd.destroyForcibly().waitFor();
            // dockerd bind-mounts its data root on itself and its containers' network namespaces under the exec root.
            List<String> mounts = Files.readAllLines(Path.of("/proc/self/mounts")).stream().map(l -> l.split(" ")[1])
                    .filter(m -> m.startsWith(root + "/")).sorted(java.util.Comparator.reverseOrder()).toList();
            for (String m : mounts) new ProcessBuilder("umount", m).inheritIO().start().waitFor();
            new ProcessBuilder("ip", "netns", "del", netns).inheritIO().start().waitFor();
            try (var walk = Files.walk(root)) {
                walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException ignored) {
                // a directory left in /tmp is harmless
            }
        }
    }
}
