package dev.gwrun.stdlib.compose.model;

/**
 * A service's use of a secret or config, long form. {@code target} defaults to /run/secrets/&lt;source&gt;
 * for a secret and /&lt;source&gt; for a config; {@code mode} is octal as written, parsed.
 */
public record FileRef(String source, String target, String uid, String gid, Integer mode) {
}
