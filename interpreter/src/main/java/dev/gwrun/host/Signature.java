package dev.gwrun.host;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one description of a callable — host function or built-in method — that the checker,
 * the evaluator, `plan` and the REPL's completion all read.
 *
 * @param name     qualified name as written in runbooks: {@code http.get}, {@code sh}, {@code starts_with}
 * @param params   parameters in positional order
 * @param variadic whether extra positional arguments are allowed (collected by the last parameter)
 */
public record Signature(String name, List<ParamSpec> params, Type returns, Effect effect, boolean variadic, String doc) {

    public Signature(String name, List<ParamSpec> params, Type returns, Effect effect, String doc) {
        this(name, params, returns, effect, false, doc);
    }

    public ParamSpec param(String n) {
        for (ParamSpec p : params) if (p.name().equals(n)) return p;
        return null;
    }

    public List<String> paramNames() {
        return params.stream().map(ParamSpec::name).toList();
    }

    /** {@code http.get(url, headers:, timeout:)} — how help and completion show it. */
    public String display() {
        StringBuilder b = new StringBuilder(name).append('(');
        for (int i = 0; i < params.size(); i++) {
            ParamSpec p = params.get(i);
            if (i > 0) b.append(", ");
            b.append(p.name());
            if (!p.required()) b.append('?');
            b.append(": ").append(p.type());
        }
        return b.append(')').toString();
    }

    /** The outcome of matching call arguments to parameters. */
    public record Binding(Map<String, Integer> argIndexByParam, List<Problem> problems) {}

    /** A problem with one argument ({@code argIndex}, or -1 for the call as a whole). */
    public record Problem(int argIndex, String message) {}

    /**
     * Matches arguments (names, null for positional) to parameters: positional ones in order,
     * then named ones by name. Shared by the checker and the evaluator, so both say the same.
     */
    public Binding bind(List<String> argNames) {
        Map<String, Integer> byParam = new LinkedHashMap<>();
        List<Problem> problems = new ArrayList<>();
        int positional = 0;
        for (int i = 0; i < argNames.size(); i++) {
            String n = argNames.get(i);
            if (n == null) {
                if (positional < params.size()) {
                    byParam.put(params.get(positional).name(), i);
                } else if (!variadic) {
                    problems.add(new Problem(i, "'" + name + "' takes " + count(params.size(), "positional argument")
                            + ", got " + positionalCount(argNames)));
                }
                positional++;
            } else {
                ParamSpec p = param(n);
                if (p == null) {
                    problems.add(new Problem(i, "'" + name + "' has no parameter '" + n + "'"
                            + dev.gwrun.source.Suggest.didYouMean(n, paramNames())
                            + (params.isEmpty() ? "" : " (parameters: " + String.join(", ", paramNames()) + ")")));
                } else if (byParam.containsKey(n)) {
                    problems.add(new Problem(i, "'" + n + "' is given both by position and by name"));
                } else {
                    byParam.put(n, i);
                }
            }
        }
        for (ParamSpec p : params) {
            if (p.required() && !byParam.containsKey(p.name())) {
                problems.add(new Problem(-1, "'" + name + "' needs the argument '" + p.name() + "'"));
            }
        }
        return new Binding(byParam, problems);
    }

    private static long positionalCount(List<String> names) {
        return names.stream().filter(n -> n == null).count();
    }

    private static String count(int n, String noun) {
        return (n == 0 ? "no" : String.valueOf(n)) + " " + noun + (n == 1 ? "" : "s");
    }
}
