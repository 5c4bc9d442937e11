package dev.gwrun.stdlib.flyway;

import org.flywaydb.core.api.logging.Log;
import org.flywaydb.core.api.logging.LogCreator;
import org.flywaydb.core.api.logging.LogFactory;

/**
 * Silences Flyway's own logging: it would print banners and per-migration lines on the terminal
 * beside gwrun's events. What a runbook author needs (applied migrations, failures) gwrun reports
 * itself, once, through the masker.
 */
final class QuietFlywayLog implements Log {
    private static volatile boolean installed;

    static void install() {
        if (installed) return;
        synchronized (QuietFlywayLog.class) {
            if (installed) return;
            LogCreator quiet = clazz -> new QuietFlywayLog();
            LogFactory.setLogCreator(quiet);
            LogFactory.setFallbackLogCreator(quiet);
            installed = true;
        }
    }

    @Override public boolean isDebugEnabled() { return false; }

    @Override public void debug(String message) {}

    @Override public void info(String message) {}

    @Override public void warn(String message) {}

    @Override public void error(String message) {}

    @Override public void error(String message, Exception e) {}

    @Override public void notice(String message) {}
}
