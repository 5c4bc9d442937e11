package dev.gwrun.stdlib;

import dev.gwrun.host.Args;
import dev.gwrun.host.Effect;
import dev.gwrun.host.HostFunction;
import dev.gwrun.host.ParamSpec;
import dev.gwrun.runtime.GwrunError;
import dev.gwrun.runtime.HostObject;
import dev.gwrun.runtime.Raw;
import dev.gwrun.runtime.Template;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** sh() called through the registry, as the interpreter calls it, running the real /bin/sh. */
@Timeout(30)
class ShModuleTest {
    private final HostFunction sh = StandardLibrary.registry().function("sh");

    @TempDir Path dir;
    private TestCallContext ctx;

    @BeforeEach
    void setUp() throws IOException {
        ctx = new TestCallContext(dir);
        // Targets for hostile values: a glob that would match, a directory an injected rm would delete.
        Files.createDirectory(dir.resolve("victim"));
        Files.writeString(dir.resolve("a.txt"), "a");
    }

    // ---- results ----

    @Test
    void capturesStdoutStderrAndExit() throws Exception {
        HostObject r = sh("echo out; echo err >&2");
        assertThat(r.typeName()).isEqualTo("sh result");
        assertThat(r.fieldNames()).containsExactly("exit", "stdout", "stderr", "ok", "elapsed");
        assertThat(r.field("exit")).isEqualTo(0L);
        assertThat(r.field("stdout")).isEqualTo("out");
        assertThat(r.field("stderr")).isEqualTo("err");
        assertThat(r.field("ok")).isEqualTo(true);
        assertThat((Duration) r.field("elapsed")).isGreaterThan(Duration.ZERO).isLessThan(Duration.ofSeconds(10));
        assertThat(r.describe()).isEqualTo("exit 0: err");
        assertThat(ctx.lines("log")).containsExactly("$ echo out; echo err >&2");
        assertThat(ctx.lines("stdout")).containsExactly("out");
        assertThat(ctx.lines("stderr")).containsExactly("err");
    }

