package dev.gwrun.stdlib.compose.load;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Stage zero: which files, which project directory, which variables. The files are the -f ones, else
 * COMPOSE_FILE, else the first of compose.yaml, compose.yml, docker-compose.yaml, docker-compose.yml in the
 * working directory with its override file. The variables are the env files' (the --env-file ones, else
 * the project directory's .env), with the process environment over them.
 */
record ProjectFiles(List<Path> files, Path projectDir, Map<String, String> variables) {
    private static final List<String> NAMES = List.of("compose.yaml", "compose.yml", "docker-compose.yaml", "docker-compose.yml");

    static ProjectFiles resolve(LoadOptions options) {
        Map<String, String> process = options.environment() == null ? Map.of() : options.environment();
        Path cwd = Path.of("").toAbsolutePath();
        Path workingDir = options.workingDir() == null ? null : cwd.resolve(options.workingDir()).normalize();
        List<Path> envFiles = options.envFiles() == null ? List.of() : options.envFiles();
        List<Path> files = new ArrayList<>(options.files() == null ? List.of() : options.files());
        Path searchDir = workingDir != null ? workingDir : cwd;
        if (files.isEmpty()) {
            // COMPOSE_FILE may be set in the working directory's .env, as in v2
            String composeFile = process.get("COMPOSE_FILE");
            if (composeFile == null && envFiles.isEmpty() && Files.isRegularFile(searchDir.resolve(".env"))) {
                composeFile = Dotenv.read(searchDir.resolve(".env"), process::get).get("COMPOSE_FILE");
            }
            if (composeFile != null && !composeFile.isBlank()) {
                String sep = process.getOrDefault("COMPOSE_PATH_SEPARATOR", File.pathSeparator);
                for (String f : composeFile.split(java.util.regex.Pattern.quote(sep))) if (!f.isBlank()) files.add(searchDir.resolve(f));
            } else {
                files.addAll(discover(searchDir));
            }
        }
        for (Path f : files) {
            if (!Files.isRegularFile(f)) throw new ComposeException(f + ": no such file");
        }
        Path first = files.get(0).toAbsolutePath().normalize();
        Path projectDir = workingDir != null ? workingDir : first.getParent();
        Map<String, String> vars = new LinkedHashMap<>();
        List<Path> toRead = new ArrayList<>();
        if (!envFiles.isEmpty()) {
            for (Path f : envFiles) {
                Path p = cwd.resolve(f);
                if (!Files.isRegularFile(p)) throw new ComposeException(f + ": env file not found");
                toRead.add(p);
            }
        } else if (Files.isRegularFile(projectDir.resolve(".env"))) {
            toRead.add(projectDir.resolve(".env"));
        }
        for (Path p : toRead) {
            Function<String, String> lookup = k -> process.containsKey(k) ? process.get(k) : vars.get(k);
            vars.putAll(Dotenv.read(p, lookup));
        }
        vars.putAll(process);
        return new ProjectFiles(List.copyOf(files), projectDir, vars);
    }

    static List<Path> discover(Path dir) {
        for (String name : NAMES) {
            Path f = dir.resolve(name);
            if (Files.isRegularFile(f)) {
                List<Path> out = new ArrayList<>(List.of(f));
                String stem = name.substring(0, name.indexOf('.'));
                for (String ext : List.of("yaml", "yml")) {
                    Path o = dir.resolve(stem + ".override." + ext);
                    if (Files.isRegularFile(o)) { out.add(o); break; }
                }
                return out;
            }
        }
        throw new ComposeException("no compose file found in " + dir + " (looked for " + String.join(", ", NAMES) + ")");
    }
}
