package dev.gwrun.stdlib.compose.load;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/** Bad Compose files and the exact diagnostics they get: file:line:col, message, source line and caret. */
class ComposeErrorsTest {
    @TempDir
    Path dir;

    @Test
    void yamlSyntax() throws IOException {
        assertError(Map.of("compose.yaml", "services:\n  web:\n    image: [nginx\n"), """
                compose.yaml:3:12: error: YAML: while parsing a flow sequence: expected ',' or ']', but got <stream end>
                    image: [nginx
                           ^
                """);
    }

    @Test
    void unknownServiceKeySuggestsTheNearOne() throws IOException {
        assertError(Map.of("compose.yaml", "services:\n  web:\n    imagee: nginx\n"), """
                compose.yaml:3:5: error: service 'web': unknown key 'imagee' — did you mean 'image'?
                    imagee: nginx
                    ^~~~~~
                """);
    }

    @Test
    void unknownTopLevelKey() throws IOException {
        assertError(Map.of("compose.yaml", "service:\n  web:\n    image: nginx\n"), """
                compose.yaml:1:1: error: unknown top-level key 'service' — did you mean 'services'?
                service:
                ^~~~~~~
                """);
    }

    @Test
    void wrongType() throws IOException {
        assertError(Map.of("compose.yaml", "services:\n  web:\n    image: nginx\n    cap_add: NET_ADMIN\n"), """
                compose.yaml:4:14: error: cap_add must be a list, not a string
                    cap_add: NET_ADMIN
                             ^~~~~~~~~
                """);
    }

    @Test
    void badPortString() throws IOException {
        assertError(Map.of("compose.yaml", "services:\n  web:\n    image: nginx\n    ports:\n      - \"80:http\"\n"), """
                compose.yaml:5:9: error: invalid port "80:http": invalid container port 'http'
                      - "80:http"
                        ^~~~~~~~~
                """);
    }

    @Test
    void badVolumeString() throws IOException {
        assertError(Map.of("compose.yaml", "services:\n  web:\n    image: nginx\n    volumes:\n      - ./a:/b:c:d\n"), """
                compose.yaml:5:9: error: invalid volume "./a:/b:c:d": too many colons
                      - ./a:/b:c:d
                        ^~~~~~~~~~
                """);
    }

    @Test
    void requiredVariable() throws IOException {
        assertError(Map.of("compose.yaml", "services:\n  web:\n    image: \"nginx:${TAG:?set TAG to the release}\"\n"), """
                compose.yaml:3:12: error: required variable TAG is missing a value: set TAG to the release
                    image: "nginx:${TAG:?set TAG to the release}"
                           ^~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~
                """);
    }

    @Test
    void badInterpolationSyntax() throws IOException {
        assertError(Map.of("compose.yaml", "services:\n  web:\n    image: nginx:${TAG:x}\n"), """
                compose.yaml:3:12: error: invalid interpolation format: "nginx:${TAG:x}" (use $$ for a literal $)
                    image: nginx:${TAG:x}
                           ^~~~~~~~~~~~~~
                """);
    }

    @Test
    void missingEnvFile() throws IOException {
        assertError(Map.of("compose.yaml", "services:\n  web:\n    image: nginx\n    env_file: [web.env]\n"), """
                compose.yaml:4:16: error: env file $DIR/web.env not found
                    env_file: [web.env]
                               ^~~~~~~
                """);
    }

    @Test
    void extendsCycle() throws IOException {
        assertError(Map.of("compose.yaml", "services:\n  a:\n    extends: b\n  b:\n    extends:\n      service: a\n"), """
                compose.yaml:3:14: error: extends cycle: a -> b -> a
                    extends: b
                             ^
                """);
    }

    @Test
    void dependsOnCycle() throws IOException {
        assertError(Map.of("compose.yaml", "services:\n  a:\n    image: x\n    depends_on: [b]\n  b:\n    image: x\n    depends_on: [a]\n"), """
                compose.yaml:7:18: error: dependency cycle: a -> b -> a
                    depends_on: [a]
                                 ^
                """);
    }

