package dev.gwrun.cli.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.gwrun.ast.Runbook;
import dev.gwrun.check.Checker;
import dev.gwrun.doc.RunbookDoc;
import dev.gwrun.format.FormatPromises;
import dev.gwrun.host.Registry;
import dev.gwrun.parse.ParseResult;
import dev.gwrun.parse.Parsing;
import dev.gwrun.plan.Plan;
import dev.gwrun.plan.PlanRenderer;
import dev.gwrun.plan.Planner;
import dev.gwrun.source.Diagnostic;
import dev.gwrun.source.DiagnosticRenderer;
import dev.gwrun.source.SourceFile;
import dev.gwrun.stdlib.FuzzInput;
import dev.gwrun.stdlib.StandardLibrary;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Coverage-guided fuzzing of the front end on runbook text: parse (file and REPL input), check, fmt,
 * plan and doc, as {@code gwrun check}, {@code fmt}, {@code plan} and {@code doc} run them. Any input
 * must end in a result or in diagnostics with a position; nothing else may escape, no input may take
 * more than 2 s, and a runbook that parses must format keeping its meaning and comments, idempotently,
 * to a text that checks to the same diagnostics.
 *
 * <p>In a normal test run this replays the seeds in {@code RunbookFuzzTestInputs/runbook/} (the
 * repository's runbooks and goldens, from {@code tools/fuzz-seeds}, and every finding so far); with
 * {@code -Pfuzz} it fuzzes. See docs/fuzzing.md.
 */
class RunbookFuzzTest {
    private static final Registry REGISTRY = StandardLibrary.registry();
    /** Sub-runbooks and Compose files a fuzzed runbook names are looked up here (a directory that does not exist). */
    private static final Path FILE = Path.of("target/fuzz-runbook/fuzz.gwrun").toAbsolutePath();
    private static final DiagnosticRenderer RENDERER = new DiagnosticRenderer(false);

    @FuzzTest(maxDuration = "2m")
    void runbook(byte[] input) throws Throwable {
        FuzzInput.check(() -> runbookOne(input));
    }

    private static void runbookOne(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8);
        SourceFile source = new SourceFile("fuzz.gwrun", FILE, text);

        ParseResult<Runbook> repl = Parsing.parseStatements(new SourceFile("<repl>", null, text));
        assertReported(repl);

        ParseResult<Runbook> parsed = Parsing.parseRunbook(source);
        assertReported(parsed);
        if (!parsed.ok()) {
            assertThat(parsed.diagnostics()).as("a file that does not parse says why").anyMatch(Diagnostic::isError);
            return;
        }
        List<Diagnostic> checked = new Checker(REGISTRY).check(parsed.ast());
        assertPositioned(checked);

        String formatted = FormatPromises.assertKept(source);
        ParseResult<Runbook> reparsed = Parsing.parseRunbook(new SourceFile("fuzz.gwrun", FILE, formatted));
        assertThat(messages(new Checker(REGISTRY).check(reparsed.ast())))
                .as("the formatted runbook checks to the same diagnostics:\n%s", formatted)
                .containsExactlyInAnyOrderElementsOf(messages(checked));

        if (checked.stream().anyMatch(Diagnostic::isError)) return;
        Plan plan = Planner.plan(parsed.ast(), Map.of(), REGISTRY, false, Map.of());
        PlanRenderer.text(plan);
        PlanRenderer.markdown(plan);
        PlanRenderer.json(plan);
        RunbookDoc.markdown(parsed.ast(), REGISTRY, "fuzz.gwrun");
    }

    private static void assertReported(ParseResult<Runbook> result) {
        assertPositioned(result.diagnostics());
        if (result.ast() == null) assertThat(result.diagnostics()).as("no AST and no reason").isNotEmpty();
    }

    /** Every diagnostic has a file:line:col and renders (excerpt and caret) without failing. */
    private static void assertPositioned(List<Diagnostic> diagnostics) {
        for (Diagnostic d : diagnostics) {
            assertThat(d.span()).as("diagnostic without a position: %s", d.message()).isNotNull();
            assertThat(d.span().start()).as("span of: %s", d.message()).isBetween(0, d.span().file().text().length());
            assertThat(RENDERER.render(d)).contains(d.message());
        }
    }

    /** What a diagnostic says, without where: formatting moves lines, also those a message names ("first on line 7"). */
    private static List<String> messages(List<Diagnostic> diagnostics) {
        return diagnostics.stream().map(d -> (d.severity() + " " + d.rule() + " " + d.message()).replaceAll("\\bline \\d+", "line N")).toList();
    }
}
