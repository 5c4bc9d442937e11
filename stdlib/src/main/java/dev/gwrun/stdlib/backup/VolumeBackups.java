package dev.gwrun.stdlib.backup;

import com.github.dockerjava.api.DockerClient;
import dev.gwrun.stdlib.docker.Calls;
import dev.gwrun.stdlib.docker.Engine;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Volume;
import dev.gwrun.host.Args;
import dev.gwrun.host.CallContext;
import dev.gwrun.runtime.Durations;
import dev.gwrun.runtime.GwrunError;
import dev.gwrun.stdlib.Fields;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * backup.volume and backup.restore_volume, through the Engine API alone: a one-file image is imported
 * from memory, a container of it is created (never started) with the volume mounted, and the volume's
 * files are copied out of or into it as a tar stream. Container and image are removed afterwards.
 */
final class VolumeBackups {
    static final String MOUNT = "data";
    private static final String HELPER_REPOSITORY = "gwrun-volume-helper";

    /** A created container with the volume at /data, and its image; close() removes both. */
    private static final class Helper implements AutoCloseable {
        final DockerClient docker;
        final String image;
        final String container;

        Helper(DockerClient docker, String volume) throws IOException {
            this.docker = docker;
            String tag = UUID.randomUUID().toString().substring(0, 12);
            this.image = HELPER_REPOSITORY + ":" + tag;
            String arch = docker.versionCmd().exec().getArch();
            docker.loadImageCmd(new ByteArrayInputStream(VolumeArchive.helperImage(image, arch == null ? "amd64" : arch))).exec();
            String id;
            try {
                id = docker.createContainerCmd(image).withName("gwrun-volume-helper-" + tag).withCmd("/none")
                        .withLabels(Map.of("dev.gwrun.helper", "volume-backup"))
                        .withHostConfig(HostConfig.newHostConfig().withBinds(new Bind(volume, new Volume("/" + MOUNT)))).exec().getId();
            } catch (RuntimeException e) {
                removeImage();
                throw e;
            }
            this.container = id;
        }

        @Override
        public void close() {
            try {
                docker.removeContainerCmd(container).withForce(true).exec();
            } catch (DockerException ignored) {
                // Already gone; nothing is left to clean.
            } finally {
                removeImage();
            }
        }

        private void removeImage() {
            try {
                docker.removeImageCmd(image).withForce(true).exec();
            } catch (DockerException ignored) {
                // Already gone.
            }
        }
    }

    Object volume(Args a, CallContext ctx) {
        String fn = "backup.volume";
        String name = a.string("name");
        Path dir = ctx.directory().resolve(a.string("dir"));
        Instant created = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        long started = System.nanoTime();
        try {
            DockerClient docker = Engine.fromEnvironment(ctx).client();
            requireVolume(docker, name, fn, ctx);
            Files.createDirectories(dir);
            Path target = BackupNames.next(dir, name, created, "tar.gz");
            long size;
            String sha256;
            try (Helper helper = new Helper(docker, name); AtomicFile file = AtomicFile.create(target)) {
                ctx.cancellation().check();
                MessageDigest md = Manifest.digest();
                CountingOutputStream counted = new CountingOutputStream(Channels.newOutputStream(file.channel()));
                try (InputStream tar = docker.copyArchiveFromContainerCmd(helper.container, "/" + MOUNT).exec();
                     GZIPOutputStream gz = new GZIPOutputStream(new DigestOutputStream(counted, md), 1 << 16)) {
                    tar.transferTo(gz);
                }
                size = counted.count;
                sha256 = HexFormat.of().formatHex(md.digest());
                file.commit();
            }
            try {
                new Manifest("volume", target.getFileName().toString(), size, sha256, name, "tar.gz", created, Map.of()).write(target);
            } catch (IOException e) {
                Files.deleteIfExists(target);
                throw e;
            }
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            ctx.log("backup: volume " + name + " → " + target.getFileName() + " (" + PgBackups.human(size) + ", sha256 "
                    + Manifest.shortHash(sha256) + ", " + Durations.format(took) + ")");
            return PgBackups.backup(target, size, sha256, created, name);
        } catch (IOException e) {
            throw new GwrunError("backup", fn + ": cannot write the archive of volume " + name + " in " + dir + ": " + PgBackups.reason(e));
        } catch (GwrunError e) {
            throw e;
        } catch (RuntimeException e) {
            throw engineFailure(fn, e, ctx);
        }
    }

