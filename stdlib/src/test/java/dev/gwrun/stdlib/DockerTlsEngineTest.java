package dev.gwrun.stdlib;

import dev.gwrun.runtime.GwrunError;
import dev.gwrun.runtime.HostObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * {@code docker.engine("tcp://…", tls: DIR)} against the real engine behind mutual TLS, as a remote
 * engine with {@code --tlsverify} is reached: the test fronts the local engine socket with a TLS
 * listener that requires a client certificate signed by its CA, and relays each connection to the
 * socket. Certificates are made with openssl, in the PEM files docker's TLS directories hold.
 */
class DockerTlsEngineTest {
    private static final String PASSWORD = "gwrun-test";
    private static Path dir;
    private static SSLServerSocket server;
    private static Thread acceptor;

    @BeforeAll
    static void start() throws Exception {
        DockerTestSupport.requireEngine();
        dir = Files.createTempDirectory("gwrun-docker-tls");
        Path good = Files.createDirectories(dir.resolve("client"));
        Path other = Files.createDirectories(dir.resolve("other-ca"));
        // The CA the engine trusts, the engine's certificate for 127.0.0.1, and a client certificate.
        ca(dir.resolve("ca"));
        signed(dir.resolve("ca"), dir.resolve("server"), "gwrun test engine", "subjectAltName=IP:127.0.0.1", "extendedKeyUsage=serverAuth");
        signed(dir.resolve("ca"), dir.resolve("client"), "gwrun test client", null, "extendedKeyUsage=clientAuth");
        Files.copy(dir.resolve("ca.pem"), good.resolve("ca.pem"));
        Files.move(dir.resolve("client.pem"), good.resolve("cert.pem"));
        Files.move(dir.resolve("client-key.pem"), good.resolve("key.pem"));
        // A directory whose CA never signed the engine's certificate.
        ca(other.resolve("ca"));
        signed(other.resolve("ca"), other.resolve("cert0"), "someone else", null, "extendedKeyUsage=clientAuth");
        Files.move(other.resolve("cert0.pem"), other.resolve("cert.pem"));
        Files.move(other.resolve("cert0-key.pem"), other.resolve("key.pem"));
        // The right CA, but a client certificate the engine's CA never signed.
        Path impostor = Files.createDirectories(dir.resolve("impostor"));
        Files.copy(dir.resolve("ca.pem"), impostor.resolve("ca.pem"));
        Files.copy(other.resolve("cert.pem"), impostor.resolve("cert.pem"));
        Files.copy(other.resolve("key.pem"), impostor.resolve("key.pem"));

        openssl("pkcs12", "-export", "-in", dir.resolve("server.pem").toString(), "-inkey", dir.resolve("server-key.pem").toString(),
                "-out", dir.resolve("server.p12").toString(), "-passout", "pass:" + PASSWORD, "-name", "engine");
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = new FileInputStream(dir.resolve("server.p12").toFile())) {
            keys.load(in, PASSWORD.toCharArray());
        }
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        try (InputStream in = new FileInputStream(dir.resolve("ca.pem").toFile())) {
            trust.setCertificateEntry("ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, PASSWORD.toCharArray());
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        server = (SSLServerSocket) context.getServerSocketFactory().createServerSocket(0, 50, InetAddress.getLoopbackAddress());
        server.setNeedClientAuth(true);
        acceptor = new Thread(DockerTlsEngineTest::acceptLoop, "tls-engine-relay");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    @AfterAll
    static void stop() throws IOException {
        if (server != null) server.close();
        DockerTestSupport.cleanUp();
    }

    /** Relays each TLS connection to the local engine socket, both ways. */
    private static void acceptLoop() {
        while (!server.isClosed()) {
            try {
                SSLSocket client = (SSLSocket) server.accept();
                SocketChannel engine = SocketChannel.open(StandardProtocolFamily.UNIX);
                engine.connect(UnixDomainSocketAddress.of("/var/run/docker.sock"));
                // The channel is read and written directly: Channels' stream adapters share one lock
                // per channel, so a blocked read would hold up every write.
                relay("tls-engine-up", client, engine, () -> {
                    InputStream in = client.getInputStream();
                    byte[] b = new byte[16384];
                    for (int n; (n = in.read(b)) != -1; ) {
                        ByteBuffer buf = ByteBuffer.wrap(b, 0, n);
                        while (buf.hasRemaining()) engine.write(buf);
                    }
                });
                relay("tls-engine-down", client, engine, () -> {
                    OutputStream out = client.getOutputStream();
                    ByteBuffer buf = ByteBuffer.allocate(16384);
                    while (engine.read(buf) != -1) {
                        out.write(buf.array(), 0, buf.position());
                        out.flush();
                        buf.clear();
                    }
                });
            } catch (IOException e) {
                // a refused handshake or the server closing: the client sees the failure
            }
        }
    }

    private interface Pump {
        void run() throws IOException;
    }

    private static void relay(String name, SSLSocket client, SocketChannel engine, Pump pump) {
        Thread t = new Thread(() -> {
            try {
                pump.run();
            } catch (IOException ignored) {
                // either side closed
            } finally {
                try {
                    client.close();
                    engine.close();
                } catch (IOException ignored) {
                    // closing is best effort
                }
            }
        }, name);
        t.setDaemon(true);
        t.start();
    }

    private static String engineUrl() {
        return "tcp://127.0.0.1:" + server.getLocalPort();
    }

    private static Object call(String fn, Object... namesAndValues) throws Exception {
        return HostCalls.call(new TestCallContext(dir), "docker." + fn, namesAndValues);
    }

    @Test
    void aRemoteEngineWithMutualTlsRunsAndInspectsContainers() throws Exception {
        Object remote = call("engine", "host", engineUrl(), "tls", dir.resolve("client").toString());
        assertThat(((HostObject) remote).field("tls")).isEqualTo(true);
        String name = DockerTestSupport.name("over-tls");
        HostObject c = (HostObject) call("run", "name", name, "image", DockerTestSupport.testImage(), "command", List.of("sleep", "600"), "engine", remote);
        assertThat(c.field("state")).isEqualTo("running");
        // The same engine, seen through its local socket, has it.
        assertThat(call("exists", "name", name)).isEqualTo(true);
        assertThat(call("healthy", "name", name, "engine", remote)).isEqualTo(true);
        call("rm", "name", name, "force", true, "engine", remote);
        assertThat(call("exists", "name", name)).isEqualTo(false);
    }

    @Test
    void anEngineWhoseCertificateTheDirectorysCaDidNotSignIsRefusedInOneLine() throws Exception {
        Object stranger = call("engine", "host", engineUrl(), "tls", dir.resolve("other-ca").toString());
        GwrunError e = catchThrowableOfType(() -> call("ps", "engine", stranger), GwrunError.class);
        assertThat(e).isNotNull();
        assertThat(e.getMessage()).isEqualTo("cannot reach the Docker Engine at " + engineUrl() + ": its TLS certificate is not signed by the CA in "
                + dir.resolve("other-ca").resolve("ca.pem"));
    }

    @Test
    void aClientCertificateTheEngineDoesNotTrustIsNamed() throws Exception {
        Object impostor = call("engine", "host", engineUrl(), "tls", dir.resolve("impostor").toString());
        GwrunError e = catchThrowableOfType(() -> call("ps", "engine", impostor), GwrunError.class);
        assertThat(e).isNotNull();
        // TLS 1.3 refuses a client certificate after the handshake: the client sees an alert or a closed connection.
        assertThat(e.getMessage()).startsWith("cannot reach the Docker Engine at " + engineUrl() + ": ")
                .containsAnyOf("it refused the client certificate " + dir.resolve("impostor").resolve("cert.pem") + " (",
                        "it closed the connection, as an engine does when it does not trust the client certificate "
                                + dir.resolve("impostor").resolve("cert.pem") + " (")
                .doesNotContain("Exception");
    }

    // ---- certificates, with openssl ----

    private static void ca(Path base) throws Exception {
        openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=gwrun test CA " + base.getFileName(),
                "-keyout", base + "-key.pem", "-out", base.getParent().resolve("ca.pem").toString());
        Files.move(Path.of(base + "-key.pem"), base.getParent().resolve("ca-key.pem"));
    }

    private static void signed(Path caBase, Path base, String cn, String san, String usage) throws Exception {
        Path caDir = caBase.getParent();
        openssl("req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=" + cn, "-keyout", base + "-key.pem", "-out", base + ".csr");
        Path ext = Path.of(base + ".ext");
        Files.writeString(ext, usage + "\n" + (san == null ? "" : san + "\n"));
        openssl("x509", "-req", "-in", base + ".csr", "-CA", caDir.resolve("ca.pem").toString(), "-CAkey", caDir.resolve("ca-key.pem").toString(),
                "-CAcreateserial", "-days", "2", "-extfile", ext.toString(), "-out", base + ".pem");
    }

    private static void openssl(String... args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add("openssl");
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("openssl finished").isTrue();
        assertThat(p.exitValue()).as("openssl %s: %s", args[0], out).isZero();
    }
}
