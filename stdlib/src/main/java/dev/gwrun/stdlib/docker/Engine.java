package dev.gwrun.stdlib.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DefaultDockerCmdExecFactory;
import com.github.dockerjava.core.DockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.zerodep.ZerodepDockerHttpClient;
import com.github.dockerjava.transport.DockerHttpClient;
import com.github.dockerjava.transport.SSLConfig;
import dev.gwrun.host.Type;
import dev.gwrun.runtime.GwrunError;
import dev.gwrun.runtime.HostObject;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A Docker Engine a runbook talks to: the default one ({@code DOCKER_HOST}, else the local socket)
 * or one named with {@code docker.engine("tcp://host:2376", tls: "/etc/docker/certs")}.
 *
 * <p>The handle is a plain value; its docker-java client is created on first use and then kept
 * for the whole process, one per host, so a runbook makes one connection pool per engine and
 * {@code gwrun check} (or a run that never calls docker) never connects at all.
 */
public final class Engine implements HostObject {
    /** The static type of an engine handle: what {@code engine:} arguments accept. */
    public static final Type TYPE = Type.object("docker engine", Map.of("host", Type.STRING, "tls", Type.BOOL));

    static final String LOCAL_SOCKET = "unix:///var/run/docker.sock";
    private static final Map<String, Connection> CLIENTS = new ConcurrentHashMap<>();

    /** One engine's client and the transport under it (for the few requests docker-java has no command for). */
    private record Connection(DockerClient client, DockerHttpClient http) {}

    /**
     * For a local socket, which never speaks TLS: given no SSL context the transport builds the
     * JVM's default one, which starts the TLS provider and parses every CA certificate of the trust
     * store, about 0.1 s of a cold start, for connections that never use it. This context refuses
     * every use instead, so it could not reach anything by mistake. (For tcp:// an SSL context
     * means https, so plain tcp gets none and TLS engines get their own.)
     */
    private static final SSLConfig NO_TLS = NoTls::new;

    private final String host;
    private final String certPath;
    private final boolean isDefault;

    Engine(String host, String certPath, boolean isDefault) {
        this.host = host;
        this.certPath = certPath;
        this.isDefault = isDefault;
    }

    /** The default engine as the environment names it (an --env-file DOCKER_HOST counts). */
    static Engine fromEnvironment(String dockerHost, String tlsVerify, String certPath) {
        String host = dockerHost == null || dockerHost.isBlank() ? LOCAL_SOCKET : dockerHost.strip();
        boolean tls = tlsVerify != null && !tlsVerify.isBlank() && !tlsVerify.equals("0") && !tlsVerify.equalsIgnoreCase("false");
        String certs = tls ? (certPath != null && !certPath.isBlank() ? certPath : defaultCertPath()) : null;
        return new Engine(host, certs, true);
    }

    /**
     * The default engine of a call's environment, for modules other than docker (backup.volume):
     * they share its one process-wide client instead of opening their own.
     */
    public static Engine fromEnvironment(dev.gwrun.host.CallContext ctx) {
        return fromEnvironment(ctx.env("DOCKER_HOST"), ctx.env("DOCKER_TLS_VERIFY"), ctx.env("DOCKER_CERT_PATH"));
    }

    /** An engine named in a runbook; tls is false, true (certificates from DOCKER_CERT_PATH or ~/.docker) or a directory. */
    static Engine named(String host, Object tls, String envCertPath) {
        if (!host.matches("(unix|tcp|npipe)://.+")) {
            throw new GwrunError("docker", "docker.engine: '" + host + "' is not an engine address (use unix:///path/docker.sock or tcp://host:port)");
        }
        String certs = null;
        if (tls instanceof Boolean b && b) {
            certs = envCertPath != null && !envCertPath.isBlank() ? envCertPath : defaultCertPath();
        } else if (tls instanceof CharSequence dir) {
            certs = dir.toString();
        } else if (tls != null && !(tls instanceof Boolean)) {
            throw new GwrunError("type", "docker.engine: tls must be true, false or the directory holding ca.pem, cert.pem and key.pem");
        }
        if (certs != null && !Files.isRegularFile(Path.of(certs, "ca.pem"))) {
            throw new GwrunError("docker", "docker.engine: no ca.pem in the TLS directory '" + certs + "'");
        }
        return new Engine(host, certs, false);
    }

    private static String defaultCertPath() {
        return Path.of(System.getProperty("user.home"), ".docker").toString();
    }

    public String host() { return host; }

    /** The directory holding ca.pem, cert.pem and key.pem, or null without TLS. */
    String certPath() { return certPath; }

    /** "docker" for the default engine, "docker[tcp://h:2376]" for others, as log lines start. */
    public String label() { return isDefault ? "docker" : "docker[" + host + "]"; }

    /** The client for this engine, created on first use and kept for the process: never close it. */
    public DockerClient client() {
        return connection().client();
    }

    /**
     * The transport of {@link #client()}, for requests docker-java has no command or parameter for
     * (the swarm module's {@code rollback=previous}); kept for the process like the client: never close it.
     */
    public DockerHttpClient http() {
        return connection().http();
    }

    /** The JSON mapper the client uses, to read and write what goes through {@link #http()}. */
    public static com.fasterxml.jackson.databind.ObjectMapper json() {
        return DockerJson.MAPPER;
    }

    private Connection connection() {
        return CLIENTS.computeIfAbsent(host + "|" + (certPath == null ? "" : certPath), k -> connect());
    }

    private Connection connect() {
        DefaultDockerClientConfig.Builder b = DefaultDockerClientConfig.createDefaultConfigBuilder().withDockerHost(host);
        b.withDockerTlsVerify(certPath != null);
        if (certPath != null) b.withDockerCertPath(certPath);
        DockerClientConfig config = b.build();
        ZerodepDockerHttpClient http = new ZerodepDockerHttpClient.Builder()
                .dockerHost(config.getDockerHost())
                .sslConfig(config.getSSLConfig() != null || host.startsWith("tcp://") ? config.getSSLConfig() : NO_TLS)
                // Enough for `parallel` to start dozens of containers at once over one pool.
                .maxConnections(64)
                .connectionTimeout(Duration.ofSeconds(5))
                .build();
        // Every client shares DockerJson's one mapper, so what prewarm() builds is what calls use.
        return new Connection(DockerClientImpl.getInstance(config).withDockerCmdExecFactory(new DefaultDockerCmdExecFactory(http, DockerJson.MAPPER)), http);
    }

    @Override public String typeName() { return "docker engine"; }

    @Override public List<String> fieldNames() { return List.of("host", "tls"); }

    @Override
    public Object field(String name) {
        return switch (name) {
            case "host" -> host;
            case "tls" -> certPath != null;
            default -> throw new IllegalArgumentException(name);
        };
    }

    @Override public String describe() { return "docker engine " + host; }

    @Override public String toString() { return describe(); }
}
