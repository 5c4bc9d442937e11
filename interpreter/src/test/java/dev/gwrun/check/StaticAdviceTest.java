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
import dev.gwrun.source.DiagnosticRenderer;
import dev.gwrun.source.Severity;
import dev.gwrun.source.SourceFile;
import dev.gwrun.source.Span;
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

    /**
     * Loads the files named by a literal {@code files:} as compose.project would, reporting each line holding
     * "oops" as an error there, each "old" as a warning there, and a missing file as an error without a span.
     */
    private static final class Files implements HostFunction, StaticAdvice {
        final List<java.util.Set<String>> computed = new ArrayList<>();

        @Override
        public Signature signature() {
            return new Signature("db.project", List.of(ParamSpec.required("files", Type.ANY, "which")), Type.ANY, Effect.READ, "test");
        }

        @Override public Object call(Args args, CallContext ctx) { return null; }

        @Override
        public List<Diagnostic> diagnose(Map<String, Object> literalArgs, java.util.Set<String> computedArgs, Path directory, Span callSite) {
            List<Diagnostic> out = new ArrayList<>();
            computed.add(computedArgs);
            if (!(literalArgs.get("files") instanceof List<?> files)) return out;
            for (Object f : files) {
                Path path = directory.resolve(f.toString());
                SourceFile source;
                try {
                    source = new SourceFile(f.toString(), path, java.nio.file.Files.readString(path));
                } catch (java.io.IOException e) {
                    out.add(Diagnostic.error(null, f + ": no such file"));
                    continue;
                }
                for (int line = 1; line <= source.lineCount(); line++) {
                    String text = source.line(line);
                    int start = offsetOf(source, line);
                    if (text.contains("oops")) {
                        int at = start + text.indexOf("oops");
                        out.add(Diagnostic.error(new Span(source, at, at + 4), "not a port: oops"));
                    }
                    if (text.contains("old")) {
                        int at = start + text.indexOf("old");
                        out.add(Diagnostic.warning(new Span(source, at, at + 3), "compose-obsolete", "'old' is obsolete"));
                    }
                }
            }
            return out;
        }

        private static int offsetOf(SourceFile source, int line) {
            int offset = 0;
            for (int l = 1; l < line; l++) offset = source.text().indexOf('\n', offset) + 1;
            return offset;
        }
    }

    private final Echo echo = new Echo();
    private final Files files = new Files();

    private List<Diagnostic> check(String body) {
        Registry registry = new Registry(List.of(new HostModule() {
            @Override public String name() { return "db"; }

            @Override public String doc() { return "test"; }

            @Override public List<HostFunction> functions() { return List.of(echo, files); }
        }));
        String text = "runbook \"r\" {\n  let u = \"x\"\n" + body + "\n}\n";
        ParseResult<Runbook> parsed = Parsing.parseRunbook(new SourceFile("r.gwrun", dir.resolve("r.gwrun"), text));
        assertThat(parsed.diagnostics()).isEmpty();
        // 'u' exists for the cases that pass it as a non-literal; elsewhere lint rightly calls it unused.
        return new Checker(registry).check(parsed.ast()).stream().filter(d -> !"unused-let".equals(d.rule())).toList();
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

    @Test
    void diagnosticsOfAnotherFileStandAtTheirOwnLinesAndErrorsCount() throws Exception {
        java.nio.file.Files.writeString(dir.resolve("compose.yaml"), "services:\n  web:\n    ports: [oops]\n    old: true\n");
        List<Diagnostic> d = check("  db.project([\"compose.yaml\"])");
        assertThat(d).map(x -> x.span().file().name() + ":" + describe(x)).containsExactly(
                "compose.yaml:3:13: error: not a port: oops [null]",
                "compose.yaml:4:5: warning: 'old' is obsolete [compose-obsolete]");
        assertThat(new DiagnosticRenderer(false).render(d.get(0))).isEqualTo("""
                compose.yaml:3:13: error: not a port: oops
                    ports: [oops]
                            ^~~~
                """);
    }

    @Test
    void aDiagnosticWithoutASpanStandsAtTheCall() {
        assertThat(check("  db.project([\"missing.yaml\"])")).map(StaticAdviceTest::describe)
                .containsExactly("3:3: error: missing.yaml: no such file [null]");
    }

    // found by fuzzing (RunbookFuzzTestInputs/runbook/finding-nul-in-flyway-locations): an InvalidPathException escaped check
    @Test
    void aLiteralPathTheJdkRefusesIsAnErrorAtTheCallNotAnException() {
        assertThat(check("  db.project([\"a\0.yaml\"])")).map(StaticAdviceTest::describe)
                .containsExactly("3:3: error: db.project: an argument is not a file path (Nul character not allowed) [null]");
    }

    @Test
    void theirErrorsDoNotHoldBackTheLintRulesAndKeepTheCallsOrder() throws Exception {
        java.nio.file.Files.writeString(dir.resolve("a.yaml"), "x: oops\n");
        List<Diagnostic> d = check("  db.migrate(\"u\")\n  db.project([\"a.yaml\"])\n  db.migrate(\"v\")");
        assertThat(d).map(x -> x.span().file().name() + ":" + x.span().line() + ": " + x.message())
                .containsExactly("r.gwrun:3: literals {url=u}", "a.yaml:1: not a port: oops", "r.gwrun:5: literals {url=v}");
    }

    @Test
    void theFunctionIsToldWhichArgumentsAreComputed() throws Exception {
        java.nio.file.Files.writeString(dir.resolve("x.yaml"), "services: {}\n");
        assertThat(check("  db.project([u])\n  db.project(files: [\"x.yaml\"])")).isEmpty();
        assertThat(files.computed).containsExactly(java.util.Set.of("files"), java.util.Set.of());
    }
}
