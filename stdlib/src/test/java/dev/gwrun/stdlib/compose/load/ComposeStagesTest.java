package dev.gwrun.stdlib.compose.load;

import dev.gwrun.stdlib.compose.model.Dependency;
import dev.gwrun.stdlib.compose.model.Mount;
import dev.gwrun.stdlib.compose.model.Port;
import dev.gwrun.stdlib.compose.model.Project;
import dev.gwrun.stdlib.compose.model.Service;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Files, variables, project names, profiles, extends and include, through {@link ComposeLoader#load}, and the records it fills. */
class ComposeStagesTest {
    @TempDir
    Path dir;

    private Project load(Map<String, String> env, List<String> profiles, String projectName, String... files) {
        List<Path> paths = files.length == 0 ? List.of() : java.util.Arrays.stream(files).map(dir::resolve).toList();
        Map<String, String> e = new LinkedHashMap<>(env);
        e.putIfAbsent("HOME", "/home/t");
        return ComposeLoader.load(new LoadOptions(paths, files.length == 0 ? dir : null, List.of(), projectName, profiles, e)).project();
    }

    private void write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
    }

    @Test
    void discoversComposeYamlAndItsOverride() throws IOException {
        write("compose.yaml", "services:\n  a:\n    image: one\n");
        write("compose.override.yaml", "services:\n  a:\n    image: two\n");
        write("docker-compose.yml", "services:\n  b:\n    image: ignored\n");
        Project p = load(Map.of(), List.of(), "x");
        assertThat(p.services().keySet()).containsExactly("a");
        assertThat(p.service("a").image()).isEqualTo("two");
        assertThat(p.configFiles()).containsExactly(dir.resolve("compose.yaml"), dir.resolve("compose.override.yaml"));
        assertThat(p.workingDir()).isEqualTo(dir);
    }

    @Test
    void nothingToDiscoverIsOneError() {
        assertThatThrownBy(() -> load(Map.of(), List.of(), "x")).hasMessageStartingWith("error: no compose file found in " + dir);
    }

    @Test
    void dotEnvGivesComposeFileProjectNameAndProfilesAndTheProcessEnvironmentWins() throws IOException {
        write(".env", "COMPOSE_FILE=one.yaml:two.yaml\nCOMPOSE_PROJECT_NAME=fromdotenv\nCOMPOSE_PROFILES=extra\nTAG=dotenv\nOTHER=dotenv\n");
        write("one.yaml", "services:\n  a:\n    image: app:${TAG}\n    environment: [OTHER]\n");
        write("two.yaml", "services:\n  b:\n    image: b\n    profiles: [extra]\n");
        Project p = load(Map.of("TAG", "shell"), List.of(), null);
        assertThat(p.name()).isEqualTo("fromdotenv");
        assertThat(p.service("a").image()).isEqualTo("app:shell");
        assertThat(p.service("a").environment()).containsExactly(Map.entry("OTHER", "dotenv"));
        assertThat(p.services().keySet()).containsExactly("a", "b");
        assertThat(p.profiles()).containsExactly("extra");
    }

    @Test
    void envFilesReplaceTheDefaultDotEnvAndLaterOnesWin() throws IOException {
        write(".env", "TAG=dotenv\nONLY_DOTENV=yes\n");
        write("one.env", "TAG=one\nA=one\n");
        write("two.env", "A=two\n");
        write("compose.yaml", "services:\n  a:\n    image: app:${TAG}-${A}-${ONLY_DOTENV:-none}\n");
        Project p = ComposeLoader.load(new LoadOptions(List.of(dir.resolve("compose.yaml")), null,
                List.of(dir.resolve("one.env"), dir.resolve("two.env")), "x", List.of(), Map.of())).project();
        assertThat(p.service("a").image()).isEqualTo("app:one-two-none");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
            // -p | COMPOSE_PROJECT_NAME | name: | directory | expected
            "flag   | env  | file | My Dir | flag",
            "-      | env  | file | My Dir | env",
            "-      | -    | file | My Dir | file",
            "-      | -    | -    | My Dir.2 | mydir2",
            "-      | -    | -    | _Under_Score | under_score",
    })
    void projectNamePrecedence(String flag, String env, String file, String directory, String expected) throws IOException {
        Path d = dir.resolve(directory);
        Files.createDirectories(d);
        Files.writeString(d.resolve("compose.yaml"), (file == null ? "" : "name: " + file + "\n") + "services:\n  a:\n    image: x\n");
        Map<String, String> e = env == null ? Map.of() : Map.of("COMPOSE_PROJECT_NAME", env);
        Project p = ComposeLoader.load(new LoadOptions(List.of(d.resolve("compose.yaml")), null, List.of(), flag, List.of(), e)).project();
        assertThat(p.name()).isEqualTo(expected);
        assertThat(p.networks().get("default").name()).isEqualTo(expected + "_default");
    }

    @Test
    void filesMayUseTheProjectName() throws IOException {
        write("compose.yaml", "name: ${STACK:-shop}\nservices:\n  a:\n    image: x\n    container_name: ${COMPOSE_PROJECT_NAME}-a\n");
        assertThat(load(Map.of(), List.of(), null, "compose.yaml").service("a").containerName()).isEqualTo("shop-a");
        assertThat(load(Map.of("STACK", "blue"), List.of(), null, "compose.yaml").service("a").containerName()).isEqualTo("blue-a");
        assertThat(load(Map.of("STACK", "blue"), List.of(), "green", "compose.yaml").service("a").containerName()).isEqualTo("green-a");
    }

    @Test
    void aNameGivenByTheUserMustBeValid() throws IOException {
        write("compose.yaml", "services:\n  a:\n    image: x\n");
        assertThatThrownBy(() -> load(Map.of(), List.of(), "Bad Name", "compose.yaml"))
                .hasMessage("error: invalid project name 'Bad Name' (from -p): use lower-case letters, digits, '-' and '_', starting with a letter or digit");
        assertThatThrownBy(() -> load(Map.of("COMPOSE_PROJECT_NAME", "-x"), List.of(), null, "compose.yaml"))
                .hasMessageContaining("invalid project name '-x' (from COMPOSE_PROJECT_NAME)");
    }

    @Test
    void profiles() throws IOException {
        write("compose.yaml", """
                services:
                  app: {image: a}
                  dbg: {image: b, profiles: [debug]}
                  mon: {image: c, profiles: [monitoring, all]}
                """);
        assertThat(load(Map.of(), List.of(), "x", "compose.yaml").services().keySet()).containsExactly("app");
        assertThat(load(Map.of(), List.of(), "x", "compose.yaml").disabledServices().keySet()).containsExactly("dbg", "mon");
        assertThat(load(Map.of(), List.of("all"), "x", "compose.yaml").services().keySet()).containsExactly("app", "mon");
        assertThat(load(Map.of("COMPOSE_PROFILES", "debug,monitoring"), List.of(), "x", "compose.yaml").services().keySet()).containsExactly("app", "dbg", "mon");
        assertThat(load(Map.of("COMPOSE_PROFILES", "debug"), List.of("monitoring"), "x", "compose.yaml").services().keySet()).containsExactly("app", "mon");
        assertThat(load(Map.of(), List.of("*"), "x", "compose.yaml").services().keySet()).containsExactly("app", "dbg", "mon");
    }

    @Test
    void disabledServicesAreNormalisedToo() throws IOException {
        write("compose.yaml", "services:\n  dbg:\n    image: b\n    profiles: [debug]\n    environment: [A=1, FROM_SHELL]\n    volumes: ['./a:/x', './b:/x']\n");
        Service dbg = load(Map.of("FROM_SHELL", "s"), List.of(), "x", "compose.yaml").disabledServices().get("dbg");
        assertThat(dbg.environment()).containsExactly(Map.entry("A", "1"), Map.entry("FROM_SHELL", "s"));
        assertThat(dbg.networks()).containsOnlyKeys("default");
        assertThat(dbg.volumes()).extracting(Mount::source).containsExactly(dir.resolve("b").toString());
    }

    @Test
    void extendsAcrossFilesResolvesPathsAgainstTheExtendedFile() throws IOException {
        write("compose.yaml", "services:\n  web:\n    extends: {file: lib/base.yaml, service: base}\n    environment: {B: '2'}\n");
        write("lib/base.yaml", "services:\n  base:\n    extends: {file: ../root.yaml, service: root}\n    volumes: ['./conf:/conf']\n    environment: {A: '1', B: '1'}\n");
        write("root.yaml", "services:\n  root:\n    image: app\n    build: ./ctx\n");
        Service web = load(Map.of(), List.of(), "x", "compose.yaml").service("web");
        assertThat(web.image()).isEqualTo("app");
        assertThat(web.build().context()).isEqualTo(dir.resolve("ctx").toString());
        assertThat(web.volumes()).extracting(Mount::source).containsExactly(dir.resolve("lib/conf").toString());
        assertThat(web.environment()).containsExactly(Map.entry("A", "1"), Map.entry("B", "2"));
    }

    @Test
    void extendsOfAnUndefinedServiceNamesTheFile() throws IOException {
        write("compose.yaml", "services:\n  web:\n    extends: {file: base.yaml, service: bsae}\n");
        write("base.yaml", "services:\n  base:\n    image: app\n");
        assertThatThrownBy(() -> load(Map.of(), List.of(), "x", "compose.yaml"))
                .hasMessage(dir.resolve("compose.yaml") + ":3:41: error: service 'web' extends 'bsae', which is not defined in "
                        + dir.resolve("base.yaml") + " — did you mean 'base'?");
    }

    @Test
    void includeLongFormWithProjectDirectoryAndEnvFile() throws IOException {
        write("compose.yaml", """
                include:
                  - path: [sub/compose.yaml, sub/extra.yaml]
                    project_directory: sub
                    env_file: sub/vars.env
                services:
                  app:
                    image: app
                    depends_on: [db]
                """);
        write("sub/compose.yaml", "services:\n  db:\n    image: postgres:${PG}\n    volumes: ['./init:/init']\n");
        write("sub/extra.yaml", "services:\n  db:\n    environment: [X=1]\n");
        write("sub/vars.env", "PG=16\n");
        Project p = load(Map.of(), List.of(), "x", "compose.yaml");
        Service db = p.service("db");
        assertThat(db.image()).isEqualTo("postgres:16");
        assertThat(db.environment()).containsEntry("X", "1");
        assertThat(db.volumes().get(0).source()).isEqualTo(dir.resolve("sub/init").toString());
        assertThat(p.service("app").dependsOn()).containsEntry("db", new Dependency("service_started", false, true));
    }

    @Test
    void includeCycleIsAnError() throws IOException {
        write("compose.yaml", "include: [a.yaml]\nservices:\n  x:\n    image: x\n");
        write("a.yaml", "include: [compose.yaml]\nservices:\n  y:\n    image: y\n");
        assertThatThrownBy(() -> load(Map.of(), List.of(), "x", "compose.yaml"))
                .hasMessageContaining("include cycle: " + dir.resolve("compose.yaml") + " -> " + dir.resolve("a.yaml") + " -> " + dir.resolve("compose.yaml"));
    }

    @Test
    void theRecordsHoldTheNormalisedService() throws IOException {
        write("compose.yaml", """
                services:
                  web:
                    image: nginx
                    command: nginx -g 'daemon off;'
                    ports: ["127.0.0.1:8080:80/udp"]
                    volumes: ["./html:/usr/share/nginx/html:ro", "cache:/cache"]
                    healthcheck:
                      test: curl -f http://localhost
                      interval: 1m30s
                      start_period: 500ms
                    deploy: {replicas: 3}
                    stop_grace_period: 20s
                    secrets: [token]
                    networks: {front: {aliases: [www], priority: 5}}
                  job:
                    image: busybox
                    scale: 2
                    network_mode: host
                    healthcheck: {disable: true}
                volumes:
                  cache: {}
                networks:
                  front: {external: true}
                secrets:
                  token: {file: ./token.txt}
                """);
        Project p = load(Map.of(), List.of(), "proj", "compose.yaml");
        Service web = p.service("web");
        assertThat(web.command()).containsExactly("nginx", "-g", "daemon off;");
        assertThat(web.entrypoint()).isNull();
        assertThat(web.ports()).containsExactly(new Port("127.0.0.1", "8080", 80, "udp", "ingress", null, null));
        assertThat(web.volumes()).containsExactly(
                new Mount("bind", dir.resolve("html").toString(), "/usr/share/nginx/html", true, true, null, false, null, null, null),
                new Mount("volume", "cache", "/cache", false, false, null, false, null, null, null));
        assertThat(web.healthcheck().test()).containsExactly("CMD-SHELL", "curl -f http://localhost");
        assertThat(web.healthcheck().interval()).isEqualTo(Duration.ofSeconds(90));
        assertThat(web.healthcheck().startPeriod()).isEqualTo(Duration.ofMillis(500));
        assertThat(web.replicas()).isEqualTo(3);
        assertThat(web.stopGracePeriod()).isEqualTo(Duration.ofSeconds(20));
        assertThat(web.secrets().get(0).target()).isEqualTo("/run/secrets/token");
        assertThat(web.networks().get("front").aliases()).containsExactly("www");
        assertThat(web.networks().get("front").priority()).isEqualTo(5);
        Service job = p.service("job");
        assertThat(job.replicas()).isEqualTo(2);
        assertThat(job.networks()).isEmpty();
        assertThat(job.networkMode()).isEqualTo("host");
        assertThat(job.healthcheck().test()).containsExactly("NONE");
        assertThat(job.environment()).isEmpty();
        assertThat(job.labels()).isEmpty();
        assertThat(p.networks().get("front").name()).isEqualTo("front");
        assertThat(p.networks()).doesNotContainKey("default");
        assertThat(p.volumes().get("cache").name()).isEqualTo("proj_cache");
        assertThat(p.secrets().get("token").file()).isEqualTo(dir.resolve("token.txt"));
        assertThat(p.secrets().get("token").name()).isEqualTo("proj_token");
    }

    @Test
    void unsetVariablesAreWarningsWithTheirPlace() throws IOException {
        write("compose.yaml", "services:\n  a:\n    image: app:${TAG}\n");
        Loaded l = ComposeLoader.load(new LoadOptions(List.of(dir.resolve("compose.yaml")), null, List.of(), "x", List.of(), Map.of()));
        assertThat(l.project().service("a").image()).isEqualTo("app:");
        assertThat(l.warnings()).singleElement().satisfies(w -> assertThat(w.headline()).isEqualTo(
                dir.resolve("compose.yaml") + ":3:12: warning: the \"TAG\" variable is not set; defaulting to a blank string [compose-unset-variable]"));
    }

    @Test
    void jsonIsPrintedAsGoPrintsIt() throws IOException {
        write("compose.yaml", "services:\n  a:\n    image: app\n    environment: {HTML: '<b>&'}\n    cpus: 1.5\n");
        String json = CanonicalWriter.json(load(Map.of(), List.of(), "x", "compose.yaml"));
        assertThat(json).isEqualTo("""
                {
                  "name": "x",
                  "networks": {
                    "default": {
                      "name": "x_default"
                    }
                  },
                  "services": {
                    "a": {
                      "cpus": 1.5,
                      "environment": {
                        "HTML": "\\u003cb\\u003e\\u0026"
                      },
                      "image": "app",
                      "networks": {
                        "default": null
                      }
                    }
                  }
                }
                """);
    }

    @Test
    void emptyStringsAndFalseFlagsAreLeftOutAsGoOmitsThem() throws IOException {
        write("compose.yaml", "services:\n  a:\n    image: app\n    platform: ${NONE:-}\n    tty: false\n    init: false\n    environment: {E: ''}\n"
                + "networks:\n  net:\n    external: false\n    internal: false\n");
        Project p = load(Map.of(), List.of(), "x", "compose.yaml");
        assertThat(CanonicalWriter.yaml(p)).isEqualTo("""
                name: x
                services:
                  a:
                    environment:
                      E: ""
                    image: app
                    init: false
                    networks:
                      default: null
                networks:
                  default:
                    name: x_default
                  net:
                    name: x_net
                """);
        assertThat(p.service("a").tty()).isFalse();
        assertThat(p.service("a").init()).isFalse();
    }

    @Test
    void yamlQuotesWhatWouldReadBackAsAnotherType() {
        Map<String, Object> data = new LinkedHashMap<>();
        List<String> strings = List.of("yes", "no", "on", "off", "y", "true", "null", "~", "1", "0x1f", "1e3", "010", "1:30", "2024-01-01",
                "", " lead", "trail ", "a: b", "a #b", "#x", "- x", "-x", "*x", "&x", "!x", "|", ">", "'q'", "\"q\"", "@x", "`x`", "%x",
                "line\nbreak", "tab\there", "::1", "plain text", "--port", "9090-9091", "<<", "=");
        data.put("values", strings);
        String yaml = CanonicalWriter.yaml(data);
        Object back = new org.yaml.snakeyaml.Yaml().load(yaml);
        assertThat(back).isEqualTo(data);
        assertThat(yaml).contains("- plain text\n", "- --port\n", "- 9090-9091\n", "- \"yes\"\n", "- \"1\"\n");
    }
}