    @Test
    void undefinedNetworkVolumeSecretAndConfigAreAllReported() throws IOException {
        assertError(Map.of("compose.yaml", """
                services:
                  web:
                    image: nginx
                    networks: [fornt]
                    volumes: [data:/data]
                    secrets: [token]
                    configs: [site]
                networks:
                  front:
                """), """
                compose.yaml:4:16: error: service 'web' refers to undefined network 'fornt' — did you mean 'front'?
                    networks: [fornt]
                               ^~~~~
                compose.yaml:5:15: error: service 'web' refers to undefined volume 'data': declare it under the top-level volumes:
                    volumes: [data:/data]
                              ^~~~~~~~~~
                compose.yaml:6:15: error: service 'web' refers to undefined secret 'token'
                    secrets: [token]
                              ^~~~~
                compose.yaml:7:15: error: service 'web' refers to undefined config 'site'
                    configs: [site]
                              ^~~~
                """);
    }

    @Test
    void dependsOnUnknownService() throws IOException {
        assertError(Map.of("compose.yaml", "services:\n  web:\n    image: nginx\n    depends_on:\n      dbb:\n        condition: service_healthy\n  db:\n    image: postgres\n"), """
                compose.yaml:5:7: error: service 'web' depends on undefined service 'dbb' — did you mean 'db'?
                      dbb:
                      ^~~
                """);
    }

    @Test
    void requiredDependencyDisabledByProfile() throws IOException {
        assertError(Map.of("compose.yaml", "services:\n  web:\n    image: nginx\n    depends_on: [metrics]\n  metrics:\n    image: prom\n    profiles: [monitoring]\n"), """
                compose.yaml:4:18: error: service 'web' depends on 'metrics', which is disabled: activate one of its profiles (monitoring) or mark the dependency required: false
                    depends_on: [metrics]
                                 ^~~~~~~
                """);
    }

    @Test
    void invalidProjectName() throws IOException {
        assertError(Map.of("compose.yaml", "name: My_App\nservices:\n  web:\n    image: nginx\n"), """
                compose.yaml:1:7: error: invalid project name 'My_App' (from name:): use lower-case letters, digits, '-' and '_', starting with a letter or digit
                name: My_App
                      ^~~~~~
                """);
    }

    @Test
    void missingFile() throws IOException {
        LoadOptions o = new LoadOptions(List.of(dir.resolve("nope.yaml")), null, List.of(), null, List.of(), Map.of());
        assertThat(rendered(o)).isEqualTo("error: $DIR/nope.yaml: no such file\n");
    }

    @Test
    void duplicateKey() throws IOException {
        assertError(Map.of("compose.yaml", "services:\n  web:\n    image: a\n    image: b\n"), """
                compose.yaml:4:5: error: duplicate key 'image' (first at line 3)
                    image: b
                    ^~~~~
                """);
    }

    @Test
    void includedServiceConflictsWithALocalOne() throws IOException {
        assertError(Map.of("compose.yaml", "include: [other.yaml]\nservices:\n  db:\n    image: postgres\n",
                "other.yaml", "services:\n  db:\n    image: mysql\n"), """
                compose.yaml:3:3: error: services.db conflicts with the one included from $DIR/other.yaml (line 2)
                  db:
                  ^~
                """);
    }

    @Test
    void serviceWithoutImageOrBuild() throws IOException {
        assertError(Map.of("compose.yaml", "services:\n  web:\n    command: run\n"), """
                compose.yaml:3:5: error: service 'web' has neither an image nor a build context
                    command: run
                    ^~~~~~~~~~~~
                """);
    }

    @Test
    void independentErrorsOfSeveralServicesAreCollected() throws IOException {
        String out = rendered(Map.of("compose.yaml", "services:\n  a:\n    image: x\n    tty: maybe\n  b:\n    image: y\n    restrat: always\n"));
        assertThat(out).startsWith("""
                compose.yaml:4:10: error: tty must be a boolean (true or false), not a string (maybe)
                    tty: maybe
                         ^~~~~
                compose.yaml:7:5: error: service 'b': unknown key 'restrat' — did you mean 'restart'?
                """);
    }

    @Test
    void pathologicalNestingIsADiagnosticNotAStackOverflow() throws IOException {
        String deep = "x-deep: " + "[".repeat(5000) + "]".repeat(5000) + "\nservices: {}\n";
        assertThat(rendered(Map.of("compose.yaml", deep))).startsWith("error: compose.yaml: YAML: nested deeper than 100 levels");
    }

