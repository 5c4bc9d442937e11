package dev.gwrun.cli.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A strict reader of the OpenMetrics text format (1.0.0) for tests: it rejects what the spec does
 * (no {@code # EOF} last, a blank line, a sample before its family's TYPE, a sample name its family's
 * type does not allow, a malformed label set, a unit that is not the name's suffix, a repeated family,
 * histogram buckets out of order or not cumulative, or a {@code +Inf} bucket that is not the count),
 * so a file gwrun writes is read back the way a scraper would read it.
 */
final class OpenMetricsParser {
    record Sample(String name, Map<String, String> labels, double value) {}

    static final class Family {
        final String name;
        String type;
        String help;
        String unit;
        final List<Sample> samples = new ArrayList<>();

        Family(String name) { this.name = name; }

        /** The value of the one sample with this name and exactly these labels; fails if there is not exactly one. */
        double value(String sample, Map<String, String> labels) {
            List<Sample> found = samples.stream().filter(s -> s.name().equals(sample) && s.labels().equals(labels)).toList();
            if (found.size() != 1) throw new AssertionError(found.size() + " samples " + sample + labels + " in " + samples);
            return found.get(0).value();
        }
    }

    private static final Pattern NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\\\n]|\\\\[\\\\\"n])*)\"");
    private static final Set<String> TYPES = Set.of("counter", "gauge", "histogram", "gaugehistogram", "summary", "info", "stateset", "unknown");

    private OpenMetricsParser() {}

    static Map<String, Family> parse(String text) {
        if (!text.endsWith("# EOF\n") && !text.endsWith("# EOF")) throw new IllegalArgumentException("the text does not end with # EOF");
        String[] lines = text.split("\n", -1);
        int eof = text.endsWith("\n") ? lines.length - 2 : lines.length - 1;
        Map<String, Family> families = new LinkedHashMap<>();
        Family current = null;
        for (int i = 0; i < eof; i++) {
            String line = lines[i];
            int n = i + 1;
            if (line.isEmpty()) throw new IllegalArgumentException("line " + n + ": blank line");
            if (line.startsWith("#")) {
                String[] parts = line.split(" ", 4);
                if (parts.length < 4 || !parts[0].equals("#")) throw new IllegalArgumentException("line " + n + ": malformed metadata: " + line);
                String name = parts[2];
                if (!NAME.matcher(name).matches()) throw new IllegalArgumentException("line " + n + ": bad name " + name);
                if (current == null || !current.name.equals(name)) {
                    if (families.containsKey(name)) throw new IllegalArgumentException("line " + n + ": family " + name + " appears twice");
                    if (current != null && current.type == null) throw new IllegalArgumentException("family " + current.name + " has no TYPE");
                    current = new Family(name);
                    families.put(name, current);
                }
                switch (parts[1]) {
                    case "TYPE" -> {
                        if (current.type != null) throw new IllegalArgumentException("line " + n + ": second TYPE");
                        if (!TYPES.contains(parts[3])) throw new IllegalArgumentException("line " + n + ": unknown type " + parts[3]);
                        current.type = parts[3];
                    }
                    case "HELP" -> current.help = parts[3];
                    case "UNIT" -> {
                        if (!name.endsWith("_" + parts[3])) throw new IllegalArgumentException("line " + n + ": unit " + parts[3] + " is not the suffix of " + name);
                        current.unit = parts[3];
                    }
                    default -> throw new IllegalArgumentException("line " + n + ": unknown metadata " + parts[1]);
                }
                continue;
            }
            if (current == null || current.type == null) throw new IllegalArgumentException("line " + n + ": a sample before any TYPE");
            Sample s = sample(line, n);
            if (!allowed(current, s.name())) throw new IllegalArgumentException("line " + n + ": " + s.name() + " is not a sample name of " + current.type + " " + current.name);
            current.samples.add(s);
        }
        for (Family f : families.values()) if ("histogram".equals(f.type)) checkHistogram(f);
        return families;
    }

    private static boolean allowed(Family f, String sample) {
        String base = f.name;
        return switch (f.type) {
            case "counter" -> sample.equals(base + "_total") || sample.equals(base + "_created");
            case "histogram" -> sample.equals(base + "_bucket") || sample.equals(base + "_count") || sample.equals(base + "_sum") || sample.equals(base + "_created");
            case "info" -> sample.equals(base + "_info");
            default -> sample.equals(base);
        };
    }

    private static Sample sample(String line, int n) {
        Matcher m = NAME.matcher(line);
        if (!m.lookingAt()) throw new IllegalArgumentException("line " + n + ": no metric name: " + line);
        String name = m.group();
        int at = m.end();
        Map<String, String> labels = new LinkedHashMap<>();
        if (at < line.length() && line.charAt(at) == '{') {
            int close = at + 1;
            boolean first = true;
            while (line.charAt(close) != '}') {
                if (!first) {
                    if (line.charAt(close) != ',') throw new IllegalArgumentException("line " + n + ": expected , in labels");
                    close++;
                }
                Matcher l = LABEL.matcher(line).region(close, line.length());
                if (!l.lookingAt()) throw new IllegalArgumentException("line " + n + ": malformed label at column " + (close + 1));
                String value = l.group(2).replace("\\n", "\n").replace("\\\"", "\"").replace("\\\\", "\\");
                if (labels.put(l.group(1), value) != null) throw new IllegalArgumentException("line " + n + ": label " + l.group(1) + " twice");
                close = l.end();
                first = false;
            }
            at = close + 1;
        }
        if (at >= line.length() || line.charAt(at) != ' ') throw new IllegalArgumentException("line " + n + ": expected one space before the value");
        String[] rest = line.substring(at + 1).split(" ");
        if (rest.length > 2) throw new IllegalArgumentException("line " + n + ": trailing text");
        double value = switch (rest[0]) {
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            case "NaN" -> Double.NaN;
            default -> {
                if (!rest[0].matches("[+-]?[0-9]+(\\.[0-9]*)?([eE][+-]?[0-9]+)?")) throw new IllegalArgumentException("line " + n + ": bad value " + rest[0]);
                yield Double.parseDouble(rest[0]);
            }
        };
        return new Sample(name, labels, value);
    }

    private static void checkHistogram(Family f) {
        Map<Map<String, String>, List<Sample>> byLabels = new LinkedHashMap<>();
        for (Sample s : f.samples) {
            if (!s.name().endsWith("_bucket")) continue;
            Map<String, String> rest = new LinkedHashMap<>(s.labels());
            if (rest.remove("le") == null) throw new IllegalArgumentException(f.name + ": a bucket without le");
            byLabels.computeIfAbsent(rest, k -> new ArrayList<>()).add(s);
        }
        for (Map.Entry<Map<String, String>, List<Sample>> e : byLabels.entrySet()) {
            double le = Double.NEGATIVE_INFINITY, count = 0;
            for (Sample b : e.getValue()) {
                String text = b.labels().get("le");
                double bound = text.equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(text);
                if (bound <= le) throw new IllegalArgumentException(f.name + ": buckets out of order at le=" + text);
                if (b.value() < count) throw new IllegalArgumentException(f.name + ": buckets not cumulative at le=" + text);
                le = bound;
                count = b.value();
            }
            if (le != Double.POSITIVE_INFINITY) throw new IllegalArgumentException(f.name + ": no +Inf bucket");
            if (f.value(f.name + "_count", e.getKey()) != count) throw new IllegalArgumentException(f.name + ": _count is not the +Inf bucket");
        }
    }
}
