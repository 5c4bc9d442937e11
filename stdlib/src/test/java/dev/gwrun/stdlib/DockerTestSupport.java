package dev.gwrun.stdlib;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.BuildImageResultCallback;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Image;
import com.github.dockerjava.api.model.Network;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.zerodep.ZerodepDockerHttpClient;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * What tests against the real Docker Engine share: the engine (or a visible skip — a failure when
 * {@code GWRUN_REQUIRE_DOCKER=1}), a per-run name prefix so parallel helpers and CI runs never
 * collide, a tiny test image built from /bin/busybox with {@code FROM scratch}, and cleanup of
 * every container, network, volume and image carrying the prefix.
 */
public final class DockerTestSupport {
    /** Every container, network, volume and image a test creates starts with this. */
    public static final String PREFIX = "gwt" + UUID.randomUUID().toString().substring(0, 8);

    private static DockerClient client;
    private static String unavailable;
    private static String image;

    private DockerTestSupport() {}

    /** The engine's client; skips the test with a notice on stderr when no engine answers (fails if GWRUN_REQUIRE_DOCKER=1). */
    public static synchronized DockerClient requireEngine() {
        if (client == null && unavailable == null) {
            try {
                var config = DefaultDockerClientConfig.createDefaultConfigBuilder().build();
                var http = new ZerodepDockerHttpClient.Builder().dockerHost(config.getDockerHost()).sslConfig(config.getSSLConfig())
                        .connectionTimeout(Duration.ofSeconds(3)).build();
                DockerClient c = DockerClientImpl.getInstance(config, http);
                c.pingCmd().exec();
                client = c;
                Runtime.getRuntime().addShutdownHook(new Thread(DockerTestSupport::cleanUpEverything));
            } catch (RuntimeException e) {
                unavailable = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            }
        }
        if (client == null) {
            String why = "no Docker Engine answers (" + unavailable + ")";
            if ("1".equals(System.getenv("GWRUN_REQUIRE_DOCKER"))) Assertions.fail(why + " and GWRUN_REQUIRE_DOCKER=1");
            System.err.println("NOTICE: skipping Docker tests: " + why + "; set GWRUN_REQUIRE_DOCKER=1 to make this a failure");
            Assumptions.abort("skipped: " + why);
        }
        return client;
    }

    /** A unique name under the run's prefix: {@code gwt1a2b3c4d-web}. */
    public static String name(String suffix) {
        return PREFIX + "-" + suffix;
    }

    /**
     * A tiny image with busybox as /bin/busybox and its applets linked in /bin, built once per test
     * run through the Engine API: {@code FROM scratch}, no registry needed.
     */
    public static synchronized String testImage() {
        DockerClient d = requireEngine();
        if (image == null) {
            String ref = PREFIX + "-busybox:test";
            Path ctx = busyboxContext("FROM scratch\nCOPY busybox /bin/busybox\nRUN [\"/bin/busybox\", \"--install\", \"-s\", \"/bin\"]\nRUN mkdir -p /tmp\n"
                    + "CMD [\"sh\", \"-c\", \"sleep 3600\"]\n");
            try {
                d.buildImageCmd().withBaseDirectory(ctx.toFile()).withDockerfile(ctx.resolve("Dockerfile").toFile()).withTags(Set.of(ref)).withRemove(true)
                        .exec(new BuildImageResultCallback()).awaitImageId();
            } finally {
                deleteTree(ctx);
            }
            image = ref;
        }
        return image;
    }

    /** A temporary build context with /bin/busybox copied in and the given Dockerfile; delete it after. */
    public static Path busyboxContext(String dockerfile) {
        try {
            Path dir = Files.createTempDirectory("gwrun-docker-test");
            Files.copy(Path.of("/bin/busybox"), dir.resolve("busybox"), StandardCopyOption.COPY_ATTRIBUTES);
            Files.writeString(dir.resolve("Dockerfile"), dockerfile);
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make a build context from /bin/busybox (is busybox-static installed?)", e);
        }
    }

    /** A TCP port nothing listens on right now. */
    public static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The first of {@code count} consecutive TCP ports nothing listens on right now (a runbook that
     * publishes replica i on base_port + i needs a run of them); a free port followed by a taken
     * one is passed over.
     */
    public static int freePorts(int count) {
        for (int attempt = 0; attempt < 50; attempt++) {
            int base = freePort();
            if (base + count - 1 > 65535) continue;
            List<ServerSocket> held = new java.util.ArrayList<>();
            try {
                for (int i = 0; i < count; i++) held.add(new ServerSocket(base + i));
                return base;
            } catch (IOException taken) {
                // another one of the run is in use: try another base
            } finally {
                for (ServerSocket h : held) {
                    try {
                        h.close();
                    } catch (IOException ignored) {
                        // closing a socket we only bound
                    }
                }
            }
        }
        throw new IllegalStateException("no run of " + count + " free TCP ports found in 50 attempts");
    }

    /** Removes every container, network and volume of this run, and its images except the shared test image. */
    public static synchronized void cleanUp() {
        if (client == null) return;
        for (Container c : client.listContainersCmd().withShowAll(true).exec()) {
            // A compose project of the run may hold a container renamed <id>_<name> half-way through a recreate.
            String project = c.getLabels() == null ? null : c.getLabels().get("com.docker.compose.project");
            if (project != null && project.startsWith(PREFIX)) {
                quietly(() -> client.removeContainerCmd(c.getId()).withForce(true).withRemoveVolumes(true).exec());
                continue;
            }
            for (String n : c.getNames()) {
                if (n.startsWith("/" + PREFIX)) {
                    quietly(() -> client.removeContainerCmd(c.getId()).withForce(true).withRemoveVolumes(true).exec());
                    break;
                }
            }
        }
        for (Network n : client.listNetworksCmd().exec()) {
            if (n.getName().startsWith(PREFIX)) quietly(() -> client.removeNetworkCmd(n.getId()).exec());
        }
        var volumes = client.listVolumesCmd().exec().getVolumes();
        if (volumes != null) {
            for (var v : volumes) if (v.getName().startsWith(PREFIX)) quietly(() -> client.removeVolumeCmd(v.getName()).exec());
        }
        for (Image i : client.listImagesCmd().exec()) {
            if (i.getRepoTags() == null) continue;
            for (String t : i.getRepoTags()) {
                if (t.startsWith(PREFIX) && !t.equals(image)) quietly(() -> client.removeImageCmd(t).withForce(true).exec());
            }
        }
    }

    private static void cleanUpEverything() {
        cleanUp();
        if (image != null) quietly(() -> client.removeImageCmd(image).withForce(true).exec());
    }

    /** The names of this run's containers that still exist, so tests can assert they left none behind. */
    public static List<String> leftoverContainers() {
        return requireEngine().listContainersCmd().withShowAll(true).exec().stream()
                .flatMap(c -> List.of(c.getNames()).stream()).filter(n -> n.startsWith("/" + PREFIX)).toList();
    }

    /** A clean-up step that may throw; see {@link #quietly}. */
    @FunctionalInterface
    public interface CleanUp {
        void run() throws Exception;
    }

    /**
     * Runs one clean-up step and ignores its failure (and a failed assertion in it): clean-up is best effort, the
     * test's own outcome is the one to report, and a leftover carries the run's prefix, so it is easy to find.
     */
    public static void quietly(CleanUp step) {
        try {
            step.run();
        } catch (Exception | AssertionError ignored) {
            // best effort
        }
    }

    private static void deleteTree(Path dir) {
        try (var walk = Files.walk(dir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temp directory left behind is harmless
        }
    }
}
