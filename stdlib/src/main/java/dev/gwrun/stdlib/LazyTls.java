package dev.gwrun.stdlib;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;

/**
 * TLS for the http module's client, set up on the first https connection instead of when the
 * client is built. okhttp builds the JVM's TLS context (the TLS provider, every CA certificate of
 * the trust store) as soon as a client is made, about 0.1 s of a cold start, and most runbooks
 * only ever probe http:// health endpoints.
 *
 * <p>Trust is exactly okhttp's default: a "TLS" context over the platform's default trust manager.
 * The one difference is {@link #trustManager()}'s {@code getAcceptedIssuers()}, which okhttp reads
 * only to check certificate pins; gwrun sets no pins, so it answers with none rather than loading
 * the trust store to build an index nobody reads.
 */
final class LazyTls {
    private LazyTls() {}

    /** The default trust manager and a context over it, made on first use. */
    private static final class Real {
        static final X509ExtendedTrustManager TRUST;
        static final SSLSocketFactory FACTORY;

        static {
            try {
                TrustManagerFactory f = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                f.init((KeyStore) null);
                X509ExtendedTrustManager found = null;
                for (TrustManager tm : f.getTrustManagers()) {
                    if (tm instanceof X509ExtendedTrustManager x) found = x;
                }
                if (found == null) throw new IllegalStateException("the JVM has no X.509 trust manager");
                SSLContext context = SSLContext.getInstance("TLS");
                context.init(null, new TrustManager[] {found}, null);
                TRUST = found;
                FACTORY = context.getSocketFactory();
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("cannot set up TLS: " + e.getMessage(), e);
            }
        }
    }

    /** The real factory; a JVM that cannot set up TLS (a broken trust store) fails the connection, not gwrun. */
    private static SSLSocketFactory factory() throws IOException {
        try {
            return Real.FACTORY;
        } catch (ExceptionInInitializerError | NoClassDefFoundError e) {
            throw new IOException(problem(e));
        }
    }

    private static X509ExtendedTrustManager trust() throws CertificateException {
        try {
            return Real.TRUST;
        } catch (ExceptionInInitializerError | NoClassDefFoundError e) {
            throw new CertificateException(problem(e));
        }
    }

    private static String problem(Throwable e) {
        Throwable cause = e instanceof ExceptionInInitializerError i && i.getCause() != null ? i.getCause() : e;
        return cause.getMessage() != null ? cause.getMessage() : "cannot set up TLS (" + cause.getClass().getSimpleName() + ")";
    }

    static SSLSocketFactory socketFactory() {
        return new SSLSocketFactory() {
            @Override public String[] getDefaultCipherSuites() { return Real.FACTORY.getDefaultCipherSuites(); }

            @Override public String[] getSupportedCipherSuites() { return Real.FACTORY.getSupportedCipherSuites(); }

            @Override public Socket createSocket() throws IOException { return factory().createSocket(); }

            @Override
            public Socket createSocket(Socket s, String host, int port, boolean autoClose) throws IOException {
                return factory().createSocket(s, host, port, autoClose);
            }

            @Override public Socket createSocket(String host, int port) throws IOException { return factory().createSocket(host, port); }

            @Override
            public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
                return factory().createSocket(host, port, localHost, localPort);
            }

            @Override public Socket createSocket(InetAddress host, int port) throws IOException { return factory().createSocket(host, port); }

            @Override
            public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) throws IOException {
                return factory().createSocket(address, port, localAddress, localPort);
            }
        };
    }

    static X509TrustManager trustManager() {
        return new X509ExtendedTrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
                trust().checkClientTrusted(chain, authType, socket);
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
                trust().checkServerTrusted(chain, authType, socket);
            }

            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
                trust().checkClientTrusted(chain, authType, engine);
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
                trust().checkServerTrusted(chain, authType, engine);
            }

            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
                trust().checkClientTrusted(chain, authType);
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
                trust().checkServerTrusted(chain, authType);
            }

            /** Read by okhttp only to index roots for certificate pinning, which gwrun does not use. */
            @Override public X509Certificate[] getAcceptedIssuers() { return new X509Certificate[0]; }
        };
    }
}
