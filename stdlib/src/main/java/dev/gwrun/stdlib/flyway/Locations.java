package dev.gwrun.stdlib.flyway;

import dev.gwrun.runtime.GwrunError;
import dev.gwrun.runtime.Json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Where migrations are: {@code locations:} as a string or a list, relative to the runbook's directory,
 * {@code filesystem:} unless a {@code classpath:} prefix is written.
 */
final class Locations {
    static final String DEFAULT = "migrations";
    private static final Pattern SQL_MIGRATION = Pattern.compile("(?i)^(V[0-9][0-9._]*|R)__.+\\.sql$");

    private Locations() {}

    /** The location strings as given (a string, a list of strings, or null for the default). */
    static List<String> given(Object arg, String function) {
        if (arg == null) return List.of(DEFAULT);
        if (arg instanceof CharSequence cs) return List.of(cs.toString());
        if (arg instanceof List<?> list && !list.isEmpty()) {
            List<String> out = new ArrayList<>();
            for (Object o : list) {
                if (!(o instanceof CharSequence cs)) throw new GwrunError("type", function + ": locations must be strings, got " + o);
                out.add(cs.toString());
            }
            return out;
        }
        throw new GwrunError("type", function + ": locations must be a directory or a list of directories");
    }

    /** Flyway's location strings, filesystem ones made absolute against the runbook's directory. */
    static List<String> forFlyway(List<String> given, Path directory, String function) {
        List<String> out = new ArrayList<>();
        for (String g : given) {
            if (g.startsWith("classpath:")) out.add(g);
            else out.add("filesystem:" + directory(g, directory, function));
        }
        return out;
    }

    /** The filesystem directory of a location, or null for a classpath one. */
    static Path directory(String given, Path directory, String function) {
        if (given.startsWith("classpath:")) return null;
        String p = given.startsWith("filesystem:") ? given.substring("filesystem:".length()) : given;
        try {
            return directory.resolve(p).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            // A NUL in the location (found by fuzzing): say so instead of letting the JDK's exception escape check or run.
            throw new GwrunError("flyway", function + ": the location " + Json.quote(given) + " is not a file path (" + e.getReason() + ")");
        }
    }

    /** Every SQL migration (V…__x.sql, R__x.sql) under the filesystem locations, in file-name order. */
    static List<Path> sqlMigrations(List<String> given, Path directory, String function) {
        List<Path> out = new ArrayList<>();
        for (String g : given) {
            Path dir = directory(g, directory, function);
            if (dir == null) continue;
            if (!Files.isDirectory(dir)) throw new GwrunError("flyway", function + ": migrations directory " + dir + " does not exist");
            try (Stream<Path> files = Files.walk(dir)) {
                files.filter(Files::isRegularFile).filter(f -> SQL_MIGRATION.matcher(f.getFileName().toString()).matches()).forEach(out::add);
            } catch (IOException | UncheckedIOException e) {
                throw new GwrunError("flyway", function + ": cannot read " + dir + ": " + e.getMessage());
            }
        }
        out.sort(Comparator.comparing(f -> f.getFileName().toString()));
        return out;
    }
}
