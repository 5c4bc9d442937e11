import dev.gwrun.ast.Runbook;
import dev.gwrun.check.Checker;
import dev.gwrun.host.Registry;
import dev.gwrun.parse.ParseResult;
import dev.gwrun.parse.Parsing;
import dev.gwrun.source.SourceFile;
import dev.gwrun.stdlib.StandardLibrary;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Parse+check throughput, in process. Usage (from the repository root):
 *   java -cp cli/target/gwrun.jar bench/ParseBench.java gen LINES OUT.gwrun   -- writes a runbook of about LINES lines
 *   java -cp cli/target/gwrun.jar bench/ParseBench.java run FILE [ROUNDS]     -- prints cold and warm figures
 */
public class ParseBench {
    public static void main(String[] args) throws Exception {
        if (args[0].equals("gen")) {
            generate(Integer.parseInt(args[1]), Path.of(args[2]));
            return;
        }
        Path file = Path.of(args[1]);
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 20;
        String text = Files.readString(file);
        long lines = text.lines().count();
        Registry registry = StandardLibrary.registry();
        List<Long> nanos = new ArrayList<>();
        for (int i = 0; i < rounds + 1; i++) {
            long t0 = System.nanoTime();
            ParseResult<Runbook> parsed = Parsing.parseRunbook(new SourceFile(file.toString(), file, text));
            if (!parsed.ok()) throw new IllegalStateException("generated runbook does not parse: " + parsed.diagnostics());
            int errors = (int) new Checker(registry).check(parsed.ast()).stream().filter(d -> d.isError()).count();
            if (errors > 0) throw new IllegalStateException("generated runbook has " + errors + " check errors");
            nanos.add(System.nanoTime() - t0);
        }
        long cold = nanos.remove(0);
        Collections.sort(nanos);
        long warm = nanos.get(nanos.size() / 2);
        System.out.printf("parse+check %,d lines: cold %.1f ms (%,.0f lines/s), warm median of %d %.1f ms (%,.0f lines/s); warm is %.1fx faster than cold%n",
                lines, cold / 1e6, lines / (cold / 1e9), rounds, warm / 1e6, lines / (warm / 1e9), (double) cold / warm);
    }

    /** A runbook shaped like real ones: params, lets, guards, steps with http calls, waits, loops, handlers. */
    static void generate(int target, Path out) throws Exception {
        StringBuilder b = new StringBuilder();
        b.append("runbook \"generated\" {\n  description \"Generated for the parse+check benchmark\"\n");
        b.append("  param base_url: string = \"http://127.0.0.1:8000\"\n  param attempts: int = 3\n  param version: string = \"dev\"\n\n");
        b.append("  fn url(path) {\n    return \"${base_url}${path}\"\n  }\n\n");
        int i = 0;
        while (b.toString().lines().count() < target - 20) {
            b.append("  let path_").append(i).append(" = \"/api/v1/items/").append(i).append("\"\n");
            b.append("  guard path_").append(i).append(".starts_with(\"/\") else \"bad path ${path_").append(i).append("}\"\n");
            b.append("  step \"check ").append(i).append("\" timeout 1m retry attempts backoff 1s {\n");
            b.append("    let r = http.get(url(path_").append(i).append("), headers: {\"X-Version\": version}, timeout: 5s)\n");
            b.append("    if r.status >= 500 and not (r.status == 503) {\n      fail \"server error ${r.status}: ${r.body}\"\n    } else if r.status == 404 {\n      log \"missing ${path_").append(i).append("}\"\n    }\n");
            b.append("    for tag in [\"a\", \"b\", \"c\"] {\n      log \"tag ${tag} of ${i_").append(i).append("_name()}\"\n    }\n");
            b.append("    wait until http.get(url(\"/health\")).status == 200 every 500ms timeout 30s\n");
            b.append("  } on failure {\n    log \"step ${error.step} failed: ${error.message}\"\n  }\n");
            b.append("  fn i_").append(i).append("_name() {\n    return \"item-").append(i).append("\" + \"-\" + str(").append(i).append(" * 2 + 1)\n  }\n\n");
            i++;
        }
        b.append("  on failure { log \"failed: ${error.message}\" }\n  always { log \"done\" }\n}\n");
        Files.writeString(out, b.toString());
    }
}
