package dev.gwrun.cli;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The local stack's Compose files (runbooks/stack/) load in every combination the runbooks use: each
 * environment file with the base file, each environment override and each colour, through
 * {@code gwrun compose config --services}. The colours replace the single api service; the proxy, cache
 * and database relay are in every one. (Docker Compose 1.29 reads the same files: runbooks/README.md.)
 */
class StackComposeFilesTest {
    private static final Path RUNBOOKS = ExampleRunbookIT.ROOT.resolve("runbooks");

    @Test
    void everyEnvironmentOverrideAndColourLoads() {
        for (String env : List.of("development", "staging", "production")) {
            for (String override : List.of("", "staging", "prod")) {
                for (String colour : List.of("", "blue", "green")) {
                    List<String> args = new ArrayList<>(List.of("compose", "config", "--services",
                            "--env-file", RUNBOOKS.resolve(".env." + env).toString(),
                            "-f", RUNBOOKS.resolve("stack/docker-compose.yml").toString()));
                    if (!override.isEmpty()) args.addAll(List.of("-f", RUNBOOKS.resolve("stack/docker-compose." + override + ".yml").toString()));
                    if (!colour.isEmpty()) args.addAll(List.of("-f", RUNBOOKS.resolve("stack/docker-compose." + colour + ".yml").toString()));
                    GoldenTest.Result r = GoldenTest.run(args.toArray(String[]::new));
                    String what = String.join(" ", args.subList(3, args.size()));
                    assertThat(r.exit()).as(what + "\n" + r.err()).isZero();
                    List<String> services = r.out().lines().toList();
                    assertThat(services).as(what).contains("proxy", "cache", "db");
                    if (colour.isEmpty()) {
                        assertThat(services).as(what).contains("api").doesNotContain("api-blue", "api-green");
                    } else {
                        assertThat(services).as(what).contains("api-" + colour).doesNotContain("api");
                    }
                }
            }
        }
    }

    @Test
    void theProjectIsTheEnvironmentsStackAndTheProxyIsTheSameInEveryColour() {
        String base = RUNBOOKS.resolve("stack/docker-compose.yml").toString();
        String env = RUNBOOKS.resolve(".env.production").toString();
        GoldenTest.Result blue = GoldenTest.run("compose", "config", "--format", "json", "--env-file", env, "-f", base,
                "-f", RUNBOOKS.resolve("stack/docker-compose.blue.yml").toString());
        GoldenTest.Result green = GoldenTest.run("compose", "config", "--format", "json", "--env-file", env, "-f", base,
                "-f", RUNBOOKS.resolve("stack/docker-compose.green.yml").toString());
        assertThat(blue.exit()).as(blue.err()).isZero();
        assertThat(green.exit()).as(green.err()).isZero();
        assertThat(blue.out()).contains("\"name\": \"gwrun-production\"", "\"container_name\": \"gwrun-production-blue\"");
        // An up of either colour must leave the running proxy alone: its settings cannot differ.
        assertThat(proxy(blue.out())).isEqualTo(proxy(green.out())).contains("gwrun-production-proxy");
    }

    private static String proxy(String json) {
        int at = json.indexOf("\"proxy\": {");
        assertThat(at).as(json).isNotNegative();
        int depth = 0;
        for (int i = json.indexOf('{', at); i < json.length(); i++) {
            if (json.charAt(i) == '{') depth++;
            if (json.charAt(i) == '}' && --depth == 0) return json.substring(at, i + 1);
        }
        throw new AssertionError("unbalanced JSON: " + json);
    }
}
