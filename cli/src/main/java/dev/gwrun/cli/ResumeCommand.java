package dev.gwrun.cli;

import dev.gwrun.engine.BoundValues;
import dev.gwrun.params.Masker;
import dev.gwrun.state.RunRecord;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code gwrun resume RUN}: runs the same runbook again with the same params, skipping the steps
 * that succeeded in RUN (their bound values restored) so it continues at the step that failed or
 * was interrupted. The resumed run gets a record of its own that names RUN.
 */
@Command(name = "resume", addMethodSubcommands = false, mixinStandardHelpOptions = true,
        description = {"Continues a failed or interrupted run: same runbook, same params, skipping the steps that succeeded "
                + "(restoring the values they bound).",
                "Secrets are read from the environment again: they are never stored.",
                "Refuses when the runbook changed since the run, unless --force."})
final class ResumeCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "RUN", description = "A run id (or a prefix only one id has), or 'last'.")
    String run;

    @Option(names = {"-p", "--param"}, paramLabel = "NAME=VALUE",
            description = "Gives a secret param again: its value was masked, never stored (repeatable; other params keep the run's values).")
    Map<String, String> secrets = new LinkedHashMap<>();

    @Option(names = "--force", description = "Resume even though the runbook file changed since the run.")
    boolean force;

    @Option(names = "--env-file", paramLabel = "FILE", description = "Env files to read (default: those the run read).")
    List<Path> envFiles;

    @Option(names = {"-y", "--yes"}, description = "Answers yes to every confirm.")
    boolean yes;

    @Option(names = "--lock", paramLabel = "NAME", description = "Locks to hold for the run (default: those the run held).")
    List<String> locks;

    @Option(names = "--lock-wait", paramLabel = "DURATION", description = "Waits up to DURATION for a --lock held by someone else.")
    String lockWait;

    @CommandLine.Mixin
    CommonOptions common;

    @CommandLine.Mixin
    StateOption state = new StateOption();

    @Override
    public Integer call() {
        PrintWriter out = common.out(), err = common.err();
        RunRecord r = state.load(run, err);
        if (r == null) return ExitCodes.USAGE;
        String refusal = refusal(r);
        if (refusal != null) {
            err.println("gwrun: " + refusal);
            return ExitCodes.USAGE;
        }
        RunCommand runner = new RunCommand();
        runner.file = RunViews.runbook(r.header().runbook());
        runner.params = new LinkedHashMap<>(r.header().params());
        runner.params.putAll(secrets);
        runner.envFiles = envFiles != null ? envFiles : r.header().envFiles().stream().map(Path::of).toList();
        runner.yes = yes;
        runner.common = common;
        runner.state = state;
        runner.locks = locks != null ? new ArrayList<>(locks) : new ArrayList<>(r.header().locks());
        runner.lockWait = lockWait;
        runner.resuming = r;
        int skipping = outermost(r.completions()).size();
        String at = startingStep(r);
        out.println("resuming run " + r.id() + (at == null ? "" : " at step '" + at + "'") + " (skipping " + skipping
                + " step" + (skipping == 1 ? "" : "s") + " that succeeded)");
        out.flush();
        return runner.call();
    }

    /** Why this run cannot be resumed, or null. */
    private String refusal(RunRecord r) {
        if (RunViews.stillRunning(r)) {
            return "run " + r.id() + " is still running (pid " + r.header().pid() + " on this host): wait for it to end, or stop it, before resuming";
        }
        if (r.succeeded()) return "run " + r.id() + " succeeded: there is nothing to resume (start a new one with 'gwrun run')";
        Path file = Path.of(r.header().runbook());
        if (!Files.isRegularFile(file)) return "cannot resume run " + r.id() + ": its runbook " + file + " is gone";
        String now;
        try {
            now = RunRecording.sha256(file);
        } catch (IOException e) {
            return "cannot resume run " + r.id() + ": cannot read " + file + ": " + e.getMessage();
        }
        if (!now.equals(r.header().sha256()) && !force) {
            return RunViews.runbook(file.toString()) + " changed since run " + r.id() + " (sha256 " + r.header().sha256().substring(0, 12)
                    + "… then, " + now.substring(0, 12) + "… now): steps may have moved, so resuming could skip the wrong ones. "
                    + "Check the change, then resume with --force";
        }
        List<String> masked = masked(r);
        for (String name : secrets.keySet()) {
            if (!masked.contains(name)) {
                return "-p " + name + ": resume keeps the params of run " + r.id() + "; -p gives only those that held a secret"
                        + (masked.isEmpty() ? " (it had none)" : " (" + String.join(", ", masked) + ")");
            }
        }
        for (String name : masked) {
            if (!secrets.containsKey(name)) {
                return "cannot resume run " + r.id() + ": param '" + name + "' held a secret, and secrets are never stored; give it again with -p "
                        + name + "=…";
            }
        }
        for (RunRecord.Completion c : outermost(r.completions())) {
            for (Map.Entry<String, Object> v : c.values().entrySet()) {
                String problem = BoundValues.problem(v.getValue());
                if (problem != null) {
                    return "cannot resume run " + r.id() + ": step '" + c.path() + "' bound '" + v.getKey() + "' to " + problem
                            + ", so the step cannot be skipped; start a new run with 'gwrun run'";
                }
            }
        }
        return null;
    }

    /** The params whose recorded value was masked: they held a secret. */
    private static List<String> masked(RunRecord r) {
        List<String> out = new ArrayList<>();
        r.header().params().forEach((k, v) -> {
            if (v != null && v.contains(Masker.MASK)) out.add(k);
        });
        return out;
    }

    /** Completions not inside another completed step: what resume skips as a whole. */
    static List<RunRecord.Completion> outermost(List<RunRecord.Completion> all) {
        List<RunRecord.Completion> out = new ArrayList<>();
        for (RunRecord.Completion c : all) {
            boolean inside = false;
            for (RunRecord.Completion o : all) {
                if (o != c && c.key().startsWith(o.path() + " › ")) {
                    inside = true;
                    break;
                }
            }
            if (!inside) out.add(c);
        }
        return out;
    }

    private static String startingStep(RunRecord r) {
        if (r.failedStep() != null) return r.failedStep();
        for (RunRecord.StepView s : r.steps()) {
            if (!s.outcome().equals("SUCCEEDED") && !s.outcome().equals("RECOVERED") && !s.outcome().equals("SKIPPED")) return s.name();
        }
        return null;
    }
}
