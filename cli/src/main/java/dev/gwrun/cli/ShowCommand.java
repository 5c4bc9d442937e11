package dev.gwrun.cli;

import dev.gwrun.runtime.Durations;
import dev.gwrun.runtime.Json;
import dev.gwrun.state.RunRecord;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code gwrun show RUN}: one run's header, its steps with outcome and duration, and its failure. */
@Command(name = "show", addMethodSubcommands = false, mixinStandardHelpOptions = true,
        description = "Prints one run: its runbook, params, who ran it, each step's outcome and duration, and the failure.")
final class ShowCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "RUN", description = "A run id (or a prefix only one id has), or 'last'.")
    String run;

    @CommandLine.Mixin
    StateOption state = new StateOption();

    @CommandLine.Mixin
    CommonOptions common;

    @Option(names = "--json", description = "The header, the steps and every recorded event, as JSON.")
    boolean json;

    @Override
    public Integer call() {
        PrintWriter out = common.out(), err = common.err();
        RunRecord r = state.load(run, err);
        if (r == null) return ExitCodes.USAGE;
        if (json) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("header", r.header().toJson());
            m.put("outcome", RunViews.outcome(r));
            m.put("failed_step", r.failedStep());
            m.put("message", r.message());
            m.put("events", r.events());
            out.println(Json.write(m));
            return ExitCodes.OK;
        }
        var h = r.header();
        out.println("run " + r.id() + (h.resumedFrom() == null ? "" : " (resumes run " + h.resumedFrom() + ")"));
        out.println("  runbook  " + RunViews.runbook(h.runbook()));
        out.println("  sha256   " + h.sha256());
        if (!h.params().isEmpty()) {
            out.println("  params   " + String.join(" ", h.params().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList()));
        }
        if (!h.locks().isEmpty()) out.println("  locks    " + String.join(", ", h.locks()));
        out.println("  started  " + RunViews.time(h.started()) + " by " + h.user() + "@" + h.host() + " (pid " + h.pid() + "), gwrun " + h.version());
        String ended = RunViews.stillRunning(r) ? " (for " + Durations.elapsed(r.elapsed()) + " so far)"
                : r.cutShort() ? " (no end recorded: killed, or still running elsewhere)" : " after " + Durations.elapsed(r.elapsed());
        out.println("  outcome  " + RunViews.outcome(r) + ended);
        List<RunRecord.StepView> steps = r.steps();
        Map<String, List<String>> bound = new LinkedHashMap<>();
        for (RunRecord.Completion c : r.completions()) bound.put(c.path(), List.copyOf(c.values().keySet()));
        if (!steps.isEmpty()) {
            out.println("steps");
            int width = 0;
            for (RunRecord.StepView s : steps) width = Math.max(width, (int) (2 * s.depth()) + s.name().length());
            for (RunRecord.StepView s : steps) {
                String mark = switch (s.outcome()) {
                    case "SUCCEEDED" -> "✓";
                    case "RECOVERED" -> "↺";
                    case "SKIPPED" -> "–";
                    case "INTERRUPTED" -> "⋯";
                    default -> "✖";
                };
                String name = "  ".repeat((int) Math.max(0, s.depth() - 1)) + s.name();
                String time = s.elapsed() == null ? "" : Durations.elapsed(s.elapsed());
                StringBuilder line = new StringBuilder("  " + mark + " " + RunViews.pad(name, width + 2) + RunViews.pad(time, 8));
                line.append(s.outcome().toLowerCase().replace('_', ' '));
                if (s.message() != null) line.append(": ").append(s.message());
                List<String> names = bound.get(s.path());
                if (names != null && !names.isEmpty()) line.append(" (bound ").append(String.join(", ", names)).append(")");
                out.println(line.toString().stripTrailing());
            }
        }
        if (!r.succeeded() && !RunViews.stillRunning(r)) {
            out.println("failure");
            String step = r.failedStep() == null ? "" : "in step '" + r.failedStep() + "'";
            String where = r.location() == null ? "" : (step.isEmpty() ? "at " : " at ") + r.location();
            String prefix = step + where;
            out.println("  " + (prefix.isEmpty() ? "" : prefix + ": ") + (r.message() == null ? RunViews.outcome(r) : r.message()));
            out.println("continue it with: gwrun resume " + r.id());
        }
        return ExitCodes.OK;
    }
}
