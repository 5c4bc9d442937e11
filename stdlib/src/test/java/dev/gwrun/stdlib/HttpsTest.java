package dev.gwrun.stdlib;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.gwrun.host.Args;
import dev.gwrun.host.HostFunction;
import dev.gwrun.host.Registry;
import dev.gwrun.runtime.GwrunError;
import dev.gwrun.runtime.HostObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import java.io.FileInputStream;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * https through the http module's lazily set-up TLS ({@link LazyTls}), against real TLS servers on
 * loopback: one whose certificate the JVM's trust store holds (the test names it, as
 * {@code -Djavax.net.ssl.trustStore} would), and one it has never seen, which must be refused.
 * Certificates are made with the JDK's keytool.
 */
class HttpsTest {
    private static final Registry REGISTRY = StandardLibrary.registry();
    private static final String PASSWORD = "gwrun-test";
    private static Path dir;
    private static HttpsServer trusted;
    private static HttpsServer stranger;
    private static String previousTrustStore;

    @BeforeAll
    static void start() throws Exception {
        dir = Files.createTempDirectory("gwrun-https-test");
        Path trustedKeys = keyPair("trusted");
        Path strangerKeys = keyPair("stranger");
        // The trust store holds the first certificate only. The trust manager reads these properties
        // when TLS is first set up in this JVM, which is this class's first https call.
        Path cert = dir.resolve("trusted.pem");
        keytool("-exportcert", "-rfc", "-alias", "server", "-keystore", trustedKeys.toString(), "-storepass", PASSWORD, "-file", cert.toString());
        Path trust = dir.resolve("trust.p12");
        keytool("-importcert", "-noprompt", "-alias", "trusted", "-file", cert.toString(), "-keystore", trust.toString(),
                "-storetype", "PKCS12", "-storepass", PASSWORD);
        previousTrustStore = System.getProperty("javax.net.ssl.trustStore");
        System.setProperty("javax.net.ssl.trustStore", trust.toString());
        System.setProperty("javax.net.ssl.trustStorePassword", PASSWORD);
        System.setProperty("javax.net.ssl.trustStoreType", "PKCS12");
        trusted = serve(trustedKeys);
        stranger = serve(strangerKeys);
    }

    @AfterAll
    static void stop() {
        if (trusted != null) trusted.stop(0);
        if (stranger != null) stranger.stop(0);
        if (previousTrustStore == null) System.clearProperty("javax.net.ssl.trustStore");
        else System.setProperty("javax.net.ssl.trustStore", previousTrustStore);
        System.clearProperty("javax.net.ssl.trustStorePassword");
        System.clearProperty("javax.net.ssl.trustStoreType");
    }

    @Test
    void getsFromAServerTheTrustStoreVouchesForAndRefusesOneItDoesNot() throws Exception {
        HostObject r = call("http.get", Map.of("url", url(trusted, "/health")));
        assertThat(r.field("status")).isEqualTo(200L);
        assertThat(r.field("body")).isEqualTo("ok over tls");

        HostFunction fn = REGISTRY.function("http.get");
        GwrunError refused = catchThrowableOfType(GwrunError.class,
                () -> fn.call(new Args(fn.signature(), new HashMap<>(Map.of("url", url(stranger, "/health")))), new TestCallContext(dir)));
        assertThat(refused).isNotNull();
        assertThat(refused.getMessage()).startsWith("TLS failed: ").contains("certification path").endsWith("(localhost:" + stranger.getAddress().getPort() + ")");
    }

    @Test
    void plainHttpStillWorksBesideHttps() throws Exception {
        try (LoopbackServer plain = LoopbackServer.start().route("/health", (req, n) -> LoopbackServer.Reply.text(200, "plain"))) {
            assertThat(call("http.get", Map.of("url", plain.url("/health"))).field("body")).isEqualTo("plain");
        }
        assertThat(call("http.get", Map.of("url", url(trusted, "/health"))).field("status")).isEqualTo(200L);
    }

    private static HostObject call(String name, Map<String, Object> values) throws Exception {
        return (HostObject) HostCalls.call(new TestCallContext(dir), name, values);
    }

    private static String url(HttpsServer server, String path) {
        return "https://localhost:" + server.getAddress().getPort() + path;
    }

    /** A PKCS12 key store with a fresh EC key pair and a self-signed certificate for localhost, named after name. */
    private static Path keyPair(String name) throws Exception {
        Path keys = dir.resolve(name + ".p12");
        keytool("-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=gwrun test " + name,
                "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-validity", "2", "-keystore", keys.toString(),
                "-storetype", "PKCS12", "-storepass", PASSWORD);
        return keys;
    }

    private static HttpsServer serve(Path keys) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = new FileInputStream(keys.toFile())) {
            store.load(in, PASSWORD.toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(store, PASSWORD.toCharArray());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(kmf.getKeyManagers(), null, null);
        HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(context));
        server.createContext("/health", exchange -> {
            byte[] body = "ok over tls".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        return server;
    }

    private static void keytool(String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("keytool finished").isTrue();
        assertThat(p.exitValue()).as("keytool %s: %s", args[0], out).isZero();
    }
}
