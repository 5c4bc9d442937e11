package dev.gwrun.cli;

import dev.gwrun.ast.Runbook;
import dev.gwrun.ast.Stmt;
import dev.gwrun.ast.Steps;
import dev.gwrun.engine.EventSink;
import dev.gwrun.engine.RunOptions;
import dev.gwrun.state.Owner;
import dev.gwrun.state.PgStateStore;
import dev.gwrun.state.RecordedSteps;
import dev.gwrun.state.RunHeader;
import dev.gwrun.state.RunId;
import dev.gwrun.state.RunRecord;
import dev.gwrun.state.RunWriter;
import dev.gwrun.state.StateStore;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One run's record from start to end: writes the header, tees the run's events into the record,
 * and gives the engine what earlier records know (the successes of the run being resumed, and the
 * once steps that already ran) and the store's locks.
 */
final class RunRecording implements AutoCloseable {
    private final StateStore store;
    private final RunHeader header;
    private final RunWriter writer;

    private RunRecording(StateStore store, RunHeader header, RunWriter writer) {
        this.store = store;
        this.header = header;
        this.writer = writer;
    }

    static RunRecording start(StateStore store, Runbook runbook, Path file, Map<String, String> params, List<Path> envFiles,
                              List<String> locks, RunRecord resumed, RunOptions options, String version) throws IOException {
        if (store instanceof PgStateStore pg) options.masker.register(pg.password());
        Instant now = Instant.now();
        String id = RunId.next(now);
        Path abs = file.toAbsolutePath().normalize();
        Map<String, String> shown = new LinkedHashMap<>();
        params.forEach((k, v) -> shown.put(k, options.masker.mask(v)));
        List<String> env = new ArrayList<>();
        for (Path p : envFiles) env.add(p.toAbsolutePath().normalize().toString());
        RunHeader header = new RunHeader(id, abs.toString(), sha256(abs), shown, env, List.copyOf(locks), Owner.hostName(),
                System.getProperty("user.name", "unknown"), ProcessHandle.current().pid(), version, now,
                resumed == null ? null : resumed.id());
        RunWriter writer = store.create(header);
        List<RunRecord> earlier = List.of();
        if (hasOnceStep(runbook.body())) {
            earlier = store.runsOf(abs.toString()).stream()
                    .filter(r -> !r.id().equals(id) && r.header().params().equals(shown))
                    .toList();
        }
        options.memory = new RecordedSteps(resumed, earlier, id);
        options.locks = store.locks(Owner.current(id));
        return new RunRecording(store, header, writer);
    }

    static String sha256(Path file) throws IOException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether any step here (at any depth, function bodies too, sub-runbooks aside) is marked once: only then are earlier runs read. */
    static boolean hasOnceStep(List<Stmt> statements) {
        return Steps.all(statements).stream().anyMatch(Stmt.Step::once);
    }

    /** Events go to the record first, then to the view: what the user saw is on disk. */
    EventSink tee(EventSink view) {
        return e -> {
            writer.accept(e);
            view.accept(e);
        };
    }

    String id() { return header.id(); }

    String where() { return store.describe(); }

    String problem() { return writer.problem(); }

    /** Drops the record of a run that never started (its params were refused before any event). */
    void discard() {
        writer.close();
        try {
            store.delete(header.id());
        } catch (IOException ignored) {
            // An empty record shows as a run that never finished; harmless.
        }
    }

    @Override
    public void close() {
        writer.close();
        store.close();
    }
}
