package dev.gwrun.stdlib;

import dev.gwrun.runtime.GwrunError;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.gwrun.stdlib.Postgres.call;
import static dev.gwrun.stdlib.Postgres.field;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * backup.volume and backup.restore_volume against the real Docker Engine. The volume's files are written
 * and read back by a busybox container made here from /bin/busybox (docker import), independently of the
 * code under test. Skipped with a notice when the engine does not answer, failed under GWRUN_REQUIRE_DOCKER=1.
 */
@Timeout(180)
class VolumeBackupTest {
    private static final String PREFIX = "gwrun-t-vol-" + UUID.randomUUID().toString().substring(0, 8);
    private static final String IMAGE = PREFIX + "-busybox:1";
    private static final List<String> volumes = new ArrayList<>();

    @TempDir Path dir;

    @BeforeAll
    static void requireDocker() throws Exception {
        String why = null;
        try {
            if (docker("version", "--format", "{{.Server.Version}}").exit() != 0) why = "the Docker Engine does not answer";
        } catch (IOException e) {
            why = "the docker CLI cannot run: " + e.getMessage();
        }
        if (why == null && !Files.isExecutable(Path.of("/bin/busybox"))) why = "/bin/busybox is missing (apt-get install busybox-static)";
        if (why != null) {
            if ("1".equals(System.getenv("GWRUN_REQUIRE_DOCKER"))) Assertions.fail(why + " and GWRUN_REQUIRE_DOCKER=1");
            System.err.println("SKIPPED: VolumeBackupTest: " + why);
            Assumptions.abort(why);
        }
        Path root = Files.createTempDirectory("gwrun-busybox");
        Files.createDirectories(root.resolve("bin"));
        Files.copy(Path.of("/bin/busybox"), root.resolve("bin/busybox"));
        Files.createSymbolicLink(root.resolve("bin/sh"), Path.of("busybox"));
        run("tar -C " + root + " -c . | docker import - " + IMAGE);
    }

    @AfterAll
    static void cleanUp() throws Exception {
        for (String v : volumes) docker("volume", "rm", "-f", v);
        docker("image", "rm", "-f", IMAGE);
    }

    private static String volume(String what) {
        String v = PREFIX + "-" + what;
        volumes.add(v);
        return v;
    }

    private record Out(int exit, String text) {}

    private static Out docker(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("docker"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Out(p.waitFor(), text.strip());
    }

    private static String run(String shell) throws Exception {
        Process p = new ProcessBuilder("/bin/sh", "-c", shell).redirectErrorStream(true).start();
        String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(shell + "\n" + text).isZero();
        return text.strip();
    }

    /** Runs busybox sh in a container with the volume at /data. */
    private static String inVolume(String volume, String script) throws Exception {
        return run("docker run --rm -v " + volume + ":/data " + IMAGE + " /bin/busybox sh -c '" + script + "'");
    }

    private static final String LISTING = "cd /data && /bin/busybox find . | /bin/busybox sort && /bin/busybox find . -type f | /bin/busybox sort"
            + " | while read f; do /bin/busybox sha256sum \"$f\"; done";

    @Test
    void archiveThenRestoreIntoANewVolumeGivesTheSameFiles() throws Exception {
        String source = volume("src");
        run("docker volume create " + source);
        inVolume(source, "cd /data && echo hello > a.txt && /bin/busybox mkdir -p sub/deeper && /bin/busybox seq 1 20000 > sub/deeper/n.txt"
                + " && /bin/busybox touch empty");
        String before = inVolume(source, LISTING);
        assertThat(before).contains("./sub/deeper/n.txt");

        TestCallContext ctx = new TestCallContext(dir);
        Object b = call("backup.volume", Map.of("name", source, "dir", "volumes"), ctx);
        Path path = Path.of((String) field(b, "path"));
        assertThat(path.getFileName().toString()).matches(source + "-\\d{8}T\\d{6}Z\\.tar\\.gz");
        assertThat(Files.size(path)).isEqualTo(field(b, "size"));
        assertThat(Files.readString(Path.of(path + ".json"))).contains("\"kind\":\"volume\"", "\"volume\":\"" + source + "\"");
        assertThat((Long) field(call("backup.verify", Map.of("path", path.toString()), ctx), "entries")).isEqualTo(5L);

        String target = volume("dst");
        call("backup.restore_volume", Map.of("path", path.toString(), "name", target), ctx);
        assertThat(inVolume(target, LISTING)).isEqualTo(before);

        assertThatThrownBy(() -> call("backup.restore_volume", Map.of("path", path.toString(), "name", target), ctx))
                .isInstanceOf(GwrunError.class)
                .hasMessage("backup.restore_volume: volume " + target + " is not empty (5 entries); restore into a new volume,"
                        + " or pass overwrite: true to extract over it");
        call("backup.restore_volume", Map.of("path", path.toString(), "name", target, "overwrite", true), ctx);

        assertThat(docker("ps", "-a", "--filter", "label=dev.gwrun.helper", "--format", "{{.Names}}").text()).doesNotContain("gwrun-volume-helper");
        assertThat(docker("images", "gwrun-volume-helper", "--format", "{{.Tag}}").text()).isEmpty();
    }

    @Test
    void aCorruptArchiveIsRefusedAndAMissingVolumeNamed() throws Exception {
        TestCallContext ctx = new TestCallContext(dir);
        assertThatThrownBy(() -> call("backup.volume", Map.of("name", PREFIX + "-missing", "dir", "volumes"), ctx))
                .hasMessageStartingWith("backup.volume: no Docker volume named " + PREFIX + "-missing");
        assertThat(Files.exists(dir.resolve("volumes"))).isFalse();

        String source = volume("corrupt");
        run("docker volume create " + source);
        inVolume(source, "echo data > /data/f");
        Path path = Path.of((String) field(call("backup.volume", Map.of("name", source, "dir", "volumes"), ctx), "path"));
        byte[] bytes = Files.readAllBytes(path);
        bytes[bytes.length - 10] ^= 1;
        Files.write(path, bytes);
        assertThatThrownBy(() -> call("backup.restore_volume", Map.of("path", path.toString(), "name", volume("never")), ctx))
                .hasMessageStartingWith("backup.restore_volume: " + path.getFileName() + " is corrupt: ");
        assertThat(docker("volume", "inspect", PREFIX + "-never").exit()).as("no volume is created for a corrupt archive").isNotZero();
    }
}
