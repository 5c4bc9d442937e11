package dev.gwrun.cli;

import dev.gwrun.runtime.Json;
import dev.gwrun.state.RunRecord;
import dev.gwrun.state.StateStore;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code gwrun runs}: recent runs, newest first. */
@Command(name = "runs", addMethodSubcommands = false, mixinStandardHelpOptions = true,
        description = {"Lists recent runs, newest first: id, runbook, start, outcome and the step that failed.",
                "A run that was killed (no end recorded) shows as interrupted."})
final class RunsCommand implements Callable<Integer> {
    @CommandLine.Mixin
    StateOption state = new StateOption();

    @CommandLine.Mixin
    CommonOptions common;

    @Option(names = {"-n", "--limit"}, paramLabel = "N", description = "How many runs to list (default: 20).")
    int limit = 20;

    @Option(names = "--json", description = "One JSON array instead of a table.")
    boolean json;

    @Override
    public Integer call() {
        PrintWriter out = common.out(), err = common.err();
        List<RunRecord> runs;
        try (StateStore store = state.open()) {
            runs = store.recent(Math.max(1, limit));
        } catch (IOException e) {
            err.println("gwrun: cannot read run records: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        if (json) {
            List<Object> rows = new ArrayList<>();
            for (RunRecord r : runs) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("id", r.id());
                m.put("runbook", r.header().runbook());
                m.put("started", r.header().started().toString());
                m.put("outcome", RunViews.outcome(r));
                m.put("failed_step", r.failedStep());
                m.put("resumed_from", r.header().resumedFrom());
                rows.add(m);
            }
            out.println(Json.write(rows));
            return ExitCodes.OK;
        }
        if (runs.isEmpty()) {
            out.println("no runs recorded yet");
            return ExitCodes.OK;
        }
        String[] head = {"RUN", "RUNBOOK", "STARTED", "OUTCOME", "FAILED STEP"};
        List<String[]> rows = new ArrayList<>();
        rows.add(head);
        for (RunRecord r : runs) {
            rows.add(new String[] {r.id(), RunViews.runbook(r.header().runbook()), RunViews.time(r.header().started()),
                    RunViews.outcome(r), r.failedStep() == null ? "" : r.failedStep()});
        }
        int[] width = new int[head.length];
        for (String[] row : rows) for (int i = 0; i < row.length; i++) width[i] = Math.max(width[i], row[i].length());
        for (String[] row : rows) {
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < row.length; i++) b.append(i == row.length - 1 ? row[i] : RunViews.pad(row[i], width[i] + 2));
            out.println(b.toString().stripTrailing());
        }
        return ExitCodes.OK;
    }
}
