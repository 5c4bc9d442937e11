package dev.gwrun.names;

import dev.gwrun.ast.Runbook;
import dev.gwrun.doc.RunbookDoc;
import dev.gwrun.host.Effect;
import dev.gwrun.host.HostFunction;
import dev.gwrun.host.HostModule;
import dev.gwrun.host.ParamSpec;
import dev.gwrun.host.Registry;
import dev.gwrun.host.Signature;
import dev.gwrun.host.Type;
import dev.gwrun.parse.ParseResult;
import dev.gwrun.parse.Parsing;
import dev.gwrun.plan.PlanRenderer;
import dev.gwrun.plan.Planner;
import dev.gwrun.source.SourceFile;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A variable named like a module ({@code http}) hides it: {@code http.get("url")} is then the map
 * method get, not the stdlib's HTTP call. The doc page and the plan must read the call as the run
 * engine makes it, so neither lists it as a stdlib call.
 */
class HiddenModuleNameTest {
    private static final Registry REGISTRY = new Registry(List.of(new HostModule() {
        @Override public String name() { return "http"; }

        @Override public String doc() { return "http"; }

        @Override
        public List<HostFunction> functions() {
            return List.of(HostFunction.of(new Signature("http.get", List.of(ParamSpec.required("url", Type.STRING, "url")),
                    Type.ANY, Effect.READ, "get"), (a, c) -> null));
        }
    }));

    private static Runbook parse(String text) {
        ParseResult<Runbook> parsed = Parsing.parseRunbook(SourceFile.of("t.gwrun", text));
        assertThat(parsed.ok()).as("%s", parsed.diagnostics()).isTrue();
        return parsed.ast();
    }

    private static String doc(String stepBody) {
        return RunbookDoc.markdown(parse("runbook \"t\" {\n  step \"s\" {\n" + stepBody + "\n  }\n}\n"), REGISTRY, "t.gwrun");
    }

    private static String plan(String body) {
        return PlanRenderer.text(Planner.plan(parse("runbook \"t\" {\n" + body + "\n}\n"), Map.of(), REGISTRY, false, Map.of()));
    }

    @Test
    void theDocListsAStdlibCallOnlyWhereNoVariableHidesItsModule() {
        assertThat(doc("    log http.get(\"http://127.0.0.1/\")")).contains("`http.get`");
        assertThat(doc("    let http = {url: \"a\"}\n    log http.get(\"url\")")).doesNotContain("`http.get`");
        assertThat(doc("    for http in [{url: \"a\"}] { log http.get(\"url\") }")).doesNotContain("`http.get`");
    }

    @Test
    void thePlanClassifiesARunbookFunctionByTheStdlibCallsItReallyMakes() {
        assertThat(plan("  fn fetch() { return http.get(\"http://127.0.0.1/\") }\n  step \"s\" { log fetch() }"))
                .contains("[read-only]  runbook function fetch");
        assertThat(plan("  fn pick(http) { return http.get(\"url\") }\n  step \"s\" { log pick({url: \"a\"}) }"))
                .doesNotContain("runbook function pick").doesNotContain("[read-only]");
        assertThat(plan("  fn pick(m) {\n    let http = m\n    return http.get(\"url\")\n  }\n  step \"s\" { log pick({url: \"a\"}) }"))
                .doesNotContain("runbook function pick").doesNotContain("[read-only]");
    }
}
