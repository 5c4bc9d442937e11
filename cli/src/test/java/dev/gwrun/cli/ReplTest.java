package dev.gwrun.cli;

import dev.gwrun.host.Registry;
import dev.gwrun.stdlib.LoopbackServer;
import dev.gwrun.stdlib.StandardLibrary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** gwrun repl through a real JLine terminal over piped streams: evaluation, multi-line input, errors. */
class ReplTest {
    private static final Duration T = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    private ReplDriver repl() throws Exception {
        return repl(Map.of());
    }

    private ReplDriver repl(Map<String, String> env) throws Exception {
        ReplDriver d = new ReplDriver(dir, StandardLibrary.registry(), env, null, false, Map.of());
        d.await("gwrun> ");
        return d;
    }

    @Test
    void letsPersistAndValuesPrint() throws Exception {
        try (ReplDriver r = repl()) {
            r.line("let x = 40 + 2");
            r.enter("x * 2", "84\n", T);
            r.enter("\"v${x}\".upper()", "V42\n", T);
            assertThat(r.quit()).isEqualTo(0);
        }
    }

    @Test
    void errorsRenderLikeEverywhereAndTheSessionGoesOn() throws Exception {
        try (ReplDriver r = repl()) {
            r.line("let count = 1");
            String s = r.enter("cuont + 1", "did you mean 'count'?", T);
            assertThat(s).contains("<repl>:1:1: error: 'cuont' is not defined — did you mean 'count'?\ncuont + 1\n^~~~~\n");
            int m = r.mark();
            r.line("let r = {a: 1}");
            r.line("r.b");
            r.await("error: the map has no key 'b'", m, T);
            s = r.enter("fail \"boom\"", "error: boom", T);
            assertThat(s).contains("<repl>:1:1: error: boom\n");
            r.enter("count + 1", "2\n", T);
            assertThat(r.quit()).isEqualTo(0);
        }
    }

    @Test
    void aWholeStepWithItsOnFailureBlockCanBeTypedOverSeveralLines() throws Exception {
        try (ReplDriver r = repl()) {
            int m = r.mark();
            r.line("step \"probe\" retry 2 backoff 10ms {");
            r.await(" > ", m, T);
            r.line("  log \"trying\"");
            r.line("  fail \"still down\"");
            r.line("} on failure {");
            r.line("  log \"handled: ${error.message}\"");
            r.line("  recover");
            r.line("}");
            String s = r.await("recovered", m, T);
            assertThat(s.substring(m)).contains("● probe", "attempt 2/2", "handled: still down");
            m = r.mark();
            r.line("on failure {");
            r.line("  log \"x\"");
            r.line("}");
            s = r.await("hint: write '} on failure {' on the line of the '}' that closes the step", m, T);
            assertThat(s.substring(m)).contains("<repl>:1:12: error: at the prompt an 'on failure' block belongs to a step");
            m = r.mark();
            r.line("let items = [\"a\",");
            r.line("  \"b\"]");
            r.line("items.len()");
            r.await("2\n", m, T);
            assertThat(r.quit()).isEqualTo(0);
        }
    }

    @Test
    void anHttpResponseShowsStatusHeadersAndIndentedJson() throws Exception {
        try (LoopbackServer server = LoopbackServer.start()
                .json("/status", 200, "{\"service\":\"api\",\"version\":\"1.4.2\",\"checks\":{\"db\":\"ok\",\"cache\":\"ok\",\"queue\":\"degraded\"}}");
             ReplDriver r = repl()) {
            String shown = r.enter("http.get(\"" + server.url("/status") + "\")", "\"queue\": \"degraded\"", T);
            assertThat(shown).containsPattern("HTTP 200  \\((\\d+s)?\\d+ms\\)  http://127\\.0\\.0\\.1:\\d+/status");
            assertThat(shown).containsIgnoringCase("content-type: application/json");
            assertThat(shown).contains("{\n  \"service\": \"api\",\n  \"version\": \"1.4.2\",\n  \"checks\": {\"db\": \"ok\"");
            String s = r.enter("[{name: \"api-blue\", state: \"running\"}, {name: \"api-green\", state: \"exited\"}]", "(2 rows)", T);
            assertThat(s).contains("name       state\napi-blue   running\napi-green  exited\n(2 rows)");
            assertThat(r.quit()).isEqualTo(0);
        }
    }

    @Test
    void commandsHelpAndDocumentFromTheSignatureTable() throws Exception {
        try (ReplDriver r = repl()) {
            String s = r.enter(":help", ":quit", T);
            assertThat(s).contains(":load FILE [-p NAME=VALUE]…", ":steps", ":goto NAME", ":doc NAME", ":save FILE", ":note TEXT");
            s = r.enter(":doc http.get", "query parameters to add", T);
            assertThat(s).contains("http.get(url: string, headers?: map, timeout?: duration, query?: map)  → HTTP response, read",
                    "url: string  the URL, starting with http:// or https://");
            r.enter(":doc htp", "error: no function or module 'htp' — did you mean 'http'?", T);
            r.enter(":stpes", "error: unknown command ':stpes' — did you mean ':steps'? (:help lists them)", T);
            int m = r.mark();
            r.line("let answer = 42");
            r.line(":vars");
            r.await("answer  int  42", m, T);
            assertThat(r.quit()).isEqualTo(0);
        }
    }
}
