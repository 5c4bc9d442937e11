package dev.gwrun.stdlib;

import com.github.dockerjava.api.DockerClient;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The real Docker Engine for a test class: {@code @RegisterExtension static final TestEngine ENGINE = new TestEngine();}
 * requires the engine (see {@link DockerTestSupport#requireEngine()}) and builds the busybox test image before
 * the class's tests, and removes everything the run created under {@link DockerTestSupport#PREFIX} after them.
 */
public final class TestEngine implements BeforeAllCallback, AfterAllCallback {
    private DockerClient client;
    private String image;

    @Override
    public void beforeAll(ExtensionContext context) {
        client = DockerTestSupport.requireEngine();
        image = DockerTestSupport.testImage();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        DockerTestSupport.cleanUp();
    }

    /** The engine's client. */
    public DockerClient client() { return client; }

    /** The busybox test image's reference. */
    public String image() { return image; }
}
