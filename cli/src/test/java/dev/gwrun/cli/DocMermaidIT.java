package dev.gwrun.cli;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Mermaid flowcharts gwrun doc writes (the committed pages in runbooks/docs and the doc
 * goldens) parse with the real mermaid library from the npm registry, run in Node.js by
 * tools/mermaid-check. Without Node.js this fails when GWRUN_REQUIRE_NODE=1 (CI, set by
 * .ci/provision) and otherwise skips with a notice on stderr.
 */
class DocMermaidIT {
    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    static final Path TOOL = ROOT.resolve("tools/mermaid-check");

    @TempDir
    Path tmp;

    record Out(int exit, String text) {}

    static Out exec(Path dir, long timeoutSeconds, String... command) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " did not finish in " + timeoutSeconds + "s");
        }
        return new Out(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }

    @BeforeAll
    static void installMermaid() throws Exception {
        boolean node;
        try {
            node = exec(ROOT, 30, "node", "--version").exit() == 0 && exec(ROOT, 60, "npm", "--version").exit() == 0;
        } catch (IOException e) {
            node = false;
        }
        if (!node) {
            String why = "Node.js and npm are needed to parse the generated Mermaid diagrams (tools/mermaid-check); .ci/provision installs them";
            if ("1".equals(System.getenv("GWRUN_REQUIRE_NODE"))) throw new AssertionError(why);
            System.err.println("NOTICE: DocMermaidIT skipped: " + why);
            Assumptions.abort(why);
        }
        if (!Files.isDirectory(TOOL.resolve("node_modules/mermaid"))) {
            Out install = exec(TOOL, 600, "npm", "ci", "--no-audit", "--no-fund");
            assertThat(install.exit()).as("npm ci in tools/mermaid-check:\n" + install.text()).isEqualTo(0);
        }
    }

    @Test
    void everyGeneratedFlowchartParses() throws Exception {
        List<String> command = new ArrayList<>(List.of("node", TOOL.resolve("check.mjs").toString()));
        List<Path> pages = new ArrayList<>();
        for (Path dir : List.of(ROOT.resolve("runbooks/docs"), ROOT.resolve("cli/src/test/resources/doc"))) {
            try (Stream<Path> s = Files.list(dir)) {
                s.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
            }
        }
        assertThat(pages).hasSizeGreaterThanOrEqualTo(2);
        for (Path p : pages) command.add(p.toString());
        Out r = exec(ROOT, 120, command.toArray(new String[0]));
        assertThat(r.exit()).as(r.text()).isEqualTo(0);
        assertThat(r.text()).contains(pages.size() + " diagram(s) in " + pages.size() + " file(s), 0 failure(s)");
    }

    @Test
    void aBrokenDiagramIsRejected() throws Exception {
        Path bad = tmp.resolve("bad.md");
        Files.writeString(bad, "# x\n\n```mermaid\nflowchart TD\n  a[\"unclosed --> b\n```\n");
        Out r = exec(ROOT, 120, "node", TOOL.resolve("check.mjs").toString(), bad.toString());
        assertThat(r.exit()).as(r.text()).isEqualTo(1);
        assertThat(r.text()).contains("bad.md: diagram 1 does not parse");
    }
}
