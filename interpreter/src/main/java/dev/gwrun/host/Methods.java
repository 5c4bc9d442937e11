package dev.gwrun.host;

import dev.gwrun.runtime.GwrunError;
import dev.gwrun.runtime.Operators;
import dev.gwrun.runtime.Values;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** The methods of built-in values ({@code s.starts_with("x")}, {@code xs.join(",")}), with their signatures. */
public final class Methods {
    /** One built-in method. */
    public record Method(Signature signature, Impl impl) {}

    @FunctionalInterface
    public interface Impl {
        Object call(Object receiver, Args args);
    }

    private static final Map<String, Map<String, Method>> BY_TYPE = new LinkedHashMap<>();

    static {
        // string
        def("string", "len", List.of(), Type.INT, "The number of characters.", (s, a) -> (long) str(s).length());
        def("string", "starts_with", List.of(p("prefix", Type.STRING)), Type.BOOL, "Whether the string starts with prefix.", (s, a) -> str(s).startsWith(a.string("prefix")));
        def("string", "ends_with", List.of(p("suffix", Type.STRING)), Type.BOOL, "Whether the string ends with suffix.", (s, a) -> str(s).endsWith(a.string("suffix")));
        def("string", "contains", List.of(p("part", Type.STRING)), Type.BOOL, "Whether part occurs in the string.", (s, a) -> str(s).contains(a.string("part")));
        def("string", "split", List.of(o("separator", Type.STRING)), Type.LIST, "Splits on separator, or on runs of white space when none is given.", (s, a) -> {
            String text = str(s);
            if (!a.has("separator")) return text.isBlank() ? new ArrayList<>() : new ArrayList<Object>(List.of(text.trim().split("\\s+")));
            String sep = a.string("separator");
            if (sep.isEmpty()) throw new GwrunError("type", "split: the separator is empty");
            return new ArrayList<Object>(List.of(text.split(Pattern.quote(sep), -1)));
        });
        def("string", "lines", List.of(), Type.LIST, "The lines of the string, without line endings.", (s, a) -> {
            String text = str(s);
            return text.isEmpty() ? new ArrayList<>() : new ArrayList<Object>(List.of(text.split("\\r?\\n")));
        });
        def("string", "trim", List.of(), Type.STRING, "Without leading and trailing white space.", (s, a) -> str(s).strip());
        def("string", "upper", List.of(), Type.STRING, "In upper case.", (s, a) -> str(s).toUpperCase());
        def("string", "lower", List.of(), Type.STRING, "In lower case.", (s, a) -> str(s).toLowerCase());
        def("string", "replace", List.of(p("old", Type.STRING), p("new", Type.STRING)), Type.STRING, "Every occurrence of old replaced by new.", (s, a) -> str(s).replace(a.string("old"), a.string("new")));
        def("string", "matches", List.of(p("regex", Type.STRING)), Type.BOOL, "Whether the regular expression matches somewhere in the string.", (s, a) -> {
            try {
                return Pattern.compile(a.string("regex")).matcher(str(s)).find();
            } catch (PatternSyntaxException e) {
                throw new GwrunError("type", "matches: invalid regular expression: " + e.getDescription());
            }
        });
        def("string", "to_int", List.of(), Type.INT, "The string read as an int.", (s, a) -> {
            try {
                return Long.parseLong(str(s).trim());
            } catch (NumberFormatException e) {
                throw new GwrunError("type", "to_int: '" + str(s) + "' is not an int");
            }
        });
        def("string", "is_empty", List.of(), Type.BOOL, "Whether the string has no characters.", (s, a) -> str(s).isEmpty());
        // list
        def("list", "len", List.of(), Type.INT, "The number of items.", (l, a) -> (long) list(l).size());
        def("list", "contains", List.of(p("item", Type.ANY)), Type.BOOL, "Whether the list holds item.", (l, a) -> Values.contains(list(l), a.value("item")));
        def("list", "join", List.of(o("separator", Type.STRING)), Type.STRING, "The items as text, joined by separator (default \", \").", (l, a) -> {
            List<String> parts = new ArrayList<>();
            for (Object o : list(l)) parts.add(Values.str(o));
            return String.join(a.string("separator", ", "), parts);
        });
        def("list", "first", List.of(), Type.ANY, "The first item, or null when empty.", (l, a) -> list(l).isEmpty() ? null : list(l).get(0));
        def("list", "last", List.of(), Type.ANY, "The last item, or null when empty.", (l, a) -> list(l).isEmpty() ? null : list(l).get(list(l).size() - 1));
        def("list", "is_empty", List.of(), Type.BOOL, "Whether the list has no items.", (l, a) -> list(l).isEmpty());
        def("list", "reverse", List.of(), Type.LIST, "A copy in reverse order.", (l, a) -> {
            List<Object> copy = new ArrayList<>(list(l));
            java.util.Collections.reverse(copy);
            return copy;
        });
        def("list", "sort", List.of(), Type.LIST, "A sorted copy (numbers, strings, durations or times).", (l, a) -> {
            List<Object> copy = new ArrayList<>(list(l));
            copy.sort(Comparator.comparing(o -> o, Operators::compare));
            return copy;
        });
        def("list", "append", List.of(p("item", Type.ANY)), Type.LIST, "Adds item at the end (changes the list) and returns the list.", (l, a) -> {
            list(l).add(a.value("item"));
            return l;
        });
        def("list", "index_of", List.of(p("item", Type.ANY)), Type.INT, "The position of item, or -1.", (l, a) -> {
            List<Object> xs = list(l);
            for (int i = 0; i < xs.size(); i++) if (Values.equal(xs.get(i), a.value("item"))) return (long) i;
            return -1L;
        });
        // map
        def("map", "len", List.of(), Type.INT, "The number of entries.", (m, a) -> (long) map(m).size());
        def("map", "keys", List.of(), Type.LIST, "The keys, in insertion order.", (m, a) -> new ArrayList<Object>(map(m).keySet()));
        def("map", "values", List.of(), Type.LIST, "The values, in insertion order.", (m, a) -> new ArrayList<>(map(m).values()));
        def("map", "contains", List.of(p("key", Type.STRING)), Type.BOOL, "Whether the map has key.", (m, a) -> map(m).containsKey(a.string("key")));
        def("map", "get", List.of(p("key", Type.STRING), o("default", Type.ANY)), Type.ANY, "The value of key, or default (null) when absent.", (m, a) -> {
            Map<String, Object> mm = map(m);
            return mm.containsKey(a.string("key")) ? mm.get(a.string("key")) : a.value("default");
        });
        def("map", "is_empty", List.of(), Type.BOOL, "Whether the map has no entries.", (m, a) -> map(m).isEmpty());
        // duration
        def("duration", "seconds", List.of(), Type.FLOAT, "The duration in seconds.", (d, a) -> ((Duration) d).toMillis() / 1000.0);
        def("duration", "millis", List.of(), Type.INT, "The duration in milliseconds.", (d, a) -> ((Duration) d).toMillis());
        // time
        def("time", "format", List.of(p("pattern", Type.STRING)), Type.STRING, "The time in UTC, formatted like yyyyMMdd-HHmmss.", (t, a) -> {
            try {
                return DateTimeFormatter.ofPattern(a.string("pattern")).withZone(ZoneOffset.UTC).format((Instant) t);
            } catch (IllegalArgumentException e) {
                throw new GwrunError("type", "format: invalid pattern: " + e.getMessage());
            }
        });
        def("time", "unix", List.of(), Type.INT, "Seconds since 1970-01-01T00:00:00Z.", (t, a) -> ((Instant) t).getEpochSecond());
    }

    private Methods() {}

    private static ParamSpec p(String name, Type type) { return ParamSpec.required(name, type, null); }

    private static ParamSpec o(String name, Type type) { return ParamSpec.optional(name, type, null); }

    private static void def(String type, String name, List<ParamSpec> params, Type returns, String doc, Impl impl) {
        BY_TYPE.computeIfAbsent(type, k -> new LinkedHashMap<>())
               .put(name, new Method(new Signature(name, params, returns, Effect.PURE, doc), impl));
    }

    /** The method of a value's type, or null. */
    public static Method find(String typeName, String method) {
        Map<String, Method> ms = BY_TYPE.get(typeName);
        return ms == null ? null : ms.get(method);
    }

    /** The method names of a type (empty for types without methods). */
    public static Collection<String> names(String typeName) {
        Map<String, Method> ms = BY_TYPE.get(typeName);
        return ms == null ? List.of() : ms.keySet();
    }

    public static Map<String, Map<String, Method>> all() { return BY_TYPE; }

    private static String str(Object o) { return ((CharSequence) o).toString(); }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object o) { return (List<Object>) o; }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) { return (Map<String, Object>) o; }

}
