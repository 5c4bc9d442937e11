package dev.gwrun.stdlib;

import dev.gwrun.host.Registry;
import dev.gwrun.runtime.GwrunError;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/**
 * A test of one stdlib module called through the registry, as the interpreter calls it, against the real Docker
 * Engine ({@link TestEngine}: the busybox test image before the class, everything the run made removed after
 * it); each test gets a fresh call context in a temporary directory of its own.
 */
public abstract class EngineModuleTest {
    protected static final Registry REGISTRY = StandardLibrary.registry();
    @RegisterExtension protected static final TestEngine ENGINE = new TestEngine();

    private final String module;
    @TempDir protected Path dir;
    protected TestCallContext ctx;

    /** @param module the module's name, which {@link #call} and {@link #failure} put before a function's */
    protected EngineModuleTest(String module) {
        this.module = module;
    }

    @BeforeEach
    void newCallContext() {
        ctx = new TestCallContext(dir);
    }

    /** Calls the module's function {@code fn} with arguments given as name, value, name, value, … */
    protected Object call(String fn, Object... namesAndValues) throws Exception {
        return HostCalls.call(ctx, module + "." + fn, namesAndValues);
    }

    /** The runbook error the call fails with, or null when it does not fail. */
    protected GwrunError failure(String fn, Object... namesAndValues) {
        return HostCalls.failure(ctx, module + "." + fn, namesAndValues);
    }
}
