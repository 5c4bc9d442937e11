package dev.gwrun.stdlib.docker;

import com.github.dockerjava.core.command.CreateContainerCmdImpl;
import com.fasterxml.jackson.databind.ser.DefaultSerializerProvider;
import com.github.dockerjava.core.DefaultDockerCmdExecFactory;
import com.github.dockerjava.core.DockerClientImpl;
import org.junit.jupiter.api.Test;

import javax.net.ssl.SSLContext;
import java.lang.reflect.Field;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What the docker module builds ahead of a run, and the SSL context of local sockets. */
class DockerPrewarmTest {
    @Test
    void prewarmBuildsTheSharedMappersCodecsWithoutAnEngine() throws Exception {
        // Runs with or without a Docker Engine: nothing connects.
        new DockerModule().prewarm();
        // docker.run's create request is a JSON tree; compose's CreateContainerCmd codec is built for compose.
        new dev.gwrun.stdlib.compose.ComposeModule().prewarm();
        assertThat(((DefaultSerializerProvider) DockerJson.MAPPER.getSerializerProvider()).cachedSerializersCount()).isPositive();
        // The codec built is the one a create request uses: the engine's field names, as sent.
        var cmd = Engine.fromEnvironment("unix:///nonexistent/gwrun-prewarm-test.sock", null, null).client()
                .createContainerCmd("demo:1").withName("api-green");
        assertThat(cmd).isInstanceOf(CreateContainerCmdImpl.class);
        String json = new String(DockerJson.MAPPER.writeValueAsBytes(cmd), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(json).contains("\"Image\":\"demo:1\"");
    }

    @Test
    void everyEnginesClientUsesTheSharedMapperSoWhatPrewarmBuiltIsWhatCallsUse() throws Exception {
        Engine a = Engine.fromEnvironment("unix:///nonexistent/a.sock", null, null);
        Engine b = Engine.fromEnvironment("unix:///nonexistent/b.sock", null, null);
        assertThat(a.client()).isNotSameAs(b.client()).isSameAs(Engine.fromEnvironment("unix:///nonexistent/a.sock", null, null).client());
        assertThat(mapperOf(a.client())).isSameAs(DockerJson.MAPPER);
        assertThat(mapperOf(b.client())).isSameAs(DockerJson.MAPPER);
    }

    /** docker-java keeps the mapper in private fields: read them, as the claim is about them. */
    private static Object mapperOf(Object client) throws ReflectiveOperationException {
        Field factory = DockerClientImpl.class.getDeclaredField("dockerCmdExecFactory");
        factory.setAccessible(true);
        Object f = factory.get(client);
        assertThat(f).isInstanceOf(DefaultDockerCmdExecFactory.class);
        Field mapper = DefaultDockerCmdExecFactory.class.getDeclaredField("objectMapper");
        mapper.setAccessible(true);
        return mapper.get(f);
    }

    @Test
    void theLocalSocketsSslContextRefusesEveryUse() {
        SSLContext none = new NoTls();
        assertThatThrownBy(none::getSocketFactory).isInstanceOf(IllegalStateException.class)
                .hasMessage("TLS is not used on a local Docker Engine socket");
        assertThatThrownBy(() -> none.init(null, null, null)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(none::createSSLEngine).isInstanceOf(IllegalStateException.class);
    }
}
