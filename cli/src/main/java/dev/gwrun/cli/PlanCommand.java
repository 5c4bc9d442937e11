package dev.gwrun.cli;

import dev.gwrun.params.Masker;
import dev.gwrun.host.Registry;
import dev.gwrun.plan.Plan;
import dev.gwrun.plan.PlanRenderer;
import dev.gwrun.plan.Planner;
import dev.gwrun.stdlib.StandardLibrary;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code gwrun plan FILE -p …}: what a run would do, without changing anything. */
@Command(name = "plan", addMethodSubcommands = false, mixinStandardHelpOptions = true,
        description = {"Shows what a run would do, without changing anything: the steps in order with the params "
                + "resolved, each stdlib call marked read-only or changing, guards and 'when' conditions evaluated "
                + "where their inputs are known.",
                "Changing calls are never made; read-only calls only with --probe."})
final class PlanCommand implements Callable<Integer> {
    enum Format { text, markdown, json }

    @Parameters(index = "0", paramLabel = "FILE", description = "The .gwrun file to plan.")
    String file;

    @Option(names = {"-p", "--param"}, paramLabel = "NAME=VALUE", description = "Sets a param (repeatable), as for run.")
    Map<String, String> params = new LinkedHashMap<>();

    @Option(names = "--probe", description = "Make the read-only calls (HTTP GETs, env(), docker ps …) to show what they return. secret() is never read.")
    boolean probe;

    @Option(names = "--env-file", paramLabel = "FILE", description = "KEY=VALUE lines for env() when probing (repeatable).")
    List<Path> envFiles = new ArrayList<>();

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text", description = "text (default), markdown (for a PR comment) or json.")
    Format format;

    @CommandLine.Mixin
    CommonOptions common;

    @Override
    public Integer call() {
        PrintWriter out = common.out(), err = common.err();
        Registry registry = StandardLibrary.registry();
        Loader.Loaded loaded = Loader.load(file, registry);
        if (common.reportInvalid(loaded)) {
            if (loaded.readError() != null) return ExitCodes.USAGE;
            err.println("gwrun: " + file + " has errors; nothing was planned");
            return ExitCodes.INVALID;
        }
        Map<String, String> env = new LinkedHashMap<>(System.getenv());
        Map<String, String> files = EnvFile.readAll(envFiles, err);
        if (files == null) return ExitCodes.USAGE;
        env.putAll(files);
        Plan plan;
        try {
            plan = Planner.plan(loaded.runbook(), params, registry, probe, env);
        } catch (IllegalArgumentException e) {
            for (String line : e.getMessage().split("\n")) err.println("gwrun: " + line);
            err.println("Try 'gwrun plan --help' for more information.");
            return ExitCodes.USAGE;
        }
        String rendered = switch (format) {
            case text -> PlanRenderer.text(plan);
            case markdown -> PlanRenderer.markdown(plan);
            case json -> PlanRenderer.json(plan);
        };
        // A plan goes into pull-request comments and CI logs: the password of any URL among the values
        // (a param given as postgresql://app:pw@db/app) is masked as a run masks it, and so is that password
        // wherever the plan shows it on its own.
        out.print(new Masker().mask(rendered));
        out.flush();
        return ExitCodes.OK;
    }
}