    Object restore(Args a, CallContext ctx) {
        String fn = "backup.restore_volume";
        Path path = ctx.directory().resolve(a.string("path"));
        String name = a.string("name");
        Manifest m = Manifest.checked(path, fn);
        if (!m.kind().equals("volume")) throw new GwrunError("backup", fn + ": " + path.getFileName() + " is a " + m.kind() + " backup; use backup.restore");
        long started = System.nanoTime();
        try {
            DockerClient docker = Engine.fromEnvironment(ctx).client();
            boolean exists = volumeExists(docker, name);
            if (!exists) {
                docker.createVolumeCmd().withName(name).exec();
                ctx.log("backup: created volume " + name);
            }
            try (Helper helper = new Helper(docker, name)) {
                if (exists && !a.bool("overwrite", false)) {
                    long present;
                    try (InputStream tar = docker.copyArchiveFromContainerCmd(helper.container, "/" + MOUNT).exec()) {
                        present = VolumeArchive.countEntries(tar);
                    }
                    if (present > 0) {
                        throw new GwrunError("backup", fn + ": volume " + name + " is not empty (" + present
                                + " entries); restore into a new volume, or pass overwrite: true to extract over it");
                    }
                }
                ctx.cancellation().check();
                try (InputStream in = new GZIPInputStream(Files.newInputStream(path), 1 << 16)) {
                    docker.copyArchiveToContainerCmd(helper.container).withRemotePath("/").withTarInputStream(in).exec();
                }
            }
        } catch (IOException e) {
            throw new GwrunError("backup", fn + ": cannot read " + path + ": " + PgBackups.reason(e));
        } catch (GwrunError e) {
            throw e;
        } catch (RuntimeException e) {
            throw engineFailure(fn, e, ctx);
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        ctx.log("backup: restored " + path.getFileName() + " into volume " + name + " in " + Durations.format(took));
        return new Fields(BackupModule.RESTORE_TYPE, Fields.map("path", path.toString(), "target", "volume " + name, "elapsed", took),
                "restored " + path.getFileName());
    }

    private static void requireVolume(DockerClient docker, String name, String fn, CallContext ctx) {
        if (!volumeExists(docker, name)) throw new GwrunError("backup", fn + ": no Docker volume named " + name + " (at " + Engine.fromEnvironment(ctx).host() + ")");
    }

    private static boolean volumeExists(DockerClient docker, String name) {
        return Calls.found(() -> docker.inspectVolumeCmd(name).exec());
    }

    private static GwrunError engineFailure(String fn, RuntimeException e, CallContext ctx) {
        String why = e.getMessage() == null ? e.toString() : e.getMessage().strip();
        if (e.getCause() != null && why.contains(e.getCause().getClass().getName())) why = String.valueOf(e.getCause().getMessage());
        return new GwrunError("docker", ctx.mask(fn + ": the Docker Engine at " + Engine.fromEnvironment(ctx).host() + " failed: " + why.lines().findFirst().orElse(why)), null, e);
    }

    /** Counts the bytes that reach the file: the size in the manifest is the compressed archive's. */
    private static final class CountingOutputStream extends java.io.FilterOutputStream {
        long count;

        CountingOutputStream(OutputStream out) { super(out); }

        @Override public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }

        /** The channel stays open: AtomicFile syncs and renames it after the archive is complete. */
        @Override public void close() throws IOException {
            out.flush();
        }
    }
}
