package dev.gwrun.stdlib.docker;

import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.exception.UnauthorizedException;
import dev.gwrun.runtime.GwrunError;

import javax.net.ssl.SSLException;
import java.io.FileNotFoundException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns docker-java's exceptions into one readable line that names the container, image, network
 * or volume. The daemon's own JSON message is unwrapped; its most common failures (no such
 * object, name taken, port in use, engine unreachable) get gwrun's own words.
 */
public final class DockerErrors {
    private static final Pattern JSON_MESSAGE = Pattern.compile("\"message\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");
    private static final Pattern PORT_ALLOCATED = Pattern.compile("(?:Bind for|listen tcp[46]?) [^ ]*?:(\\d+)(?: failed: port is already allocated|: bind: address already in use)");

    private DockerErrors() {}

    /**
     * @param what  the object the call was about, as users name it: {@code container 'api-green'}
     * @param doing the action in a few words for wrappers that have no better wording: {@code start}
     */
    public static GwrunError translate(Throwable e, Engine engine, String what, String doing) {
        String unreachable = unreachable(e, engine);
        if (unreachable != null) return new GwrunError("docker", unreachable, null, e);
        if (e instanceof NotFoundException) {
            return new GwrunError("docker", "no " + what + (daemonMessage(e).contains("image") && !what.startsWith("image") ? " (" + daemonMessage(e) + ")" : ""), null, e);
        }
        String daemon = daemonMessage(e);
        Matcher port = PORT_ALLOCATED.matcher(daemon);
        if (port.find()) {
            return new GwrunError("docker", "cannot " + doing + " " + what + ": host port " + port.group(1) + " is already in use", null, e);
        }
        if (e instanceof ConflictException && daemon.contains("is already in use")) {
            return new GwrunError("docker", "a " + what + " already exists (remove or rename it first)", null, e);
        }
        if (e instanceof UnauthorizedException) {
            return new GwrunError("docker", "cannot " + doing + " " + what + ": not authorised by the registry or engine (" + daemon + ")", null, e);
        }
        return new GwrunError("docker", "cannot " + doing + " " + what + ": " + daemon, null, e);
    }

    /** The words of a failure to reach the engine at all, or null if the engine answered. */
    static String unreachable(Throwable e, Engine engine) {
        String tls = tls(e, engine);
        if (tls != null) return "cannot reach the Docker Engine at " + engine.host() + ": " + tls;
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String m = t.getMessage() == null ? "" : t.getMessage().toLowerCase(Locale.ROOT);
            // Only socket-level failures count: a daemon reporting that it could not reach a registry answered.
            boolean io = t instanceof java.io.IOException;
            String reason = null;
            if (t instanceof NoSuchFileException || t instanceof FileNotFoundException || (io && m.contains("no such file or directory"))) {
                reason = "no engine socket there";
            } else if (t instanceof ConnectException || (io && m.contains("connection refused"))) {
                reason = "connection refused";
            } else if (t instanceof UnknownHostException) {
                reason = "unknown host";
            } else if (t instanceof NoRouteToHostException) {
                reason = "no route to host";
            } else if (t instanceof SocketTimeoutException && m.contains("connect")) {
                reason = "connection timed out";
            } else if (io && m.contains("permission denied")) {
                reason = "permission denied (is this user in the docker group?)";
            } else if (io && (m.contains("broken pipe") || m.contains("connection reset"))) {
                // The engine went away in the middle of a request (dockerd stopped or killed); a TLS engine
                // refusing a client certificate closes the same way, and tls() above has said so.
                reason = "it closed the connection in the middle of a request (" + t.getMessage() + ")";
            }
            if (reason != null) {
                return "cannot reach the Docker Engine at " + engine.host() + ": " + reason
                        + " (is dockerd running? DOCKER_HOST or docker.engine(…) choose another engine)";
            }
        }
        return null;
    }

    /**
     * The words of a failed TLS handshake with an engine (docker.engine(…, tls: DIR)), or null: whose
     * certificate was not accepted, and which file of the directory is concerned.
     */
    static String tls(Throwable e, Engine engine) {
        String dir = engine.certPath() == null ? "the TLS directory" : engine.certPath();
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String said = t.getMessage() == null ? "" : t.getMessage().toLowerCase(Locale.ROOT);
            if (engine.certPath() != null && t instanceof java.net.SocketException && (said.contains("broken pipe") || said.contains("connection reset"))) {
                // With TLS 1.3 an engine refuses a client certificate after the handshake, by closing the connection.
                return "it closed the connection, as an engine does when it does not trust the client certificate "
                        + Path.of(dir, "cert.pem") + " (" + t.getMessage() + ")";
            }
            if (!(t instanceof SSLException)) continue;
            String m = t.getMessage() == null ? "" : t.getMessage();
            String lower = m.toLowerCase(Locale.ROOT);
            if (lower.contains("pkix") || lower.contains("certification path") || lower.contains("trust anchor")) {
                return "its TLS certificate is not signed by the CA in " + Path.of(dir, "ca.pem");
            }
            if (lower.contains("subject alternative name") || lower.contains("no name matching")) {
                return "its TLS certificate is not made out to " + engine.host() + " (" + m + ")";
            }
            if (lower.contains("bad_certificate") || lower.contains("certificate_unknown") || lower.contains("certificate_required")
                    || lower.contains("unknown_ca")) {
                return "it refused the client certificate " + Path.of(dir, "cert.pem") + " (" + m.replaceFirst("^Received fatal alert: ", "") + ")";
            }
            return "the TLS handshake failed: " + m;
        }
        return null;
    }

    /** The daemon's message without docker-java's "Status 404: {…}" wrapping. */
    public static String daemonMessage(Throwable e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        Matcher json = JSON_MESSAGE.matcher(m);
        if (json.find()) m = json.group(1).replace("\\\"", "\"").replace("\\n", " ").replace("\\\\", "\\");
        m = m.replaceFirst("^Status \\d+: ", "").strip();
        // docker-java wraps transport failures with the Java class name in front: users need only the words.
        m = m.replaceFirst("^(?:[a-z][a-z0-9_]*\\.)+[A-Z]\\w*(?:Exception|Error): ", "");
        return m.isEmpty() ? e.getClass().getSimpleName() : m;
    }
}