    @Test
    void aliasBombIsRefused() throws IOException {
        StringBuilder y = new StringBuilder("x-a: &a [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]\n");
        for (char c = 'b'; c <= 'i'; c++) {
            char p = (char) (c - 1);
            y.append("x-").append(c).append(": &").append(c).append(" [*").append(p);
            for (int i = 1; i < 10; i++) y.append(", *").append(p);
            y.append("]\n");
        }
        y.append("services: {}\n");
        assertThat(rendered(Map.of("compose.yaml", y.toString())))
                .startsWith("compose.yaml:1:1: error: the file's aliases expand to more than 1000000 nodes; not read as a Compose file");
    }

    @Test
    void invalidServiceName() throws IOException {
        assertError(Map.of("compose.yaml", "services:\n  web app:\n    image: nginx\n"), """
                compose.yaml:2:3: error: invalid service name 'web app': use letters, digits, '.', '_' and '-'
                  web app:
                  ^~~~~~~
                """);
    }

    @Test
    void rawEnvFileFormatIsNotReadAsDotenvSilently() throws IOException {
        assertError(Map.of("compose.yaml", "services:\n  web:\n    image: nginx\n    env_file:\n      - path: web.env\n        format: raw\n"), """
                compose.yaml:6:17: error: env_file format 'raw' is not supported yet; leave it out to read the file as a .env file
                        format: raw
                                ^~~
                """);
    }

    @Test
    void emptyFile() throws IOException {
        assertThat(rendered(Map.of("compose.yaml", "# nothing yet\n"))).isEqualTo("error: compose.yaml: empty compose file\n");
    }

    @Test
    void unknownDeployKey() throws IOException {
        assertError(Map.of("compose.yaml", "services:\n  web:\n    image: nginx\n    deploy:\n      replica: 2\n"), """
                compose.yaml:5:7: error: unknown deploy key 'replica' — did you mean 'replicas'?
                      replica: 2
                      ^~~~~~~
                """);
    }

    // ---- found by fuzzing (ComposeLoaderFuzzTestInputs/load/finding-*) ----

    @Test
    void nulInAValueIsAnErrorAtTheValueNotAnInvalidPathException() throws IOException {
        assertError(Map.of("compose.yaml", "services:\n  web:\n    image: nginx\n    env_file: \"a\\0b\"\n"), """
                compose.yaml:4:15: error: a NUL character (\\0) cannot be part of a Compose value: no path, name, command or environment variable may hold one
                    env_file: "a\\0b"
                              ^~~~~~
                """);
    }

    @Test
    void nulFromAVariableIsAnErrorAtTheValue() throws IOException {
        assertError(Map.of("compose.yaml", "services:\n  web:\n    image: nginx\n    build: ${CTX}\n", ".env", "CTX=\"a\\0000b\"\n"), """
                compose.yaml:4:12: error: a NUL character (\\0) cannot be part of a Compose value: no path, name, command or environment variable may hold one
                    build: ${CTX}
                           ^~~~~~
                """);
    }

    @Test
    void extendsFileThatIsADirectoryIsAnErrorAtFile() throws IOException {
        Files.createDirectories(dir.resolve("base"));
        assertError(Map.of("compose.yaml", "services:\n  web:\n    image: nginx\n    extends:\n      file: base\n      service: web\n"), """
                compose.yaml:5:13: error: extends file $DIR/base not found
                      file: base
                            ^~~~
                """);
    }

    private void assertError(Map<String, String> files, String expected) throws IOException {
        assertThat(rendered(files)).isEqualTo(expected);
    }

    private String rendered(Map<String, String> files) throws IOException {
        for (Map.Entry<String, String> f : files.entrySet()) Files.writeString(dir.resolve(f.getKey()), f.getValue());
        return rendered(new LoadOptions(List.of(dir.resolve("compose.yaml")), null, List.of(), null, List.of(), Map.of("HOME", "/home/t")));
    }

    private String rendered(LoadOptions o) {
        try {
            ComposeLoader.load(o);
        } catch (ComposeException e) {
            return ComposeGoldenTest.render(e.diagnostics()).replace(dir + "/compose.yaml:", "compose.yaml:").replace(dir.toString(), "$DIR");
        }
        return fail("loaded without an error");
    }

    static List<String> lines(String s) { return new ArrayList<>(List.of(s.split("\n"))); }
}
