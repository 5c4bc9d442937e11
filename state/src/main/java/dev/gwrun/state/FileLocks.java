package dev.gwrun.state;

import dev.gwrun.engine.Locks;
import dev.gwrun.runtime.Cancellation;
import dev.gwrun.runtime.Durations;
import dev.gwrun.runtime.GwrunError;
import dev.gwrun.runtime.Json;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Named locks as files in a directory. A lock file is created only if absent (a hard link from a
 * complete temp file: atomic, never seen half written) and holds its owner, when it was acquired and
 * when its lease was last renewed. A background thread renews the lease while the lock is held, so a
 * holder that crashed or was killed stops renewing and its lock is taken over once the lease runs out
 * (at once when the holder's process is gone from this same host), saying so.
 */
final class FileLocks implements Locks {
    static final Duration DEFAULT_LEASE = Duration.ofSeconds(30);
    private static final Duration POLL = Duration.ofMillis(250);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path dir;
    private final Owner owner;
    private final Duration lease;

    FileLocks(Path dir, Owner owner, Duration lease) {
        this.dir = dir;
        this.owner = owner;
        this.lease = lease;
    }

    /** GWRUN_LOCK_LEASE (a duration like 30s) tunes the lease, e.g. shorter in tests, longer on slow shared disks. */
    static Duration leaseFromEnv() {
        String v = System.getenv("GWRUN_LOCK_LEASE");
        if (v == null || v.isBlank()) return DEFAULT_LEASE;
        try {
            Duration d = Durations.parse(v.trim());
            return d.compareTo(Duration.ofMillis(300)) < 0 ? Duration.ofMillis(300) : d;
        } catch (IllegalArgumentException e) {
            return DEFAULT_LEASE;
        }
    }

    /** What a lock file says. */
    record Holder(String token, Owner owner, Instant acquired, Instant renewed, Duration lease) {
        boolean leaseRanOut(Instant now) { return renewed.plus(lease).isBefore(now); }

        boolean processGone() {
            return owner.host().equals(Owner.hostName()) && ProcessHandle.of(owner.pid()).map(ProcessHandle::isAlive).orElse(false) == Boolean.FALSE;
        }

        String describe() { return Owner.holder(owner, acquired); }
    }

    @Override
    public Held acquire(String name, Duration wait, Consumer<String> notice, Cancellation cancel) {
        Path file;
        try {
            Files.createDirectories(dir);
            file = dir.resolve(fileName(name));
        } catch (IOException e) {
            throw new GwrunError(LockKind.KIND, "cannot use lock directory " + dir + ": " + e.getMessage());
        }
        long deadline = System.nanoTime() + wait.toNanos();
        boolean announced = false;
        while (true) {
            cancel.check();
            String token = HexFormat.of().formatHex(bytes());
            Instant now = Instant.now();
            try {
                if (AtomicFiles.create(file, content(name, token, now, now))) return new FileHeld(name, file, token, now, notice);
                Holder held = read(file);
                if (held == null) continue;  // released between our attempt and the read: try again
                if (held.leaseRanOut(now) || held.processGone()) {
                    if (takeOver(file, held)) {
                        notice.accept("took over lock " + name + " from " + held.owner().describe() + ": "
                                + (held.processGone() ? "its process is gone" : "its lease ran out at " + held.renewed().plus(held.lease()))
                                + " (the holder crashed or was killed)");
                    }
                    continue;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new GwrunError(LockKind.KIND, "lock " + name + " is held by " + held.describe()
                            + (wait.isZero() ? "" : "; gave up after waiting " + Durations.format(wait)));
                }
                if (!announced) {
                    notice.accept("waiting for lock " + name + " held by " + held.describe() + " (up to " + Durations.format(wait) + ")");
                    announced = true;
                }
                cancel.sleep(Duration.ofNanos(Math.min(POLL.toNanos(), left)));
            } catch (IOException e) {
                throw new GwrunError(LockKind.KIND, "cannot take lock " + name + " in " + dir + ": " + e.getMessage());
            }
        }
    }

    private static byte[] bytes() {
        byte[] b = new byte[8];
        RANDOM.nextBytes(b);
        return b;
    }

    /**
     * Moves the stale file aside (rename is atomic: of several takers one wins). If what was moved is
     * not the stale file we judged (another taker replaced it first), it is put back.
     */
    private static boolean takeOver(Path file, Holder stale) throws IOException {
        Path aside = file.resolveSibling(file.getFileName() + ".stale-" + stale.token());
        try {
            Files.move(file, aside, StandardCopyOption.ATOMIC_MOVE);
        } catch (NoSuchFileException gone) {
            return false;
        }
        Holder moved = read(aside);
        if (moved != null && !moved.token().equals(stale.token())) {
            try {
                Files.createLink(file, aside);
            } catch (java.nio.file.FileAlreadyExistsException ignored) {
                // A third runner got in meanwhile; its file stands.
            }
            Files.deleteIfExists(aside);
            return false;
        }
        Files.deleteIfExists(aside);
        return true;
    }

    private String content(String name, String token, Instant acquired, Instant renewed) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("token", token);
        m.put("host", owner.host());
        m.put("pid", owner.pid());
        m.put("user", owner.user());
        m.put("run", owner.runId());
        m.put("acquired", acquired.toString());
        m.put("renewed", renewed.toString());
        m.put("lease_ms", lease.toMillis());
        return Json.write(m) + "\n";
    }

    static Holder read(Path file) {
        try {
            if (!(Json.parse(Files.readString(file, StandardCharsets.UTF_8)) instanceof Map<?, ?> m)) return null;
            Owner o = new Owner(String.valueOf(m.get("host")), m.get("pid") instanceof Long p ? p : -1,
                    String.valueOf(m.get("user")), m.get("run") == null ? null : String.valueOf(m.get("run")));
            return new Holder(String.valueOf(m.get("token")), o, Instant.parse(String.valueOf(m.get("acquired"))),
                    Instant.parse(String.valueOf(m.get("renewed"))), Duration.ofMillis(m.get("lease_ms") instanceof Long l ? l : 0));
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** A file name for any lock name: safe characters kept, anything else replaced and disambiguated by a hash. */
    static String fileName(String name) {
        String safe = name.replaceAll("[^A-Za-z0-9._-]", "_");
        if (safe.startsWith(".")) safe = "_" + safe.substring(1);
        if (!safe.equals(name) || safe.length() > 100) {
            safe = safe.substring(0, Math.min(safe.length(), 100)) + "-" + sha256(name).substring(0, 12);
        }
        return safe + ".lock";
    }

    static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A held lock file and the thread renewing its lease. */
    private final class FileHeld implements Held {
        private final String name;
        private final Path file;
        private final String token;
        private final Instant acquired;
        private final ScheduledExecutorService renewer;
        private boolean closed;

        FileHeld(String name, Path file, String token, Instant acquired, Consumer<String> notice) {
            this.name = name;
            this.file = file;
            this.token = token;
            this.acquired = acquired;
            this.renewer = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "gwrun-lock-lease-" + name);
                t.setDaemon(true);
                return t;
            });
            long every = Math.max(100, lease.toMillis() / 3);
            renewer.scheduleWithFixedDelay(() -> renew(notice), every, every, TimeUnit.MILLISECONDS);
        }

        private void renew(Consumer<String> notice) {
            Holder now = read(file);
            if (now == null || !now.token().equals(token)) {
                notice.accept("lost lock " + name + (now == null ? ": its file was removed" : " to " + now.describe())
                        + " (its lease was not renewed in time)");
                renewer.shutdown();
                return;
            }
            try {
                AtomicFiles.write(file, content(name, token, acquired, Instant.now()));
            } catch (IOException e) {
                // Try again at the next tick; the lease has two more ticks before it runs out.
            }
        }

        @Override
        public synchronized void close() {
            if (closed) return;
            closed = true;
            renewer.shutdownNow();
            try {
                renewer.awaitTermination(2, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            Holder now = read(file);
            if (now != null && now.token().equals(token)) {
                try {
                    Files.deleteIfExists(file);
                    AtomicFiles.syncDirectory(dir);
                } catch (IOException ignored) {
                    // Left behind, the file's lease runs out and the next runner takes it over.
                }
            }
        }
    }
}
