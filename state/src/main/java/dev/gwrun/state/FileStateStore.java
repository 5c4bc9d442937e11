package dev.gwrun.state;

import dev.gwrun.engine.Locks;
import dev.gwrun.runtime.Json;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Run records and locks in a directory: {@code runs/<id>/run.json} (the header, written atomically)
 * and {@code runs/<id>/events.jsonl} (append-only), and {@code locks/<name>.lock}.
 */
public final class FileStateStore implements StateStore {
    private final Path dir;

    public FileStateStore(Path dir) {
        this.dir = dir;
    }

    public Path directory() { return dir; }

    private Path runs() { return dir.resolve("runs"); }

    @Override
    public String describe() { return dir.toString(); }

    @Override
    public RunWriter create(RunHeader header) throws IOException {
        Path runDir = runs().resolve(header.id());
        try {
            Files.createDirectories(runs());
            Files.createDirectory(runDir);
            AtomicFiles.write(runDir.resolve("run.json"), header.toJsonText() + "\n");
            return new FileRunWriter(runDir.resolve("events.jsonl"));
        } catch (java.nio.file.FileSystemException e) {
            // Their own messages are a bare path; say what went wrong with it.
            String why = e instanceof java.nio.file.AccessDeniedException ? "permission denied"
                    : e instanceof java.nio.file.FileAlreadyExistsException ? "exists and is not a directory"
                    : e.getReason() != null ? e.getReason() : e.getClass().getSimpleName();
            throw new IOException("cannot write " + e.getFile() + ": " + why, e);
        }
    }

    @Override
    public void delete(String id) throws IOException {
        Path runDir = runs().resolve(id);
        Files.deleteIfExists(runDir.resolve("events.jsonl"));
        Files.deleteIfExists(runDir.resolve("run.json"));
        Files.deleteIfExists(runDir);
    }

    /**
     * Run ids, newest first. Ids sort by start second; runs started in the same second are ordered by
     * the start time in their headers.
     */
    private List<String> ids() throws IOException {
        if (!Files.isDirectory(runs())) return List.of();
        List<Path> dirs;
        try (Stream<Path> s = Files.list(runs())) {
            dirs = s.filter(p -> Files.isRegularFile(p.resolve("run.json"))).toList();
        }
        record Entry(String id, String started) {}
        List<Entry> entries = new ArrayList<>();
        for (Path d : dirs) {
            String id = d.getFileName().toString();
            String started = "";
            try {
                if (Json.parse(Files.readString(d.resolve("run.json"))) instanceof Map<?, ?> m && m.get("started") != null) {
                    started = java.time.Instant.parse(String.valueOf(m.get("started"))).toString();
                }
            } catch (IOException | RuntimeException unreadable) {
                // Sorted by its id alone.
            }
            entries.add(new Entry(id, started));
        }
        entries.sort(Comparator.comparing((Entry e) -> e.id().substring(0, Math.min(16, e.id().length())))
                .thenComparing(e -> java.time.Instant.parse(e.started().isEmpty() ? "1970-01-01T00:00:00Z" : e.started()))
                .thenComparing(Entry::id).reversed());
        return entries.stream().map(Entry::id).toList();
    }

    @Override
    public List<RunRecord> recent(int limit) throws IOException {
        List<RunRecord> out = new ArrayList<>();
        for (String id : ids()) {
            if (out.size() >= limit) break;
            RunRecord r = readOrNull(id);
            if (r != null) out.add(r);
        }
        return out;
    }

    @Override
    public RunRecord load(String id) throws IOException {
        List<String> ids = ids();
        if (id.equals("last") || id.equals("latest")) {
            if (ids.isEmpty()) throw new IllegalArgumentException("no runs recorded in " + dir);
            return read(ids.get(0));
        }
        if (!RunId.plausible(id)) throw new IllegalArgumentException("'" + id + "' is not a run id (see 'gwrun runs')");
        if (ids.contains(id)) return read(id);
        List<String> matching = ids.stream().filter(i -> i.startsWith(id)).toList();
        if (matching.isEmpty()) throw new IllegalArgumentException("no run '" + id + "' in " + dir + " (see 'gwrun runs')");
        if (matching.size() > 1) throw new IllegalArgumentException("'" + id + "' matches " + matching.size() + " runs: " + String.join(", ", matching.subList(0, Math.min(5, matching.size()))));
        return read(matching.get(0));
    }

    @Override
    public List<RunRecord> runsOf(String runbook) throws IOException {
        List<RunRecord> out = new ArrayList<>();
        for (String id : ids()) {
            RunRecord r = readOrNull(id);
            if (r != null && runbook.equals(r.header().runbook())) out.add(r);
        }
        return out;
    }

    private RunRecord readOrNull(String id) {
        try {
            return read(id);
        } catch (IOException | IllegalArgumentException e) {
            return null;
        }
    }

    @SuppressWarnings("unchecked")
    private RunRecord read(String id) throws IOException {
        Path runDir = runs().resolve(id);
        RunHeader header = RunHeader.fromJson(Json.parse(Files.readString(runDir.resolve("run.json"))));
        List<Map<String, Object>> events = new ArrayList<>();
        List<String> lines;
        try {
            lines = Files.readAllLines(runDir.resolve("events.jsonl"));
        } catch (NoSuchFileException e) {
            lines = List.of();
        }
        for (String line : lines) {
            if (line.isBlank()) continue;
            try {
                if (Json.parse(line) instanceof Map<?, ?> m) events.add((Map<String, Object>) m);
            } catch (IllegalArgumentException torn) {
                // Only the last line can be torn (killed mid-write); what came before it stands.
                break;
            }
        }
        return new RunRecord(header, events);
    }

    @Override
    public Locks locks(Owner owner) {
        return new FileLocks(dir.resolve("locks"), owner, FileLocks.leaseFromEnv());
    }

    @Override
    public void close() { }
}
