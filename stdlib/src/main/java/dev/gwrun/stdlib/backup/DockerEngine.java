package dev.gwrun.stdlib.backup;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.zerodep.ZerodepDockerHttpClient;
import dev.gwrun.host.CallContext;

import java.time.Duration;

/**
 * The Docker Engine client of the backup module, from DOCKER_HOST or the default socket. Kept here,
 * package-private, so volume backups need nothing of any other module.
 */
final class DockerEngine {
    private DockerEngine() {}

    static String host(CallContext ctx) {
        String h = ctx.env("DOCKER_HOST");
        return h == null || h.isBlank() ? "unix:///var/run/docker.sock" : h;
    }

    static DockerClient client(CallContext ctx) {
        DefaultDockerClientConfig config = DefaultDockerClientConfig.createDefaultConfigBuilder().withDockerHost(host(ctx)).build();
        ZerodepDockerHttpClient http = new ZerodepDockerHttpClient.Builder()
                .dockerHost(config.getDockerHost())
                .sslConfig(config.getSSLConfig())
                .connectionTimeout(Duration.ofSeconds(10))
                .build();
        return DockerClientImpl.getInstance(config, http);
    }
}
