package dev.gwrun.stdlib.docker;

import dev.gwrun.runtime.GwrunError;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ConnectException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A failure to reach the engine names the engine, however the socket said it: an engine that went away in the
 * middle of a request (killed during compose.up's wait: EngineFaultsIT) breaks the pipe rather than refusing.
 */
class DockerErrorsTest {
    private static final Engine ENGINE = Engine.fromEnvironment("unix:///tmp/gwrun-no-engine/docker.sock", null, null);

    @Test
    void anEngineThatClosedTheConnectionMidRequestIsUnreachable() {
        GwrunError e = DockerErrors.translate(new RuntimeException(new IOException("Broken pipe")), ENGINE, "project 'p'", "wait for");
        assertThat(e.getMessage()).isEqualTo("cannot reach the Docker Engine at unix:///tmp/gwrun-no-engine/docker.sock: it closed the connection"
                + " in the middle of a request (Broken pipe) (is dockerd running? DOCKER_HOST or docker.engine(…) choose another engine)");
    }

    @Test
    void aRefusedConnectionIsUnreachableAndADaemonsAnswerIsNot() {
        assertThat(DockerErrors.translate(new ConnectException("Connection refused"), ENGINE, "container 'c'", "start").getMessage())
                .startsWith("cannot reach the Docker Engine at unix:///tmp/gwrun-no-engine/docker.sock: connection refused");
        assertThat(DockerErrors.translate(new RuntimeException("Status 500: pull access denied"), ENGINE, "container 'c'", "start").getMessage())
                .isEqualTo("cannot start container 'c': pull access denied");
    }
}
