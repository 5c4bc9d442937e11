package dev.gwrun.state;

import dev.gwrun.engine.Locks;
import dev.gwrun.runtime.Cancellation;
import dev.gwrun.runtime.Durations;
import dev.gwrun.runtime.GwrunError;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * Named locks as PostgreSQL session advisory locks, keyed by a hash of the name, each held on a
 * connection of its own: a holder that dies loses its session and with it the lock, so no lease is
 * needed. The {@code gwrun_locks} table says who holds what, for the messages of those who wait.
 */
final class PgLocks implements Locks {
    private static final Duration POLL = Duration.ofMillis(250);
    private final PgConnector connector;
    private final Owner owner;

    PgLocks(PgConnector connector, Owner owner) {
        this.connector = connector;
        this.owner = owner;
    }

    /** The advisory lock key: the first 8 bytes of sha256("gwrun lock " + name). */
    static long key(String name) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(("gwrun lock " + name).getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.wrap(d, 0, 8).getLong();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public Held acquire(String name, Duration wait, Consumer<String> notice, Cancellation cancel) {
        Connection c;
        try {
            c = connector.connect();
        } catch (SQLException e) {
            throw new GwrunError(LockKind.KIND, "cannot take lock " + name + ": " + connector.message(e));
        }
        long key = key(name);
        long deadline = System.nanoTime() + wait.toNanos();
        boolean announced = false;
        boolean ok = false;
        try {
            while (true) {
                cancel.check();
                if (tryLock(c, key)) {
                    String previous = recordHolder(c, name);
                    if (previous != null) notice.accept("took over lock " + name + " from " + previous + " (its session ended without releasing it)");
                    ok = true;
                    return new PgHeld(c, name, key);
                }
                String holder = holder(c, name);
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new GwrunError(LockKind.KIND, "lock " + name + " is held by " + holder
                            + (wait.isZero() ? "" : "; gave up after waiting " + Durations.format(wait)));
                }
                if (!announced) {
                    notice.accept("waiting for lock " + name + " held by " + holder + " (up to " + Durations.format(wait) + ")");
                    announced = true;
                }
                cancel.sleep(Duration.ofNanos(Math.min(POLL.toNanos(), left)));
            }
        } catch (SQLException e) {
            throw new GwrunError(LockKind.KIND, "cannot take lock " + name + ": " + connector.message(e));
        } finally {
            if (!ok) close(c);
        }
    }

    private static boolean tryLock(Connection c, long key) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
            ps.setLong(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    /** Writes this owner into gwrun_locks; returns the holder it replaces when that one never released it. */
    private String recordHolder(Connection c, String name) throws SQLException {
        String previous = holderOrNull(c, name);
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO gwrun_locks (name, host, pid, username, run_id, acquired) "
                + "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (name) DO UPDATE SET host = excluded.host, pid = excluded.pid, "
                + "username = excluded.username, run_id = excluded.run_id, acquired = excluded.acquired")) {
            ps.setString(1, name);
            ps.setString(2, owner.host());
            ps.setLong(3, owner.pid());
            ps.setString(4, owner.user());
            ps.setString(5, owner.runId());
            ps.setTimestamp(6, Timestamp.from(Instant.now()));
            ps.executeUpdate();
        }
        return previous;
    }

    private String holder(Connection c, String name) throws SQLException {
        String h = holderOrNull(c, name);
        return h == null ? "another session (not yet recorded)" : h;
    }

    private static String holderOrNull(Connection c, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT host, pid, username, run_id, acquired FROM gwrun_locks WHERE name = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) return null;
                Owner o = new Owner(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getString(4));
                return Owner.holder(o, rs.getTimestamp(5).toInstant());
            }
        }
    }

    private static void close(Connection c) {
        PgConnector.closeQuietly(c); // the server ends the session, and with it the advisory lock
    }

    private final class PgHeld implements Held {
        private final Connection c;
        private final String name;
        private final long key;
        private boolean closed;

        PgHeld(Connection c, String name, long key) {
            this.c = c;
            this.name = name;
            this.key = key;
        }

        @Override
        public synchronized void close() {
            if (closed) return;
            closed = true;
            try (PreparedStatement del = c.prepareStatement("DELETE FROM gwrun_locks WHERE name = ? AND run_id IS NOT DISTINCT FROM ? AND pid = ?");
                 PreparedStatement unlock = c.prepareStatement("SELECT pg_advisory_unlock(?)")) {
                del.setString(1, name);
                del.setString(2, owner.runId());
                del.setLong(3, owner.pid());
                del.executeUpdate();
                unlock.setLong(1, key);
                unlock.execute();
            } catch (SQLException ignored) {
                // Closing the session below releases the advisory lock all the same.
            } finally {
                PgLocks.close(c);
            }
        }
    }
}
