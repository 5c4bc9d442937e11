package dev.gwrun.stdlib;

import dev.gwrun.host.Effect;
import dev.gwrun.host.HostFunction;
import dev.gwrun.host.HostModule;
import dev.gwrun.host.ParamSpec;
import dev.gwrun.host.Signature;
import dev.gwrun.host.Type;
import dev.gwrun.runtime.Durations;
import dev.gwrun.runtime.GwrunError;
import dev.gwrun.runtime.Json;
import dev.gwrun.runtime.Raw;
import dev.gwrun.runtime.Values;
import dev.gwrun.stdlib.compose.load.ComposeErrors;
import dev.gwrun.stdlib.compose.load.ComposeException;
import dev.gwrun.stdlib.compose.load.Dotenv;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Global functions: env, secret, dotenv, now, sleep, raw, len, str, int, to_json, from_json, range, duration. */
final class CoreModule implements HostModule {

    @Override public String name() { return ""; }

    @Override public String doc() { return "Global functions: environment, secrets, time, conversions."; }

    @Override
    public List<HostFunction> functions() {
        return List.of(
                HostFunction.of(new Signature("env", List.of(
                        ParamSpec.required("name", Type.STRING, "the variable's name"),
                        ParamSpec.optional("default", Type.ANY, "returned when the variable is unset; without it, unset is an error")),
                        Type.STRING, Effect.READ, "An environment variable (--env-file values first), or default."),
                        (a, ctx) -> {
                            String v = ctx.env(a.string("name"));
                            if (v != null) return v;
                            if (a.given("default")) return a.value("default");
                            throw new GwrunError("env", "environment variable " + a.string("name") + " is not set");
                        }),
                HostFunction.of(new Signature("secret", List.of(ParamSpec.required("name", Type.STRING, "the variable's name"),
                        ParamSpec.optional("default", Type.STRING, "returned when neither NAME nor NAME_FILE is set (an optional secret, e.g. \"\"); without it, unset is an error")),
                        Type.STRING, Effect.READ,
                        "A secret from the environment variable NAME, or from the file named by NAME_FILE; masked as *** in all output."),
                        (a, ctx) -> {
                            String name = a.string("name");
                            String value = ctx.env(name);
                            if (value == null) {
                                String file = ctx.env(name + "_FILE");
                                if (file == null && a.given("default")) return a.string("default");
                                if (file == null) throw new GwrunError("secret", "secret " + name + " is not set (set " + name + ", or " + name + "_FILE to a file holding it)");
                                try {
                                    value = Files.readString(ctx.directory().resolve(file), StandardCharsets.UTF_8);
                                } catch (IOException e) {
                                    throw new GwrunError("secret", "cannot read secret " + name + " from " + name + "_FILE=" + file + ": " + e.getMessage());
                                }
                                value = value.replaceAll("\\r?\\n$", "");
                            }
                            ctx.registerSecret(value);
                            return value;
                        }),
                HostFunction.of(new Signature("dotenv", List.of(
                        ParamSpec.required("path", Type.STRING, "the env file, relative to the runbook"),
                        ParamSpec.optional("required", Type.BOOL, "false: a missing file is an empty map (default true)")),
                        Type.MAP, Effect.READ,
                        "The variables of an env file, read as Docker Compose reads .env and env_file: (KEY=VALUE, quotes, ${VAR})."),
                        (a, ctx) -> {
                            Path file = ctx.directory().resolve(a.string("path"));
                            if (!Files.exists(file) && !a.bool("required", true)) return new java.util.LinkedHashMap<String, Object>();
                            try {
                                return new java.util.LinkedHashMap<String, Object>(Dotenv.read(file, ctx::env));
                            } catch (ComposeException e) {
                                throw new GwrunError("dotenv", ComposeErrors.text(e));
                            }
                        }),
                HostFunction.of(new Signature("now", List.of(), Type.TIME, Effect.READ, "The current time (UTC)."),
                        (a, ctx) -> Instant.now()),
                HostFunction.of(new Signature("sleep", List.of(ParamSpec.required("duration", Type.DURATION, "how long")),
                        Type.NULL, Effect.PURE, "Pauses; Ctrl-C and step timeouts cut it short."),
                        (a, ctx) -> {
                            ctx.cancellation().sleep(a.duration("duration", Duration.ZERO));
                            return null;
                        }),
                HostFunction.of(new Signature("raw", List.of(ParamSpec.required("text", Type.STRING, "shell text")),
                        Type.STRING, Effect.PURE, "Marks text that sh() must not quote when interpolated (for pipes, globs, flags built on purpose)."),
                        (a, ctx) -> new Raw(a.string("text"))),
                ofValue("len", "a string, list or map", Type.INT, "The length of a string, list or map.",
                        v -> {
                            if (v instanceof CharSequence s) return (long) s.length();
                            if (v instanceof List<?> l) return (long) l.size();
                            if (v instanceof Map<?, ?> m) return (long) m.size();
                            throw new GwrunError("type", "len needs a string, list or map, got " + Values.typeName(v));
                        }),
                ofValue("str", "any value", Type.STRING, "The value as text, as interpolation shows it.",
                        Values::str),
                ofValue("int", "a string, float or int", Type.INT, "The value as an int (floats are truncated).",
                        v -> {
                            if (v instanceof Long n) return n;
                            if (v instanceof Double d) return (long) d.doubleValue();
                            if (v instanceof CharSequence s) {
                                try {
                                    return Long.parseLong(s.toString().trim());
                                } catch (NumberFormatException e) {
                                    throw new GwrunError("type", "int: '" + s + "' is not a whole number");
                                }
                            }
                            throw new GwrunError("type", "int needs a string or number, got " + Values.typeName(v));
                        }),
                reading("duration", "like 30s or 1m30s", Type.DURATION, "Reads a duration from text.", "", Durations::parse),
                ofValue("to_json", "any value", Type.STRING, "The value as JSON text.",
                        Json::write),
                reading("from_json", "JSON text", Type.ANY, "Parses JSON text into lists, maps and values.", "from_json: ", Json::parse),
                HostFunction.of(new Signature("range", List.of(
                        ParamSpec.required("count", Type.INT, "how many numbers"),
                        ParamSpec.optional("start", Type.INT, "the first number (default 0)")),
                        Type.LIST, Effect.PURE, "The list [start, start+1, …] of count ints."),
                        (a, ctx) -> {
                            long n = a.integer("count");
                            if (n < 0 || n > 1_000_000) throw new GwrunError("type", "range: count must be between 0 and 1000000, got " + n);
                            long start = a.integer("start", 0);
                            List<Object> out = new ArrayList<>();
                            for (long i = 0; i < n; i++) out.add(start + i);
                            return out;
                        }),
                ofValue("type_of", "any value", Type.STRING, "The name of the value's type.",
                        Values::typeName));
    }

    /** A pure function of one argument, {@code value}, of any type. */
    private static HostFunction ofValue(String name, String valueDoc, Type returns, String doc, Function<Object, Object> body) {
        return HostFunction.of(new Signature(name, List.of(ParamSpec.required("value", Type.ANY, valueDoc)), returns, Effect.PURE, doc),
                (a, ctx) -> body.apply(a.value("value")));
    }

    /** A pure function reading its one argument, {@code text}; text it cannot read is a type error, its message after {@code prefix}. */
    private static HostFunction reading(String name, String textDoc, Type returns, String doc, String prefix, Function<String, Object> read) {
        return HostFunction.of(new Signature(name, List.of(ParamSpec.required("text", Type.STRING, textDoc)), returns, Effect.PURE, doc),
                (a, ctx) -> {
                    try {
                        return read.apply(a.string("text"));
                    } catch (IllegalArgumentException e) {
                        throw new GwrunError("type", prefix + e.getMessage());
                    }
                });
    }
}
