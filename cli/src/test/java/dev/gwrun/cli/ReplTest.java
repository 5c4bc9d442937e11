package dev.gwrun.cli;

import dev.gwrun.host.Registry;
import dev.gwrun.stdlib.LoopbackServer;
import dev.gwrun.stdlib.StandardLibrary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** gwrun repl through a real JLine terminal over piped streams: evaluation, multi-line input, errors. */
class ReplTest {
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
            r.enter("x * 2", "84\n", java.time.Duration.ofSeconds(10));
            r.enter("\"v${x}\".upper()", "V42\n", java.time.Duration.ofSeconds(10));
            assertThat(r.quit()).isEqualTo(0);
        }
    }

    @Test
    void errorsRenderLikeEverywhereAndTheSessionGoesOn() throws Exception {
        try (ReplDriver r = repl()) {
            r.line("let count = 1");
            int m = r.mark();
            r.line("cuont + 1");
            String s = r.await("did you mean 'count'?", m, java.time.Duration.ofSeconds(10));
            assertThat(s.substring(m)).contains("<repl>:1:1: error: 'cuont' is not defined — did you mean 'count'?\ncuont + 1\n^~~~~\n");
            m = r.mark();
            r.line("let r = {a: 1}");
            r.line("r.b");
            r.await("error: the map has no key 'b'", m, java.time.Duration.ofSeconds(10));
            m = r.mark();
            r.line("fail \"boom\"");
            s = r.await("error: boom", m, java.time.Duration.ofSeconds(10));
            assertThat(s.substring(m)).contains("<repl>:1:1: error: boom\n");
            r.enter("count + 1", "2\n", java.time.Duration.ofSeconds(10));
            assertThat(r.quit()).isEqualTo(0);
        }
    }

    @Test
    void aWholeStepWithItsOnFailureBlockCanBeTypedOverSeveralLines() throws Exception {
        try (ReplDriver r = repl()) {
            int m = r.mark();
            r.line("step \"probe\" retry 2 backoff 10ms {");
            r.await(" > ", m, java.time.Duration.ofSeconds(10));
            r.line("  log \"trying\"");
            r.line("  fail \"still down\"");
            r.line("} on failure {");
            r.line("  log \"handled: ${error.message}\"");
            r.line("  recover");
            r.line("}");
            String s = r.await("recovered", m, java.time.Duration.ofSeconds(10));
            assertThat(s.substring(m)).contains("● probe", "attempt 2/2", "handled: still down");
            m = r.mark();
            r.line("on failure {");
            r.line("  log \"x\"");
            r.line("}");
            s = r.await("hint: write '} on failure {' on the line of the '}' that closes the step", m, java.time.Duration.ofSeconds(10));
            assertThat(s.substring(m)).contains("<repl>:1:12: error: at the prompt an 'on failure' block belongs to a step");
            m = r.mark();
            r.line("let items = [\"a\",");
            r.line("  \"b\"]");
            r.line("items.len()");
            r.await("2\n", m, java.time.Duration.ofSeconds(10));
            assertThat(r.quit()).isEqualTo(0);
        }
    }

    @Test
    void anHttpResponseShowsStatusHeadersAndIndentedJson() throws Exception {
        try (LoopbackServer server = LoopbackServer.start()
                .json("/status", 200, "{\"service\":\"api\",\"version\":\"1.4.2\",\"checks\":{\"db\":\"ok\",\"cache\":\"ok\",\"queue\":\"degraded\"}}");
             ReplDriver r = repl()) {
            int m = r.mark();
            r.line("http.get(\"" + server.url("/status") + "\")");
            String s = r.await("\"queue\": \"degraded\"", m, java.time.Duration.ofSeconds(10));
            String shown = s.substring(m);
            assertThat(shown).containsPattern("HTTP 200  \\((\\d+s)?\\d+ms\\)  http://127\\.0\\.0\\.1:\\d+/status");
            assertThat(shown).containsIgnoringCase("content-type: application/json");
            assertThat(shown).contains("{\n  \"service\": \"api\",\n  \"version\": \"1.4.2\",\n  \"checks\": {\"db\": \"ok\"");
            m = r.mark();
            r.line("[{name: \"api-blue\", state: \"running\"}, {name: \"api-green\", state: \"exited\"}]");
            s = r.await("(2 rows)", m, java.time.Duration.ofSeconds(10));
            assertThat(s.substring(m)).contains("name       state\napi-blue   running\napi-green  exited\n(2 rows)");
            assertThat(r.quit()).isEqualTo(0);
        }
    }

    @Test
    void commandsHelpAndDocumentFromTheSignatureTable() throws Exception {
        try (ReplDriver r = repl()) {
            int m = r.mark();
            r.line(":help");
            String s = r.await(":quit", m, java.time.Duration.ofSeconds(10)).substring(m);
            assertThat(s).contains(":load FILE [-p NAME=VALUE]…", ":steps", ":goto NAME", ":doc NAME", ":save FILE", ":note TEXT");
            m = r.mark();
            r.line(":doc http.get");
            s = r.await("query parameters to add", m, java.time.Duration.ofSeconds(10)).substring(m);
            assertThat(s).contains("http.get(url: string, headers?: map, timeout?: duration, query?: map)  → HTTP response, read",
                    "url: string  the URL, starting with http:// or https://");
            r.enter(":doc htp", "error: no function or module 'htp' — did you mean 'http'?", java.time.Duration.ofSeconds(10));
            r.enter(":stpes", "error: unknown command ':stpes' — did you mean ':steps'? (:help lists them)", java.time.Duration.ofSeconds(10));
            m = r.mark();
            r.line("let answer = 42");
            r.line(":vars");
            r.await("answer  int  42", m, java.time.Duration.ofSeconds(10));
            assertThat(r.quit()).isEqualTo(0);
        }
    }
}
