package dev.gwrun.engine;

import java.util.ArrayList;
import java.util.List;

/** Where a statement runs: the names of the steps around it, outermost first. */
public record StepPath(List<String> names) {
    public static final StepPath ROOT = new StepPath(List.of());

    public StepPath child(String name) {
        List<String> n = new ArrayList<>(names);
        n.add(name);
        return new StepPath(List.copyOf(n));
    }

    public int depth() { return names.size(); }

    public String leaf() { return names.isEmpty() ? null : names.get(names.size() - 1); }

    @Override
    public String toString() { return String.join(" › ", names); }
}
