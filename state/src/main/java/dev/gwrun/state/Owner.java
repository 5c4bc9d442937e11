package dev.gwrun.state;

import java.net.InetAddress;
import java.time.Instant;

/** Who holds a lock, as shown to whoever waits for it. */
public record Owner(String host, long pid, String user, String runId) {

    /** This process, running the given run. */
    public static Owner current(String runId) {
        return new Owner(hostName(), ProcessHandle.current().pid(), System.getProperty("user.name", "unknown"), runId);
    }

    public static String hostName() {
        String env = System.getenv("HOSTNAME");
        if (env != null && !env.isBlank()) return env;
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            return "unknown-host";
        }
    }

    /** "deploy@ci-7 (pid 4121, run 20261122T142501Z-ab12)". */
    public String describe() {
        return user + "@" + host + " (pid " + pid + (runId == null ? "" : ", run " + runId) + ")";
    }

    /** "deploy@ci-7 (pid 4121, run …) since 14:25:01Z". */
    public static String holder(Owner o, Instant since) {
        return o.describe() + (since == null ? "" : " since " + since.truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
    }
}
