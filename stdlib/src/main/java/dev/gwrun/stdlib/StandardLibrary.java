package dev.gwrun.stdlib;

import dev.gwrun.host.HostModule;
import dev.gwrun.host.Registry;

import java.util.List;

/**
 * The one table of standard-library modules. The checker, the evaluator, `plan` and the REPL's
 * completion all read signatures from the registry built here.
 */
public final class StandardLibrary {
    private StandardLibrary() {}

    public static List<HostModule> modules() {
        return List.of(
                new CoreModule(),
                new ShModule(),
                new HttpModule(),
                new PrometheusModule(),
                new NotifyModule(),
                new dev.gwrun.stdlib.docker.DockerModule(),
                new dev.gwrun.stdlib.compose.ComposeModule(),
                new dev.gwrun.stdlib.swarm.SwarmModule(),
                new dev.gwrun.stdlib.flyway.FlywayModule(),
                new dev.gwrun.stdlib.backup.BackupModule());
    }

    public static Registry registry() {
        return new Registry(modules());
    }
}
