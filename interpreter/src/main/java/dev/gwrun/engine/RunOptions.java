package dev.gwrun.engine;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/** How to run: params as given on the command line, environment overrides, and where events go. */
public final class RunOptions {
    public Map<String, String> params = new LinkedHashMap<>();
    public Map<String, String> env = new LinkedHashMap<>();
    public boolean assumeYes;
    public Prompter prompter = Prompter.NONE;
    public EventSink sink = e -> { };
    public Masker masker = new Masker();
    public RunControl control = new RunControl();
    public Clock clock = Clock.systemUTC();
}
