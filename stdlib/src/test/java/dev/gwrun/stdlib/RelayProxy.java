package dev.gwrun.stdlib;

/**
 * The two shell commands (busybox) of the services a rollout or an update is measured on with a
 * {@link VersionProbe}: the API, and the front proxy the probe talks to.
 */
public final class RelayProxy {
    private RelayProxy() {}

    /** busybox httpd on port 8000 serving /version (the VERSION variable) and, unless BROKEN is set, /health. */
    public static final String API = "mkdir -p /www && echo $VERSION > /www/version && if [ -z \"$BROKEN\" ]; then echo ok > /www/health; fi"
            + " && echo started version $VERSION && exec httpd -f -p 8000 -h /www";

    /**
     * The front proxy on port 8000: for each connection, read the request, relay it to "api 8000" and, when the
     * upstream gave no answer (connection refused or cut), try again, as nginx does for an idempotent request.
     */
    public static final String PROXY = String.join("\n",
            "cat > /relay.sh <<'EOF'",
            "#!/bin/sh",
            "f=/tmp/q.$$",
            ": > $f",
            "while IFS= read -r h; do printf '%s\\n' \"$h\" >> $f; case \"$h\" in \"$(printf '\\r')\"|\"\") break;; esac; done",
            "i=0",
            "while [ $i -lt 30 ]; do",
            "  if nc -w 3 api 8000 < $f > $f.r 2>/dev/null && [ -s $f.r ]; then cat $f.r; rm -f $f $f.r; exit 0; fi",
            "  i=$((i+1)); sleep 0.1",
            "done",
            "rm -f $f $f.r; exit 1",
            "EOF",
            "chmod +x /relay.sh",
            "exec nc -ll -p 8000 -e /relay.sh");
}