    @Test
    void aHugeOutputIsKeptAsItsBeginningAndEndAndLoggedInPieces() throws Exception {
        // 12 MiB on one line, then a last line: more than the 4 + 4 MiB a stream keeps.
        HostObject r = sh("printf BEGIN; head -c 12582912 /dev/zero | tr '\\0' x; printf 'END\\nlast line\\n'");
        assertThat(r.field("exit")).isEqualTo(0L);
        String out = (String) r.field("stdout");
        long total = "BEGIN".length() + 12582912 + "END\n".length() + "last line\n".length();
        long cut = total - OutputCapture.HEAD - OutputCapture.TAIL;
        assertThat(out).startsWith("BEGINxxx").endsWith("xxxEND\nlast line")
                .contains("\n… [" + cut + " characters left out] …\n");
        assertThat(out.length()).isLessThan(OutputCapture.HEAD + OutputCapture.TAIL + 100);
        // The log got all of it: the long line in pieces of at most MAX_LINE characters, then the last line.
        List<String> logged = ctx.lines("stdout");
        assertThat(logged).allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(ShModule.MAX_LINE));
        assertThat(logged.stream().mapToLong(String::length).sum()).isEqualTo(total - 1 - 1);
        assertThat(logged.get(logged.size() - 1)).isEqualTo("last line");
        assertThat(r.describe()).isEqualTo("exit 0: last line");
    }

    @Test
    void stripsOnlyOneTrailingNewline() throws Exception {
        HostObject r = sh("printf 'a\\n\\nb\\n\\n'");
        assertThat(r.field("stdout")).isEqualTo("a\n\nb\n");
        assertThat(ctx.lines("stdout")).containsExactly("a", "", "b", "");
        assertThat(sh("printf 'no newline'").field("stdout")).isEqualTo("no newline");
        assertThat(sh("printf 'crlf\\r\\n'").field("stdout")).isEqualTo("crlf");
    }

    @Test
    void checkFalseReturnsTheNonZeroExit() throws Exception {
        HostObject r = call(Map.of("command", "echo partial; echo oops >&2; exit 3", "check", false));
        assertThat(r.field("exit")).isEqualTo(3L);
        assertThat(r.field("ok")).isEqualTo(false);
        assertThat(r.field("stdout")).isEqualTo("partial");
        assertThat(r.describe()).isEqualTo("exit 3: oops");
        assertThat(call(Map.of("command", "echo only-out; exit 1", "check", false)).describe()).isEqualTo("exit 1: only-out");
        assertThat(call(Map.of("command", "exit 2", "check", false)).describe()).isEqualTo("exit 2");
    }

    @Test
    void describeTruncatesLongLinesTo200Characters() throws Exception {
        HostObject r = call(Map.of("command", "printf 'x%.0s' $(seq 1 300) >&2; exit 1", "check", false));
        String line = r.describe().substring("exit 1: ".length());
        assertThat(line).hasSize(200).startsWith("xxx").endsWith("…");
    }

    @Test
    void checkTrueFailsWithTheCommandAndTheLast20LinesOfStderr() {
        String command = "echo out; i=1; while [ $i -le 25 ]; do echo \"err $i\" >&2; i=$((i+1)); done; exit 3";
        GwrunError e = failure(Map.of("command", command));
        assertThat(e.kind()).isEqualTo("sh");
        StringBuilder expected = new StringBuilder("command failed with exit 3: " + command);
        for (int i = 6; i <= 25; i++) expected.append("\nerr ").append(i);
        assertThat(e.getMessage()).isEqualTo(expected.toString());
    }

    @Test
    void checkTrueFailureWithoutStderrIsOneLine() {
        assertThat(failure(Map.of("command", "false")).getMessage()).isEqualTo("command failed with exit 1: false");
    }

    // ---- streaming ----

    @Test
    void outputLinesArriveInOrderWhileTheCommandRuns() throws Exception {
        HostObject r = sh("echo first; sleep 1; echo second; echo third >&2; echo fourth");
        long returned = System.nanoTime();
        assertThat(r.field("stdout")).isEqualTo("first\nsecond\nfourth");
        assertThat(ctx.lines("stdout")).containsExactly("first", "second", "fourth");
        assertThat(ctx.lines("stderr")).containsExactly("third");
        TestCallContext.Line first = ctx.lines().stream().filter(l -> l.text().equals("first")).findFirst().orElseThrow();
        TestCallContext.Line second = ctx.lines().stream().filter(l -> l.text().equals("second")).findFirst().orElseThrow();
        assertThat(Duration.ofNanos(returned - first.nanos())).isGreaterThan(Duration.ofMillis(700));
        assertThat(Duration.ofNanos(second.nanos() - first.nanos())).isGreaterThan(Duration.ofMillis(700));
    }

    @Test
    void streamedOutputAndTheLoggedCommandGoThroughTheMask() throws Exception {
        ctx.registerSecret("hunter2");
        HostObject r = sh("echo token=hunter2; echo hunter2 >&2");
        assertThat(ctx.lines("log")).containsExactly("$ echo token=***; echo hunter2 >&2".replace("echo hunter2", "echo ***"));
        assertThat(ctx.lines("stdout")).containsExactly("token=***");
        assertThat(ctx.lines("stderr")).containsExactly("***");
        assertThat(r.field("stdout")).isEqualTo("token=hunter2");
    }

    @Test
    void aSecretThatNeedsQuotingIsStillMaskedInTheLoggedCommandAndTheFailure() throws Exception {
        ctx.registerSecret("it's hunter2");
        HostObject r = sh(template(lit("printf '%s\\n' "), val("it's hunter2")));
        assertThat(r.field("stdout")).isEqualTo("it's hunter2");
        assertThat(ctx.lines("log")).containsExactly("$ printf '%s\\n' '***'");
        assertThat(ctx.lines("stdout")).containsExactly("***");
        GwrunError e = failure(Map.of("command", template(lit("test "), val("it's hunter2"), lit(" = x"))));
        assertThat(e.getMessage()).isEqualTo("command failed with exit 1: test '***' = x");
    }

    // ---- quoting ----

    @ParameterizedTest
    @ValueSource(strings = {
            "x; touch pwned", "x; rm -rf victim; touch pwned", "x && rm -rf victim", "x | touch pwned",
            "$(touch pwned)", "`touch pwned`", "a'b\"c", "'", "'; touch pwned; '", "\"; touch pwned; \"",
            "--help", "-n", "*", "victim/*", "~", "$HOME", "${PATH}", "a\\b", "line1\nline2; touch pwned\n",
            "", " ", "  padded  ", "> pwned", "< /etc/passwd", "&", "#comment", "x\ty",
            "héllo wörld ✓ 日本語 🚀", "%s%d%n"})
    void hostileValuesStayOneArgumentAndRunNothing(String value) throws Exception {
        HostObject r = sh(template(lit("printf '%s\\n' "), val(value)));
        // printf adds one newline per argument and sh() strips one: one argument gives back exactly the value.
        assertThat(r.field("stdout")).isEqualTo(value);
        assertNothingInjected();
    }

    @Test
    void hostileValuesInANestedOrConcatenatedTemplateAreQuotedToo() throws Exception {
        Template inner = template(lit("--name="), val("$(touch pwned); x"));
        assertThat(sh(template(lit("printf '%s\\n' "), val(inner))).field("stdout")).isEqualTo("--name=$(touch pwned); x");
        Object concatenated = Template.concat(template(lit("printf '%s\\n' "), val("`touch pwned` y")), " done");
        assertThat(sh(concatenated).field("stdout")).isEqualTo("`touch pwned` y\ndone");
        assertNothingInjected();
    }

    @Test
    void aListInterpolatesAsOneArgumentPerElement() throws Exception {
        List<Object> files = Arrays.asList("a b", "$(touch pwned)", "", "x'y", 7L, null, "*");
        HostObject r = sh(template(lit("printf '[%s]' "), val(files)));
        assertThat(r.field("stdout")).isEqualTo("[a b][$(touch pwned)][][x'y][7][][*]");
        assertNothingInjected();
    }

    @Test
    void rawOptsOutOfQuoting() throws Exception {
        assertThat(sh(template(lit("echo hello "), val(new Raw("| tr a-z A-Z")))).field("stdout")).isEqualTo("HELLO");
        assertThat(sh(template(lit("ls "), val(new Raw("*.txt")))).field("stdout")).isEqualTo("a.txt");
    }

    @Test
    void aPlainStringRunsAsWritten() throws Exception {
        assertThat(sh("echo $((1+2)) | tr 3 x; ls *.txt").field("stdout")).isEqualTo("x\na.txt");
    }

    @Test
    void aMapInterpolatedIsATypeErrorAndNothingRuns() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("k", "v");
        GwrunError e = failure(Map.of("command", template(lit("echo "), val(map))));
        assertThat(e.kind()).isEqualTo("type");
        assertThat(e.getMessage()).startsWith("a map cannot be interpolated into a shell command");
        assertThat(ctx.lines()).isEmpty();
    }

    // ---- cwd, env, stdin ----

    @Test
    void runsInTheRunbookDirectoryOrInCwdResolvedAgainstIt() throws Exception {
        Files.createDirectory(dir.resolve("sub"));
        assertThat(Path.of((String) sh("pwd -P").field("stdout"))).isEqualTo(dir.toRealPath());
        HostObject r = call(Map.of("command", "pwd -P", "cwd", "sub"));
        assertThat(Path.of((String) r.field("stdout"))).isEqualTo(dir.resolve("sub").toRealPath());
        HostObject abs = call(Map.of("command", "pwd -P", "cwd", dir.resolve("victim").toString()));
        assertThat(Path.of((String) abs.field("stdout"))).isEqualTo(dir.resolve("victim").toRealPath());
    }

    @Test
    void aMissingCwdFailsInWords() {
        GwrunError e = failure(Map.of("command", "pwd", "cwd", "nope"));
        assertThat(e.kind()).isEqualTo("sh");
        assertThat(e.getMessage()).isEqualTo("sh: working directory " + dir.resolve("nope") + " does not exist");
    }

    @Test
    void envAddsVariablesToTheInheritedOnes() throws Exception {
        Map<String, Object> env = new LinkedHashMap<>();
        env.put("GREETING", "hi there");
        env.put("N", 3L);
        HostObject r = call(Map.of("command", "echo \"$GREETING $N\"; test -n \"$PATH\" && echo path", "env", env));
        assertThat(r.field("stdout")).isEqualTo("hi there 3\npath");
    }

    @Test
    void anInvalidEnvNameIsATypeError() {
        GwrunError e = failure(Map.of("command", "true", "env", Map.of("A=B", "x")));
        assertThat(e.kind()).isEqualTo("type");
        assertThat(e.getMessage()).startsWith("sh: env: ");
    }

    @Test
    void stdinIsWrittenThenClosed() throws Exception {
        assertThat(call(Map.of("command", "sort", "stdin", "b\na\n")).field("stdout")).isEqualTo("a\nb");
        assertThat(call(Map.of("command", "cat", "stdin", "héllo")).field("stdout")).isEqualTo("héllo");
    }

    @Test
    @Timeout(10)
    void withoutStdinTheInputIsClosedAtOnce() throws Exception {
        assertThat(sh("cat; echo done").field("stdout")).isEqualTo("done");
    }

    @Test
    @Timeout(10)
    void stdinTheCommandNeverReadsDoesNotBlock() throws Exception {
        String big = "x".repeat(4 * 1024 * 1024);
        assertThat(call(Map.of("command", "echo ignored", "stdin", big)).field("stdout")).isEqualTo("ignored");
    }

    // ---- timeout and cancellation ----

    @Test
    void timeoutKillsTheCommandAndFailsInWords() {
        long start = System.nanoTime();
        GwrunError e = failure(Map.of("command", "sleep 30", "timeout", Duration.ofMillis(300)));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
        assertThat(e.kind()).isEqualTo("timeout");
        assertThat(e.getMessage()).isEqualTo("command timed out after 300ms: sleep 30");
    }

    @Test
    void aCommandWithinItsTimeoutSucceeds() throws Exception {
        assertThat(call(Map.of("command", "echo quick", "timeout", Duration.ofSeconds(10))).field("stdout")).isEqualTo("quick");
    }

    @Test
    void aZeroTimeoutIsATypeError() {
        assertThat(failure(Map.of("command", "true", "timeout", Duration.ZERO)).getMessage())
                .isEqualTo("sh: timeout must be longer than 0s, got 0s");
    }

    @Test
    void cancellationStopsTheCommandPromptly() {
        long start = System.nanoTime();
        cancelWhen(() -> true, 200);
        GwrunError e = failure(Map.of("command", "sleep 30"));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
        assertThat(e.kind()).isEqualTo("interrupted");
        assertThat(e.getMessage()).isEqualTo("interrupted by Ctrl-C");
    }

    @Test
    void cancellationKillsTheWholeProcessTree() throws Exception {
        // The inner shell prints its own pid and its background child's, then waits for the child.
        cancelWhen(() -> !ctx.lines("stdout").isEmpty(), 200);
        long start = System.nanoTime();
        GwrunError e = failure(Map.of("command", "sh -c 'sleep 30 & echo $$ $!; wait'"));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
        assertThat(e.kind()).isEqualTo("interrupted");
        List<Long> pids = Arrays.stream(ctx.lines("stdout").get(0).split(" ")).map(Long::parseLong).toList();
        assertThat(pids).hasSize(2);
        for (long pid : pids) assertThat(eventually(() -> !running(pid))).as("process %d is gone", pid).isTrue();
    }

    @Test
    void anAlreadyCancelledTokenRunsNothing() {
        ctx.cancellation().cancel(new GwrunError("cancelled", "a parallel branch failed"));
        GwrunError e = failure(Map.of("command", "touch pwned"));
        assertThat(e.kind()).isEqualTo("cancelled");
        assertThat(ctx.lines()).isEmpty();
        assertThat(dir.resolve("pwned")).doesNotExist();
    }

    @Test
    @Timeout(10)
    void aBackgroundJobHoldingTheOutputDoesNotHangTheCall() throws Exception {
        long start = System.nanoTime();
        HostObject r = sh("sleep 3 & echo started");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(2500));
        // Whether the JDK closes the pipe when the shell exits or sh() stops waiting after its grace, the output is kept.
        assertThat(r.field("stdout")).isEqualTo("started");
    }

    // ---- failures to start, signature ----

    @Test
    void aCommandThatCannotStartIsAnShErrorNotAnIOException() {
        GwrunError e = failure(Map.of("command", "echo a\0b"));
        assertThat(e.kind()).isEqualTo("sh");
        assertThat(e.getMessage()).startsWith("cannot run /bin/sh: ");
    }

    @Test
    void theSignatureDescribesEveryParameterAndTheResult() {
        assertThat(sh.signature().returns()).isSameAs(ShModule.RESULT_TYPE);
        assertThat(ShModule.RESULT_TYPE.fields()).containsOnlyKeys("exit", "stdout", "stderr", "ok", "elapsed");
        assertThat(sh.signature().effect()).isEqualTo(Effect.CHANGE);
        assertThat(sh.signature().doc()).isNotBlank();
        assertThat(sh.signature().params()).extracting(ParamSpec::doc).allSatisfy(d -> assertThat(d).isNotBlank());
        assertThat(sh.signature().display())
                .isEqualTo("sh(command: string, check?: bool, cwd?: string, env?: map, timeout?: duration, stdin?: string)");
    }

    // ---- helpers ----

    private HostObject sh(Object command) throws Exception {
        return call(Map.of("command", command));
    }

    private HostObject call(Map<String, Object> args) throws Exception {
        return (HostObject) sh.call(new Args(sh.signature(), new HashMap<>(args)), ctx);
    }

    private GwrunError failure(Map<String, Object> args) {
        return catchThrowableOfType(GwrunError.class, () -> call(args));
    }

    private void assertNothingInjected() {
        assertThat(dir.resolve("pwned")).doesNotExist();
        assertThat(dir.resolve("victim")).isDirectory();
    }

    private static Template template(Template.Piece... pieces) {
        return new Template(List.of(pieces));
    }

    private static Template.Piece lit(String text) {
        return new Template.Piece(true, text);
    }

    private static Template.Piece val(Object value) {
        return new Template.Piece(false, value);
    }

    /** Cancels the context from another thread, delayMillis after ready() first holds, as Ctrl-C would. */
    private void cancelWhen(BooleanSupplier ready, long delayMillis) {
        Thread t = new Thread(() -> {
            if (!eventually(ready)) return;
            try {
                Thread.sleep(delayMillis);
            } catch (InterruptedException e) {
                return;
            }
            ctx.cancellation().cancel(new GwrunError("interrupted", "interrupted by Ctrl-C"));
        });
        t.setDaemon(true);
        t.start();
    }

    private static boolean eventually(BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) return true;
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return condition.getAsBoolean();
    }

    /** Alive and not a zombie: a killed child may linger unreaped when PID 1 does not reap orphans. */
    private static boolean running(long pid) {
        Path stat = Path.of("/proc", Long.toString(pid), "stat");
        if (!Files.isDirectory(Path.of("/proc/self"))) return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
        try {
            String s = Files.readString(stat);
            char state = s.charAt(s.lastIndexOf(')') + 2);
            return state != 'Z' && state != 'X';
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }
}
