package dev.gwrun.engine;

import dev.gwrun.ast.Runbook;
import dev.gwrun.check.SubRunbooks;
import dev.gwrun.host.Registry;
import dev.gwrun.names.Resolution;
import dev.gwrun.source.SourceFile;
import dev.gwrun.source.Span;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The sub-runbooks a run (or a REPL session) has loaded, each parsed, checked and added to the
 * {@link Resolution} once, however many times a {@code run} runs it: a loop that runs one a thousand
 * times holds one tree of it and one set of its names, not a thousand. Every {@code run} still reads
 * the file, and text that has changed since is loaded anew; the names of the old text stay in the
 * Resolution, since a function value it left (in a map, say) may still be called.
 */
final class LoadedRunbooks {
    /** A file as a run statement names it: the messages and spans of its runbook carry {@code shownAs}. */
    private record Key(Path file, String shownAs) {}

    private record Loaded(String text, Runbook runbook) {}

    private final Registry registry;
    private final Resolution resolution;
    private final Map<Key, Loaded> loaded = new HashMap<>();

    LoadedRunbooks(Registry registry, Resolution resolution) {
        this.registry = registry;
        this.resolution = resolution;
    }

    /** The runbook in {@code file}, checked and resolved; a runbook that does not check is not run. */
    Runbook load(Path file, String shownAs, Span at) {
        SourceFile source = SubRunbooks.read(file, shownAs, at);
        Key key = new Key(file.toAbsolutePath().normalize(), shownAs);
        synchronized (loaded) {
            Loaded before = loaded.get(key);
            if (before != null && before.text().equals(source.text())) return before.runbook();
            Runbook rb = SubRunbooks.load(source, at, registry);
            resolution.add(rb, Set.of());
            loaded.put(key, new Loaded(source.text(), rb));
            return rb;
        }
    }
}
