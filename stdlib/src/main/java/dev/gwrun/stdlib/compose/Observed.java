package dev.gwrun.stdlib.compose;

import dev.gwrun.stdlib.docker.Engine;
import dev.gwrun.stdlib.docker.Listed;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What the engine holds of a project: its containers, found by Compose's project label (a listing: one call). */
final class Observed {
    /** One container of the project as listed. */
    record Box(String id, String name, String service, int number, boolean oneoff, String state, String status,
               Map<String, String> labels, String image) {
        String hash() { return labels.getOrDefault(Names.CONFIG_HASH, ""); }

        boolean running() { return state.equals("running") || state.equals("restarting"); }
    }

    private Observed() {}

    /** Every container of the project (all states; one-off ones too), by service then number. */
    static List<Box> containers(Engine engine, String project) {
        List<Box> out = new ArrayList<>();
        for (Listed c : Listed.list(engine, true, List.of(Names.PROJECT + "=" + project))) {
            Map<String, String> labels = c.labels();
            String name = c.name();
            int number;
            try {
                number = Integer.parseInt(labels.getOrDefault(Names.NUMBER, "0"));
            } catch (NumberFormatException e) {
                number = 0;
            }
            out.add(new Box(c.id(), name, labels.getOrDefault(Names.SERVICE, ""), number, "True".equalsIgnoreCase(labels.get(Names.ONEOFF)),
                    c.state(), c.status(), labels, c.image()));
        }
        out.sort(Comparator.comparing(Box::service).thenComparingInt(Box::number).thenComparing(Box::name));
        return out;
    }

    /** The service containers (not one-off) by service name, numbers ascending. */
    static Map<String, List<Box>> byService(List<Box> all) {
        Map<String, List<Box>> out = new LinkedHashMap<>();
        for (Box b : all) if (!b.oneoff()) out.computeIfAbsent(b.service(), k -> new ArrayList<>()).add(b);
        return out;
    }
}
