package dev.gwrun.names;

import dev.gwrun.ast.Expr;
import dev.gwrun.ast.Runbook;
import dev.gwrun.check.Checker;
import dev.gwrun.doc.RunbookDoc;
import dev.gwrun.engine.Event;
import dev.gwrun.engine.Interactive;
import dev.gwrun.engine.Prompter;
import dev.gwrun.engine.RunEngine;
import dev.gwrun.engine.RunOptions;
import dev.gwrun.engine.RunResult;
import dev.gwrun.host.Effect;
import dev.gwrun.host.HostFunction;
import dev.gwrun.host.HostModule;
import dev.gwrun.host.ParamSpec;
import dev.gwrun.host.Registry;
import dev.gwrun.host.Signature;
import dev.gwrun.host.Type;
import dev.gwrun.params.Masker;
import dev.gwrun.parse.ParseResult;
import dev.gwrun.parse.Parsing;
import dev.gwrun.plan.PlanRenderer;
import dev.gwrun.plan.Planner;
import dev.gwrun.source.Diagnostic;
import dev.gwrun.source.SourceFile;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Which host function a call runs is resolved once, by {@link Names}; the checker, the lint rules, the planner,
 * the doc page and the evaluator read that answer. Here a module name ({@code http}) is hidden by a loop variable
 * and by a function's param, and not hidden elsewhere (a {@code let} may not take a module's name; in the REPL a
 * session variable hides a global function): a consumer that decided for itself and disagreed would type-check
 * {@code http.fetch(1)} as the stdlib call (its url is a string), list it in the plan or the doc, or make the
 * host call at run time.
 */
class OneResolutionTest {
    private final List<String> fetched = new CopyOnWriteArrayList<>();
    private final Registry registry = new Registry(List.of(module("http", "http.fetch", "url"), module("", "lookup", "key")));

    /** A module (or the globals, "") with one function of one string param that records its argument. */
    private HostModule module(String name, String function, String param) {
        return new HostModule() {
            @Override public String name() { return name; }

            @Override public String doc() { return "test"; }

            @Override
            public List<HostFunction> functions() {
                return List.of(HostFunction.of(new Signature(function, List.of(ParamSpec.required(param, Type.STRING, param)),
                        Type.STRING, Effect.READ, "records"), (a, c) -> {
                    fetched.add(a.string(param));
                    return "host " + a.string(param);
                }));
            }
        };
    }

    /** {@code http} is hidden by a function's param and by a loop variable, and not hidden elsewhere. */
    private static final String RUNBOOK = """
            runbook "t" {
              fn fake(url) { return "fake ${url}" }
              fn pick(http) { return http.fetch(2) }
              step "module" { log http.fetch("a") }
              step "hidden by a loop variable" {
                for http in [{fetch: fake}] { log http.fetch(1) }
              }
              step "hidden by a param" { log pick({fetch: fake}) }
              step "module again" { log http.fetch("b") }
            }
            """;

    private static Runbook parse(String name, String text) {
        ParseResult<Runbook> parsed = name.equals("<repl>") ? Parsing.parseStatements(SourceFile.of(name, text))
                : Parsing.parseRunbook(SourceFile.of(name, text));
        assertThat(parsed.ok()).as("%s", parsed.diagnostics()).isTrue();
        return parsed.ast();
    }

    /** The calls of a runbook in source order: the keys of the resolution table. */
    private List<Expr.Call> calls(Runbook rb) {
        return calls(rb, Set.of());
    }

    private List<Expr.Call> calls(Runbook rb, Set<String> known) {
        return names(rb, known).callees().keySet().stream().sorted(Comparator.comparingInt(c -> c.span().start())).toList();
    }

    private Names names(Runbook rb, Set<String> known) {
        return Names.of(rb, registry, known);
    }

