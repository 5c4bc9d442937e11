package dev.gwrun.host;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The registry builds a module's function table when a name of that module is first asked for, and answers as if built up front. */
class RegistryTest {
    /** A module whose table counts how often it is built. */
    private static final class Counted implements HostModule {
        final String name;
        final List<String> functions;
        final AtomicInteger builds = new AtomicInteger();

        Counted(String name, String... functions) {
            this.name = name;
            this.functions = List.of(functions);
        }

        @Override public String name() { return name; }

        @Override public String doc() { return "module " + name; }

        @Override public List<HostFunction> functions() {
            builds.incrementAndGet();
            List<HostFunction> out = new ArrayList<>();
            for (String f : functions) out.add(HostFunction.of(new Signature(f, List.of(), Type.ANY, Effect.PURE, f), (a, c) -> f));
            return out;
        }
    }

    @Test
    void aModulesTableIsBuiltOnceWhenOneOfItsNamesIsFirstAskedFor() {
        Counted global = new Counted("", "env", "sh");
        Counted http = new Counted("http", "http.get", "http.post");
        Counted docker = new Counted("docker", "docker.run");
        Registry r = new Registry(List.of(global, http, docker));

        assertThat(r.isModule("docker")).isTrue();
        assertThat(r.module("http").doc()).isEqualTo("module http");
        assertThat(http.builds.get() + docker.builds.get() + global.builds.get()).isZero();

        assertThat(r.function("http.get").signature().name()).isEqualTo("http.get");
        assertThat(r.function("http.nosuch")).isNull();
        assertThat(r.function("nosuch.get")).isNull();
        assertThat(r.function("sh").signature().name()).isEqualTo("sh");
        assertThat(http.builds.get()).isEqualTo(1);
        assertThat(global.builds.get()).isEqualTo(1);
        assertThat(docker.builds.get()).isZero();

        assertThat(r.functionNames("http")).containsExactly("http.get", "http.post");
        assertThat(r.globalNames()).containsExactly("env", "sh");
        assertThat(r.functions()).extracting(f -> f.signature().name())
                .containsExactly("env", "sh", "http.get", "http.post", "docker.run");
        assertThat(List.of(global.builds.get(), http.builds.get(), docker.builds.get())).containsExactly(1, 1, 1);
        assertThat(r.moduleNames()).containsExactly("docker", "http");
    }

    @Test
    void aGlobalFunctionWithADottedNameIsFoundBeforeTheModule() {
        Registry r = new Registry(List.of(new Counted("", "time.now"), new Counted("time", "time.parse")));
        assertThat(r.function("time.now").signature().name()).isEqualTo("time.now");
        assertThat(r.function("time.parse").signature().name()).isEqualTo("time.parse");
        assertThat(r.functionNames("time")).containsExactly("time.now", "time.parse");
    }

    @Test
    void aMisnamedOrTwiceRegisteredFunctionIsRefusedWhenItsTableIsBuilt() {
        Registry misnamed = new Registry(List.of(new Counted("http", "docker.get")));
        assertThatThrownBy(() -> misnamed.function("http.get")).hasMessage("function docker.get registered in module http");
        Registry twice = new Registry(List.of(new Counted("", "http.get"), new Counted("http", "http.get")));
        assertThatThrownBy(twice::functions).hasMessage("function http.get registered twice");
    }
}
