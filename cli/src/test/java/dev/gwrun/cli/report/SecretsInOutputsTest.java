package dev.gwrun.cli.report;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A secret in play everywhere (a param's value, log lines, a command's output, error messages, a
 * handler) while every output is written: its value appears in none of them, raw or in the
 * escaped forms JSON, XML and HTML would give it. The only place it may appear is GitHub's own
 * {@code ::add-mask::} command, which exists to tell the runner to hide it.
 */
class SecretsInOutputsTest {
    static final String SECRET = "pa55\"<w&rd>'x9";

    @TempDir
    Path dir;

    @Test
    void theSecretAppearsInNoOutput() throws IOException {
        Path env = Gwrun.envFile(dir, "DB_PASSWORD=" + SECRET, "GITHUB_ACTIONS=true", "GITHUB_WORKSPACE=" + dir,
                "GITHUB_STEP_SUMMARY=" + dir.resolve("summary.md"));
        Path events = dir.resolve("out/events.jsonl"), junit = dir.resolve("out/junit.xml"),
                md = dir.resolve("out/report.md"), html = dir.resolve("out/report.html");
        Gwrun.Result r = Gwrun.runbook(dir, "s.gwrun", """
                runbook "secret-everywhere" {
                  param password: string = secret("DB_PASSWORD")
                  param url: string = "postgresql://app:${secret("DB_PASSWORD")}@db/app"
                  step "log it" { log "password is ${password}, url is ${url}" }
                  step "command" {
                    sh("echo out:${password}; echo err:${password} >&2")
                  }
                  step "retry" retry 2 backoff 10ms {
                    fail "retrying with ${password}"
                  } on failure {
                    log "handler saw: ${error.message}"
                  }
                  always { log "always: ${password}" }
                }
                """, "--env-file", env.toString(), "--events", events.toString(), "--junit", junit.toString(),
                "--report", md.toString(), "--report", html.toString());
        assertThat(r.exit()).isEqualTo(1);

        Map<String, String> outputs = new LinkedHashMap<>();
        StringBuilder stdout = new StringBuilder();
        for (String line : r.out().split("\n")) if (!line.startsWith("::add-mask::")) stdout.append(line).append('\n');
        outputs.put("stdout", stdout.toString());
        outputs.put("stderr", r.err());
        for (Path p : new Path[]{events, junit, md, html, dir.resolve("summary.md")}) outputs.put(p.getFileName().toString(), Files.readString(p));

        String[] forms = {SECRET, "pa55\\\"<w&rd>'x9", "pa55&quot;&lt;w&amp;rd&gt;", "pa55\"&lt;w", "pa55%22%3Cw%26rd%3E"};
        outputs.forEach((name, text) -> {
            for (String form : forms) assertThat(text).as(name + " must not hold the secret as " + form).doesNotContain(form);
            assertThat(text).as(name).doesNotContain("pa55");
        });
        // The outputs did get the lines, masked: the test is not passing because nothing was written.
        assertThat(outputs.get("stdout")).contains("password is ***", "out:***", "err:***", "retrying with ***", "always: ***");
        assertThat(outputs.get("events.jsonl")).contains("\"password\":\"***\"", "out:***", "retrying with ***");
        assertThat(outputs.get("junit.xml")).contains("retrying with ***", "param.password\" value=\"***\"");
        assertThat(outputs.get("report.md")).contains("password=***", "retrying with ***");
        assertThat(outputs.get("report.html")).contains("retrying with ***");
        assertThat(r.out()).contains("::add-mask::" + SECRET);
    }
}
