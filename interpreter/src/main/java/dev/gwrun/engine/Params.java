package dev.gwrun.engine;

import dev.gwrun.ast.Param;
import dev.gwrun.ast.ParamType;
import dev.gwrun.ast.Runbook;
import dev.gwrun.runtime.Durations;
import dev.gwrun.runtime.Json;
import dev.gwrun.runtime.Values;
import dev.gwrun.source.Suggest;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Turns params given as text (-p name=value) or as values (run … with {…}) into typed values. */
public final class Params {
    private Params() {}

    /** Problems with the given names: unknown params (with suggestions). */
    public static List<String> unknown(Runbook rb, Iterable<String> given) {
        List<String> problems = new ArrayList<>();
        List<String> known = rb.params().stream().map(Param::name).toList();
        for (String name : given) {
            if (rb.param(name) == null) {
                problems.add("unknown param '" + name + "'" + Suggest.didYouMean(name, known)
                        + (known.isEmpty() ? " (the runbook has no params)" : " (params: " + String.join(", ", known) + ")"));
            }
        }
        return problems;
    }

    /**
     * Registers the values given for secret params with the masker, so that nothing prints or
     * records them: call it before anything shows the params (the run record, the terminal).
     */
    public static void registerSecrets(Runbook rb, Map<String, String> given, Masker masker) {
        for (Param p : rb.params()) registerIfSecret(p, given.get(p.name()), masker);
    }

    /** A secret param's value (given, passed by a parent runbook or a default) is masked from here on. */
    static void registerIfSecret(Param p, Object value, Masker masker) {
        if (p.type() == ParamType.SECRET && value instanceof CharSequence s) masker.register(s.toString());
    }

    /**
     * The given text as the param's type, or {@code unusable} after adding to {@code problems} why it
     * does not fit: what run and plan both say of a bad -p value.
     */
    public static Object fromText(Param p, String text, List<String> problems, Object unusable) {
        try {
            return fromText(p, text);
        } catch (IllegalArgumentException e) {
            problems.add("param '" + p.name() + "' (" + p.type().keyword + "): " + e.getMessage() + ", got '" + text + "'");
            return unusable;
        }
    }

    /** Converts command-line text to the param's type; throws IllegalArgumentException with the reason. */
    public static Object fromText(Param p, String text) {
        ParamType t = p.type();
        try {
            return switch (t) {
                case STRING, SECRET -> text;
                case INT -> Long.parseLong(text.trim().replace("_", ""));
                case FLOAT -> Double.parseDouble(text.trim());
                case BOOL -> switch (text.trim().toLowerCase()) {
                    case "true", "yes", "1", "on" -> Boolean.TRUE;
                    case "false", "no", "0", "off" -> Boolean.FALSE;
                    default -> throw new IllegalArgumentException("expected true or false");
                };
                case DURATION -> Durations.parse(text);
                case LIST -> {
                    String s = text.trim();
                    if (s.startsWith("[")) {
                        Object v = Json.parse(s);
                        if (!(v instanceof List<?>)) throw new IllegalArgumentException("expected a JSON list");
                        yield v;
                    }
                    List<Object> items = new ArrayList<>();
                    if (!s.isEmpty()) for (String item : s.split(",")) items.add(item.trim());
                    yield items;
                }
                case MAP -> {
                    Object v = Json.parse(text.trim());
                    if (!(v instanceof Map<?, ?>)) throw new IllegalArgumentException("expected a JSON object");
                    yield v;
                }
            };
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("expected " + (t == ParamType.INT ? "a whole number" : "a number"));
        }
    }

    /** Whether a value fits a param type (ints are accepted for floats). */
    public static boolean fits(ParamType t, Object v) {
        return switch (t) {
            case STRING, SECRET -> v instanceof CharSequence;
            case INT -> v instanceof Long;
            case FLOAT -> v instanceof Double || v instanceof Long;
            case BOOL -> v instanceof Boolean;
            case DURATION -> v instanceof Duration;
            case LIST -> v instanceof List<?>;
            case MAP -> v instanceof Map<?, ?>;
        };
    }

    static String describe(ParamType t) {
        return switch (t) {
            case STRING -> "a string";
            case SECRET -> "a string (a secret)";
            case INT -> "an int";
            case FLOAT -> "a float";
            case BOOL -> "true or false";
            case DURATION -> "a duration like 30s";
            case LIST -> "a list";
            case MAP -> "a map";
        };
    }

    static String mismatch(Param p, Object v) {
        return "param '" + p.name() + "' must be " + describe(p.type()) + ", got " + Values.typeName(v) + " " + Values.repr(v);
    }
}
