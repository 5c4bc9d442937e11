package dev.gwrun.stdlib;

import dev.gwrun.host.Args;
import dev.gwrun.runtime.GwrunError;
import dev.gwrun.runtime.Values;
import okhttp3.Headers;
import okhttp3.OkHttpClient;

import java.time.Duration;
import java.util.Map;

/** What the http, notify and prometheus modules share: one okhttp client and the reading of a headers: argument. */
final class HttpClients {
    private HttpClients() {}

    /**
     * The client every module derives its own from with {@code newBuilder()} (one connection pool, one
     * dispatcher), so each call's {@code callTimeout} is the only limit users see: okhttp's 10 s read
     * default would otherwise cut off a slow answer that timeout: 60s allowed.
     */
    static OkHttpClient shared() {
        return Shared.CLIENT;
    }

    /**
     * The {@code headers:} map as request headers (null values left out); a header okhttp refuses fails
     * with {@code kind}, naming the header only: okhttp's own message quotes the value, which may be a token.
     */
    static Headers headers(Args args, String kind) {
        Headers.Builder b = new Headers.Builder();
        for (Map.Entry<String, Object> e : args.map("headers").entrySet()) {
            if (e.getValue() == null) continue;
            try {
                b.add(e.getKey(), Values.str(e.getValue()));
            } catch (IllegalArgumentException bad) {
                throw new GwrunError(kind, args.signature().name() + ": header '" + e.getKey()
                        + "' has a name or value with characters HTTP does not allow (control characters or non-ASCII)");
            }
        }
        return b.build();
    }

    /** Built on first use, so runbooks that never make a request pay nothing for okhttp's threads and pool. */
    private static final class Shared {
        static final OkHttpClient CLIENT = new OkHttpClient.Builder()
                .sslSocketFactory(LazyTls.socketFactory(), LazyTls.trustManager())
                .connectTimeout(Duration.ZERO)
                .readTimeout(Duration.ZERO)
                .writeTimeout(Duration.ZERO)
                .build();
    }
}
