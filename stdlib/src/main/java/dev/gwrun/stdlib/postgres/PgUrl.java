package dev.gwrun.stdlib.postgres;

import dev.gwrun.host.CallContext;
import dev.gwrun.runtime.GwrunError;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A PostgreSQL connection string, in either of the forms teams write: {@code postgresql://user:pass@host:5432/db}
 * (the form of the env files) or {@code jdbc:postgresql://host:5432/db?user=…&password=…}. Credentials are
 * kept apart from the URL, so the JDBC URL and the libpq environment never carry the password in a
 * place that gets printed.
 *
 * @param host     host name, "localhost" when none is written
 * @param port     port, 5432 when none is written
 * @param database database name, the user's name when none is written (as libpq does)
 * @param user     role, or null to let the driver choose
 * @param password password, or null
 * @param options  other query parameters (sslmode, …), passed to the driver and to libpq
 */
public record PgUrl(String host, int port, String database, String user, String password, Map<String, String> options) {

    /** Parses {@code url}; {@code user}/{@code password}, when not null, take precedence over the URL's own. */
    public static PgUrl parse(String url, String user, String password, String function) {
        String rest;
        if (url.startsWith("jdbc:postgresql://")) rest = url.substring("jdbc:postgresql://".length());
        else if (url.startsWith("postgresql://")) rest = url.substring("postgresql://".length());
        else if (url.startsWith("postgres://")) rest = url.substring("postgres://".length());
        else throw new GwrunError("type", function + ": the database URL must start with postgresql:// or jdbc:postgresql://, got "
                + redact(url));
        String query = "";
        int q = rest.indexOf('?');
        if (q >= 0) {
            query = rest.substring(q + 1);
            rest = rest.substring(0, q);
        }
        String urlUser = null, urlPassword = null;
        int at = rest.lastIndexOf('@');
        if (at >= 0) {
            String info = rest.substring(0, at);
            rest = rest.substring(at + 1);
            int colon = info.indexOf(':');
            urlUser = decode(colon >= 0 ? info.substring(0, colon) : info);
            if (colon >= 0) urlPassword = decode(info.substring(colon + 1));
        }
        String hostPort = rest, database = null;
        int slash = rest.indexOf('/');
        if (slash >= 0) {
            hostPort = rest.substring(0, slash);
            database = decode(rest.substring(slash + 1));
        }
        String host = hostPort;
        int port = 5432;
        int colon = hostPort.lastIndexOf(':');
        if (colon >= 0 && !hostPort.endsWith("]")) {
            host = hostPort.substring(0, colon);
            try {
                port = Integer.parseInt(hostPort.substring(colon + 1));
            } catch (NumberFormatException e) {
                throw new GwrunError("type", function + ": the port in " + redact(url) + " is not a number");
            }
        }
        if (host.isEmpty()) host = "localhost";
        Map<String, String> options = new LinkedHashMap<>();
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) continue;
            int eq = pair.indexOf('=');
            String k = decode(eq >= 0 ? pair.substring(0, eq) : pair), v = eq >= 0 ? decode(pair.substring(eq + 1)) : "";
            if (k.equals("user")) urlUser = v;
            else if (k.equals("password")) urlPassword = v;
            else options.put(k, v);
        }
        String u = user != null ? user : urlUser;
        String p = password != null ? password : urlPassword;
        if (database == null || database.isEmpty()) database = u != null ? u : "postgres";
        return new PgUrl(host, port, database, u, p, Map.copyOf(options));
    }

    /** Masks the password everywhere this run prints, in its plain and its URL-encoded spellings. */
    public PgUrl registerSecrets(CallContext ctx) {
        if (password != null && !password.isEmpty()) {
            ctx.registerSecret(password);
            String encoded = java.net.URLEncoder.encode(password, StandardCharsets.UTF_8).replace("+", "%20");
            if (!encoded.equals(password)) ctx.registerSecret(encoded);
        }
        return this;
    }

    /** The JDBC URL without credentials: they go to the driver separately. */
    public String jdbcUrl() {
        StringBuilder b = new StringBuilder("jdbc:postgresql://").append(host).append(':').append(port).append('/').append(database);
        char sep = '?';
        for (Map.Entry<String, String> e : options.entrySet()) {
            b.append(sep).append(e.getKey()).append('=').append(java.net.URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8));
            sep = '&';
        }
        return b.toString();
    }

    /** The same server with another database (for CREATE DATABASE and friends). */
    public PgUrl withDatabase(String db) {
        return new PgUrl(host, port, db, user, password, options);
    }

    /** How messages name the database: {@code gwrun@127.0.0.1:5432/app}, never with the password. */
    public String display() {
        return (user == null ? "" : user + "@") + host + ":" + port + "/" + database;
    }

    /** The libpq environment for pg_dump and pg_restore: the password travels here, never on a command line. */
    public Map<String, String> libpqEnvironment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PGHOST", host);
        env.put("PGPORT", String.valueOf(port));
        env.put("PGDATABASE", database);
        if (user != null) env.put("PGUSER", user);
        if (password != null) env.put("PGPASSWORD", password);
        String ssl = options.get("sslmode");
        if (ssl != null) env.put("PGSSLMODE", ssl);
        return env;
    }

    /** The URL with any password replaced by ***, for errors about a URL that could not be parsed. */
    static String redact(String url) {
        return url.replaceAll("(//[^/@:]*:)[^@/]*@", "$1***@").replaceAll("(?i)(password=)[^&]*", "$1***");
    }

    private static String decode(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
