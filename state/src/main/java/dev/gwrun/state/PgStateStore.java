package dev.gwrun.state;

import dev.gwrun.engine.Event;
import dev.gwrun.engine.Locks;
import dev.gwrun.runtime.Json;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Run records and locks in PostgreSQL, so CI runners on many machines share them: tables
 * {@code gwrun_runs} (one row per run, its header), {@code gwrun_run_events} (one row per event,
 * committed as it happens) and {@code gwrun_locks} (who holds which lock, for messages; the lock
 * itself is a session advisory lock). The tables are created on first use.
 */
public final class PgStateStore implements StateStore {
    private final PgConnector connector;
    private final Connection conn;

    private PgStateStore(PgConnector connector, Connection conn) {
        this.connector = connector;
        this.conn = conn;
    }

    static PgStateStore open(String url) throws IOException {
        PgConnector connector = new PgConnector(url);
        try {
            Connection c = connector.connect();
            PgConnector.ensureSchema(c);
            return new PgStateStore(connector, c);
        } catch (SQLException e) {
            throw new IOException(connector.message(e));
        }
    }

    /** The database password, for the run's masker (null when none was given). */
    public String password() { return connector.password(); }

    @Override
    public String describe() { return connector.describe(); }

    @Override
    public RunWriter create(RunHeader h) throws IOException {
        try (PreparedStatement ps = conn.prepareStatement("INSERT INTO gwrun_runs (id, runbook, started, header) VALUES (?, ?, ?, ?)")) {
            ps.setString(1, h.id());
            ps.setString(2, h.runbook());
            ps.setTimestamp(3, Timestamp.from(h.started()));
            ps.setString(4, h.toJsonText());
            ps.executeUpdate();
            return new PgRunWriter(connector.connect(), h.id());
        } catch (SQLException e) {
            throw new IOException(connector.message(e));
        }
    }

    @Override
    public synchronized void delete(String id) throws IOException {
        try (PreparedStatement ps = conn.prepareStatement("DELETE FROM gwrun_runs WHERE id = ?")) {
            ps.setString(1, id);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IOException(connector.message(e));
        }
    }

    @Override
    public List<RunRecord> recent(int limit) throws IOException {
        return query("SELECT header FROM gwrun_runs ORDER BY started DESC, id DESC LIMIT ?", ps -> ps.setInt(1, limit));
    }

    @Override
    public RunRecord load(String id) throws IOException {
        List<RunRecord> found;
        if (id.equals("last") || id.equals("latest")) {
            found = recent(1);
            if (found.isEmpty()) throw new IllegalArgumentException("no runs recorded in " + describe());
            return found.get(0);
        }
        if (!RunId.plausible(id)) throw new IllegalArgumentException("'" + id + "' is not a run id (see 'gwrun runs')");
        found = query("SELECT header FROM gwrun_runs WHERE id = ? OR id LIKE ? ORDER BY (id = ?) DESC, started DESC LIMIT 6", ps -> {
            ps.setString(1, id);
            ps.setString(2, id + "%");
            ps.setString(3, id);
        });
        if (found.isEmpty()) throw new IllegalArgumentException("no run '" + id + "' in " + describe() + " (see 'gwrun runs')");
        if (found.get(0).id().equals(id) || found.size() == 1) return found.get(0);
        throw new IllegalArgumentException("'" + id + "' matches " + found.size() + " runs: "
                + String.join(", ", found.stream().map(RunRecord::id).toList()));
    }

    @Override
    public List<RunRecord> runsOf(String runbook) throws IOException {
        return query("SELECT header FROM gwrun_runs WHERE runbook = ? ORDER BY started DESC, id DESC", ps -> ps.setString(1, runbook));
    }

    private interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    @SuppressWarnings("unchecked")
    private synchronized List<RunRecord> query(String sql, Binder binder) throws IOException {
        try {
            List<RunHeader> headers = new ArrayList<>();
            try (PreparedStatement ps = conn.prepareStatement(sql)) {
                binder.bind(ps);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) headers.add(RunHeader.fromJson(Json.parse(rs.getString(1))));
                }
            }
            List<RunRecord> out = new ArrayList<>();
            for (RunHeader h : headers) {
                List<Map<String, Object>> events = new ArrayList<>();
                try (PreparedStatement ps = conn.prepareStatement("SELECT event FROM gwrun_run_events WHERE run_id = ? ORDER BY seq")) {
                    ps.setString(1, h.id());
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) if (Json.parse(rs.getString(1)) instanceof Map<?, ?> m) events.add((Map<String, Object>) m);
                    }
                }
                out.add(new RunRecord(h, events));
            }
            return out;
        } catch (SQLException e) {
            throw new IOException(connector.message(e));
        }
    }

    @Override
    public Locks locks(Owner owner) {
        return new PgLocks(connector, owner);
    }

    @Override
    public void close() {
        PgConnector.closeQuietly(conn);
    }

    /** One row per event, each committed on its own (autocommit), so a killed run keeps what it did. */
    private final class PgRunWriter implements RunWriter {
        private final Connection c;
        private final String runId;
        private int seq;
        private String problem;

        PgRunWriter(Connection c, String runId) {
            this.c = c;
            this.runId = runId;
        }

        @Override
        public synchronized void accept(Event e) {
            if (problem != null) return;
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO gwrun_run_events (run_id, seq, event) VALUES (?, ?, ?)")) {
                ps.setString(1, runId);
                ps.setInt(2, ++seq);
                ps.setString(3, Json.write(EventJson.of(e)));
                ps.executeUpdate();
            } catch (SQLException ex) {
                problem = "cannot write the run record to " + describe() + ": " + connector.message(ex);
            }
        }

        @Override
        public synchronized String problem() { return problem; }

        @Override
        public synchronized void close() {
            PgConnector.closeQuietly(c); // every event was committed as it happened
        }
    }
}
