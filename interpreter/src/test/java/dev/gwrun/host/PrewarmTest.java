package dev.gwrun.host;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

class PrewarmTest {
    private final List<String> warmed = new CopyOnWriteArrayList<>();

    private HostModule module(String name, boolean fails) {
        return new HostModule() {
            @Override public String name() { return name; }

            @Override public String doc() { return name; }

            @Override public List<HostFunction> functions() { return List.of(); }

            @Override
            public void prewarm() {
                warmed.add(name);
                if (fails) throw new IllegalStateException("broken prewarm");
            }
        };
    }

    @Test
    void findsTheModulesATextCallsInTheOrderItFirstCallsThem() {
        List<HostModule> all = List.of(module("", false), module("http", false), module("docker", false), module("flyway", false), module("sh", false));
        String source = """
                runbook "r" {
                  step "a" { docker.run(name: "x", image: "y") }
                  step "b" { wait until http.get("http://127.0.0.1/health").ok }
                  step "c" { docker .stop("x") }
                }
                """;
        assertThat(Prewarm.calledIn(source, all)).extracting(HostModule::name).containsExactly("docker", "http");
    }

    @Test
    void aNameThatIsPartOfAnotherNameOrAFieldIsNotACall() {
        List<HostModule> all = List.of(module("http", false), module("docker", false), module("sh", false));
        String source = "let mydocker = x.docker.y\nlog \"${my_http.z}\"\nlet sh = 1\nlog sh";
        assertThat(Prewarm.calledIn(source, all)).isEmpty();
    }

    @Test
    void runsEachPrewarmOnABackgroundThreadAndAFailingOneDoesNotStopTheRest() throws InterruptedException {
        Thread t = Prewarm.start(List.of(module("docker", true), module("http", false)));
        t.join(10_000);
        assertThat(t.isAlive()).isFalse();
        assertThat(t.isDaemon()).isTrue();
        assertThat(warmed).containsExactly("docker", "http");
    }
}
