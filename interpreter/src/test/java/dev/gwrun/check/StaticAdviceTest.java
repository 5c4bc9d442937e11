package dev.gwrun.check;

import dev.gwrun.ast.Runbook;
import dev.gwrun.host.Args;
import dev.gwrun.host.CallContext;
import dev.gwrun.host.Effect;
import dev.gwrun.host.HostFunction;
import dev.gwrun.host.HostModule;
import dev.gwrun.host.ParamSpec;
import dev.gwrun.host.Registry;
import dev.gwrun.host.Signature;
import dev.gwrun.host.StaticAdvice;
import dev.gwrun.host.Type;
import dev.gwrun.parse.ParseResult;
import dev.gwrun.parse.Parsing;
import dev.gwrun.source.Diagnostic;
import dev.gwrun.source.Severity;
import dev.gwrun.source.SourceFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The checker hands a StaticAdvice function the literal arguments of each call and reports its warnings there. */
class StaticAdviceTest {
    @TempDir Path dir;

    /** Reports, as its one warning, the literal arguments and the directory it was given. */
    private static final class Echo implements HostFunction, StaticAdvice {
        final List<Path> directories = new ArrayList<>();

        @Override
        public Signature signature() {
            return new Signature("db.migrate", List.of(
                    ParamSpec.required("url", Type.STRING, "where"),
                    ParamSpec.optional("locations", Type.ANY, "what"),
                    ParamSpec.optional("force", Type.BOOL, "how")), Type.ANY, Effect.CHANGE, "test");
        }

        @Override public Object call(Args args, CallContext ctx) { return null; }

        @Override
        public List<Warning> advise(Map<String, Object> literalArgs, Path directory) {
            directories.add(directory);
            return List.of(new Warning("echo", "literals " + literalArgs));
        }
    }

    private final Echo echo = new Echo();

    private List<Diagnostic> check(String body) {
        Registry registry = new Registry(List.of(new HostModule() {
            @Override public String name() { return "db"; }

            @Override public String doc() { return "test"; }

            @Override public List<HostFunction> functions() { return List.of(echo); }
        }));
        String text = "runbook \"r\" {\n  let u = \"x\"\n" + body + "\n}\n";
        ParseResult<Runbook> parsed = Parsing.parseRunbook(new SourceFile("r.gwrun", dir.resolve("r.gwrun"), text));
        assertThat(parsed.diagnostics()).isEmpty();
        return new Checker(registry).check(parsed.ast());
    }

    private static String describe(Diagnostic d) {
        return d.span().line() + ":" + d.span().column() + ": " + d.severity().label() + ": " + d.message() + " [" + d.rule() + "]";
    }

    @Test
    void literalArgumentsReachTheFunctionAndItsWarningsStandAtTheCall() {
        assertThat(check("  db.migrate(\"postgresql://h/db\", locations: [\"a\", \"b\"], force: true)"))
                .map(StaticAdviceTest::describe)
                .containsExactly("3:3: warning: literals {url=postgresql://h/db, locations=[a, b], force=true} [echo]");
        assertThat(echo.directories).containsExactly(dir.toAbsolutePath());
    }

    @Test
    void computedArgumentsAreLeftOut() {
        assertThat(check("  db.migrate(u, locations: [\"a\", u], force: 1 == 1)")).map(StaticAdviceTest::describe)
                .containsExactly("3:3: warning: literals {} [echo]");
    }

    @Test
    void aCallWithWrongArgumentsGetsItsErrorsOnly() {
        List<Diagnostic> d = check("  db.migrate(locations: \"a\")");
        assertThat(d).extracting(Diagnostic::severity).containsExactly(Severity.ERROR);
        assertThat(echo.directories).isEmpty();
    }
}
