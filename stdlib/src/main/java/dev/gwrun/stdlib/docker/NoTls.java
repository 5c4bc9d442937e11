package dev.gwrun.stdlib.docker;

import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLContextSpi;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLServerSocketFactory;
import javax.net.ssl.SSLSessionContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import java.security.SecureRandom;

/**
 * The SSL context of a connection to a local engine socket, which never speaks TLS: it starts
 * nothing (no TLS provider, no trust store) and refuses every use.
 */
final class NoTls extends SSLContext {
    NoTls() {
        super(new Refusing(), null, "none");
    }

    private static final class Refusing extends SSLContextSpi {
        private static IllegalStateException refused() {
            return new IllegalStateException("TLS is not used on a local Docker Engine socket");
        }

        @Override protected void engineInit(KeyManager[] km, TrustManager[] tm, SecureRandom sr) { throw refused(); }

        @Override protected SSLSocketFactory engineGetSocketFactory() { throw refused(); }

        @Override protected SSLServerSocketFactory engineGetServerSocketFactory() { throw refused(); }

        @Override protected SSLEngine engineCreateSSLEngine() { throw refused(); }

        @Override protected SSLEngine engineCreateSSLEngine(String host, int port) { throw refused(); }

        @Override protected SSLSessionContext engineGetServerSessionContext() { throw refused(); }

        @Override protected SSLSessionContext engineGetClientSessionContext() { throw refused(); }
    }
}
