package dev.gwrun.stdlib;

import dev.gwrun.host.HostFunction;
import dev.gwrun.host.HostModule;

import java.util.List;

/** Placeholder: being written. */
final class HttpModule implements HostModule {
    @Override public String name() { return "http"; }

    @Override public String doc() { return ""; }

    @Override public List<HostFunction> functions() { return List.of(); }
}