    @Test
    void checkerLintPlannerDocAndEvaluatorReadTheOneResolution() {
        Runbook rb = parse("t.gwrun", RUNBOOK);
        Names names = Names.of(rb, registry);
        assertThat(calls(rb)).extracting(c -> c.span().text() + " " + names.callee(c).kind()).containsExactly(
                "http.fetch(2) VALUE", "http.fetch(\"a\") HOST", "http.fetch(1) VALUE", "pick({fetch: fake}) VALUE", "http.fetch(\"b\") HOST");

        // check (and lint): no error, so neither took http.fetch(1) or http.fetch(2) for the stdlib call.
        assertThat(new Checker(registry).check(rb)).filteredOn(Diagnostic::isError).isEmpty();

        String plan = PlanRenderer.text(Planner.plan(rb, Map.of(), registry, false, Map.of()));
        // The plan lists each stdlib call it would make under its statement, "→ call  [effect]".
        assertThat(plan.lines().filter(l -> l.contains("→")).map(String::strip)).containsExactly(
                "→ http.fetch(\"a\")  [read-only]  not made (--probe makes it)", "→ http.fetch(\"b\")  [read-only]  not made (--probe makes it)");
        assertThat(plan).doesNotContain("runbook function pick");

        String doc = RunbookDoc.markdown(rb, registry, "t.gwrun");
        assertThat(doc.lines().filter(l -> l.contains("`http.fetch`"))).containsExactly(
                "| 1 | module |  | `http.fetch` |  |", "| 4 | module again |  | `http.fetch` |  |");

        List<String> logs = new ArrayList<>();
        RunOptions o = new RunOptions();
        o.sink = e -> { if (e instanceof Event.Log l) logs.add(l.text()); };
        RunResult r = new RunEngine(registry).run(rb, o);
        assertThat(r.exitCode()).as(String.valueOf(r.error())).isZero();
        assertThat(fetched).containsExactly("a", "b");
        assertThat(logs).containsExactly("host a", "fake 1", "fake 2", "host b");
    }

    @Test
    void theReplResolvesEachInputAgainstTheNamesTheSessionHasBound() {
        Interactive session = new Interactive(registry, new Masker(), Map.of(), Prompter.NONE, Clock.systemUTC());
        assertThat(session.execute(parse("<repl>", "lookup(\"a\")"), e -> { }).value()).isEqualTo("host a");
        // A function entered in one input runs its calls in a later one, as that earlier input resolved them.
        session.execute(parse("<repl>", "fn fake(key) { return \"fake ${key}\" }\nfn pick(http) { return http.fetch(2) }\nlet lookup = fake"), e -> { });

        // The session's 'lookup' hides the global function: checked, resolved and run as the variable.
        Runbook input = parse("<repl>", "lookup(\"b\") + \" \" + pick({fetch: fake})");
        Map<String, Type> known = Map.of("fake", Type.FUNCTION, "pick", Type.FUNCTION, "lookup", Type.FUNCTION);
        assertThat(calls(input, known.keySet())).extracting(c -> names(input, known.keySet()).callee(c).kind())
                .containsExactly(Callee.Kind.VALUE, Callee.Kind.VALUE);
        assertThat(new Checker(registry).check(input, known)).filteredOn(Diagnostic::isError).isEmpty();
        assertThat(session.execute(input, e -> { }).value()).isEqualTo("fake b fake 2");
        assertThat(fetched).containsExactly("a");
    }

    @Test
    void aCallNoResolutionCoversIsADefectNotAGuess() {
        Runbook rb = parse("t.gwrun", RUNBOOK);
        Expr.Call elsewhere = calls(parse("u.gwrun", RUNBOOK)).get(1);
        assertThatThrownBy(() -> Names.of(rb, registry).callee(elsewhere)).isInstanceOf(IllegalArgumentException.class);
        Resolution resolution = new Resolution(registry);
        resolution.add(rb, Set.of());
        assertThat(resolution.callee(calls(rb).get(1)).kind()).isEqualTo(Callee.Kind.HOST);
        assertThatThrownBy(() -> resolution.callee(elsewhere)).isInstanceOf(IllegalStateException.class);
    }
}
