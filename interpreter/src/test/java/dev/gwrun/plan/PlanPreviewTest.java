package dev.gwrun.plan;

import dev.gwrun.ast.Runbook;
import dev.gwrun.host.Args;
import dev.gwrun.host.CallContext;
import dev.gwrun.host.Effect;
import dev.gwrun.host.HostFunction;
import dev.gwrun.host.HostModule;
import dev.gwrun.host.ParamSpec;
import dev.gwrun.host.PlanPreview;
import dev.gwrun.host.Registry;
import dev.gwrun.host.Signature;
import dev.gwrun.host.Type;
import dev.gwrun.parse.Parsing;
import dev.gwrun.source.SourceFile;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A changing function that can say what it would do is asked by plan --probe, never called. */
class PlanPreviewTest {
    /** stack.up(name): says what it would do; calling it fails the test. */
    private static final class Up implements HostFunction, PlanPreview {
        @Override
        public Signature signature() {
            return new Signature("stack.up", List.of(ParamSpec.required("name", Type.STRING, "")), Type.ANY, Effect.CHANGE, "");
        }

        @Override public Object call(Args args, CallContext ctx) { throw new AssertionError("a changing call was made"); }

        @Override
        public String preview(Args args, CallContext ctx) {
            if (args.string("name").equals("bad")) throw new IllegalStateException("no engine");
            return "would create " + args.string("name") + "-1";
        }
    }

    private static String plan(String body, boolean probe) {
        Registry registry = new Registry(List.of(new HostModule() {
            @Override public String name() { return "stack"; }

            @Override public String doc() { return ""; }

            @Override public List<HostFunction> functions() { return List.of(new Up()); }
        }));
        Runbook rb = Parsing.parseRunbook(SourceFile.of("p.gwrun", "runbook \"p\" {\n  param n: string\n" + body + "\n}\n")).ast();
        return PlanRenderer.text(Planner.plan(rb, Map.of("n", "web"), registry, probe, Map.of()));
    }

    @Test
    void showsWhatAChangingCallWouldDoWhenProbingWithKnownArguments() {
        assertThat(plan("  stack.up(n)", true)).contains("stack.up(\"web\")", "not made; would create web-1");
        assertThat(plan("  stack.up(\"bad\")", true)).contains("not made; what it would do is unknown: no engine");
    }

    @Test
    void asksNothingWithoutProbeOrWithArgumentsKnownOnlyAtRunTime() {
        assertThat(plan("  stack.up(n)", false)).contains("not made").doesNotContain("would create");
        assertThat(plan("  let x = env(\"X\")\n  stack.up(x)", true)).doesNotContain("would create");
    }
}
