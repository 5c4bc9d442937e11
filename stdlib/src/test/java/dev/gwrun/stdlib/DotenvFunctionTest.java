package dev.gwrun.stdlib;

import dev.gwrun.host.Args;
import dev.gwrun.host.HostFunction;
import dev.gwrun.runtime.GwrunError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** dotenv(path) through the registry: the same parser as Compose's .env and env_file. */
class DotenvFunctionTest {
    private final HostFunction dotenv = StandardLibrary.registry().function("dotenv");

    @TempDir Path dir;

    private Object call(Map<String, Object> args, Map<String, String> env) throws Exception {
        return dotenv.call(new Args(dotenv.signature(), new HashMap<>(args)), new TestCallContext(dir, env));
    }

    @Test
    void readsAFileBesideTheRunbookWithTheEnvironmentForItsVariables() throws Exception {
        Files.writeString(dir.resolve(".env.staging"), "# staging\nSTACK=app-staging\nURL=\"http://${HOST:-localhost}:8000\"\nexport TAG=v1 # pinned\n");
        assertThat(call(Map.of("path", ".env.staging"), Map.of("HOST", "api")))
                .isEqualTo(Map.of("STACK", "app-staging", "URL", "http://api:8000", "TAG", "v1"));
    }

    @Test
    void aMissingFileIsAnErrorUnlessNotRequired() throws Exception {
        assertThat(call(Map.of("path", "none.env", "required", false), Map.of())).isEqualTo(Map.of());
        assertThatThrownBy(() -> call(Map.of("path", "none.env"), Map.of()))
                .isInstanceOf(GwrunError.class).hasMessageContaining("none.env does not exist");
    }

    @Test
    void aMalformedLineIsNamedWithItsPosition() throws Exception {
        Files.writeString(dir.resolve("bad.env"), "A=1\nB=\"open\n");
        assertThatThrownBy(() -> call(Map.of("path", "bad.env"), Map.of()))
                .isInstanceOf(GwrunError.class)
                .hasMessageContaining("bad.env:2:3: error: unterminated quoted value for B")
                .hasMessageContaining("B=\"open\n  ^");
    }
}
