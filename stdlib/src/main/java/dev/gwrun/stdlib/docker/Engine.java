package dev.gwrun.stdlib.docker;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.BadRequestException;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.InternalServerErrorException;
import com.github.dockerjava.api.exception.NotAcceptableException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.exception.NotModifiedException;
import com.github.dockerjava.api.exception.UnauthorizedException;
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

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
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

    /**
     * A request through the client's own transport, for what docker-java has no command for and for the
     * calls a run makes first: the JSON goes in and out as bytes or trees, never through Jackson's
     * bean mapping, whose per-type set-up costs a cold JVM some 60 ms for a create request and 80 ms for
     * an inspect answer. An error status becomes docker-java's exception for it, with the engine's
     * message, as a docker-java command would throw.
     */
    public byte[] request(DockerHttpClient.Request.Method method, String path, byte[] json) {
        DockerHttpClient.Request.Builder b = DockerHttpClient.Request.builder().method(method).path(path);
        if (json != null) b.putHeader("Content-Type", "application/json").bodyBytes(json);
        try (DockerHttpClient.Response r = http().execute(b.build())) {
            byte[] body = r.getBody() == null ? new byte[0] : r.getBody().readAllBytes();
            int status = r.getStatusCode();
            if (status < 300) return body;
            String message = new String(body, StandardCharsets.UTF_8);
            try {
                JsonNode m = json().readTree(body).path("message");
                if (m.isTextual()) message = m.asText();
            } catch (IOException notJson) {
                // keep the body as it is
            }
            switch (status) {
                case 304 -> throw new NotModifiedException(message);
                case 400 -> throw new BadRequestException(message);
                case 401 -> throw new UnauthorizedException(message);
                case 404 -> throw new NotFoundException(message);
                case 406 -> throw new NotAcceptableException(message);
                case 409 -> throw new ConflictException(message);
                case 500 -> throw new InternalServerErrorException(message);
                default -> throw new DockerException(message, status);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A GET whose answer is JSON, as a tree. */
    public JsonNode get(String path) {
        return tree(request(DockerHttpClient.Request.Method.GET, path, null));
    }

    /** A POST of a JSON tree whose answer is JSON (or nothing: an empty tree). */
    public JsonNode post(String path, JsonNode body) {
        try {
            return tree(request(DockerHttpClient.Request.Method.POST, path, json().writeValueAsBytes(body)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode tree(byte[] body) {
        try {
            return body.length == 0 ? json().createObjectNode() : json().readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A path segment or query value, URL-encoded. */
    public static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** An image reference as a path segment: encoded, but its slashes, colon and @ kept, as the docker CLI sends it. */
    public static String encRef(String ref) {
        return enc(ref).replace("%2F", "/").replace("%3A", ":").replace("%40", "@");
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
