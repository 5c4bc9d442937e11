package dev.gwrun.cli.repl;

import dev.gwrun.engine.Stepper;
import dev.gwrun.grammar.GwrunLexer;
import dev.gwrun.host.HostFunction;
import dev.gwrun.host.HostModule;
import dev.gwrun.host.Methods;
import dev.gwrun.host.ParamSpec;
import dev.gwrun.host.Signature;
import dev.gwrun.runtime.HostObject;
import dev.gwrun.runtime.Values;
import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Tab completion, read from the same registry the checker uses: keywords, modules, functions
 * (with their signature), the named parameters of the call being typed (signature help after
 * {@code docker.run(}), variables and their fields, step names for {@code :goto}, file paths for
 * path arguments, and live values a module offers for an argument (container names).
 */
final class ReplCompleter implements Completer {
    private static final List<String> KEYWORDS = keywords();
    private static final Pattern PATH_PARAM = Pattern.compile("(?i).*(path|file|dir|directory|location)s?");
    private static final Pattern RUN_BEFORE = Pattern.compile("(?s).*\\brun\\s*$");
    private static final Pattern NAMED_BEFORE = Pattern.compile("(?s).*?([A-Za-z_][A-Za-z0-9_]*)\\s*:\\s*$");
    private static final Pattern CALLEE = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*(?:\\.[A-Za-z_][A-Za-z0-9_]*)?)\\s*$");
    private final ReplContext ctx;
    private final CommandTable commands;

    ReplCompleter(ReplContext ctx, CommandTable commands) {
        this.ctx = ctx;
        this.commands = commands;
    }

    @Override
    public void complete(LineReader reader, ParsedLine parsed, List<Candidate> out) {
        InputParser.Line line = parsed instanceof InputParser.Line l ? l : InputParser.words(parsed.line(), parsed.cursor());
        out.addAll(candidates(line));
    }

    List<Candidate> candidates(InputParser.Line line) {
        List<Candidate> out = new ArrayList<>();
        if (line.line().stripLeading().startsWith(":")) command(line, out);
        else if (line.inString()) string(line, out);
        else code(line, out);
        return out;
    }

    // ---- :commands ----------------------------------------------------------------------

    private void command(InputParser.Line line, List<Candidate> out) {
        if (line.wordIndex() == 0) {
            for (CommandTable.Command c : commands.all()) out.add(new Candidate(":" + c.name(), ":" + c.name(), null, c.help(), null, null, true));
            return;
        }
        String name = line.words().get(0).substring(1);
        String word = line.word();
        switch (name) {
            case "load", "save" -> {
                if (!word.startsWith("-")) paths(word, true, out);
            }
            case "goto" -> {
                Stepper st = ctx.stepper;
                if (st != null) for (Stepper.Entry e : st.entries()) out.add(new Candidate(e.name(), e.name(), null, null, null, null, true));
            }
            case "doc" -> {
                for (HostFunction f : ctx.registry.functions()) out.add(plain(f.signature().name(), f.signature().display()));
                for (String m : ctx.registry.moduleNames()) out.add(plain(m, m));
            }
            default -> { }
        }
    }

    // ---- Inside a string: paths and live values ------------------------------------------

    private void string(InputParser.Line line, List<Candidate> out) {
        String before = line.before();
        if (RUN_BEFORE.matcher(before).matches()) {
            paths(line.word(), false, out);
            return;
        }
        CallSite site = callSite(before);
        if (site == null) return;
        HostFunction fn = ctx.registry.function(site.function());
        if (fn == null) return;
        String param = site.param(fn.signature());
        if (param == null) return;
        int dot = site.function().indexOf('.');
        HostModule module = dot < 0 ? null : ctx.registry.module(site.function().substring(0, dot));
        if (module != null) {
            List<String> live;
            try {
                live = module.candidates(site.function(), param, line.word());
            } catch (RuntimeException e) {
                live = List.of(); // a hook that fails offers nothing; typing goes on
            }
            for (String v : live) out.add(new Candidate(v, v, null, param, null, null, false));
        }
        if (PATH_PARAM.matcher(param).matches()) paths(line.word(), false, out);
    }

    private void paths(String typed, boolean complete, List<Candidate> out) {
        int slash = typed.lastIndexOf('/');
        String dirPart = slash < 0 ? "" : typed.substring(0, slash + 1);
        Path dir = Path.of(dirPart.isEmpty() ? "." : dirPart.startsWith("~/") ? System.getProperty("user.home") + dirPart.substring(1) : dirPart);
        if (!Files.isDirectory(dir)) return;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path p : entries) {
                String name = p.getFileName().toString();
                boolean isDir = Files.isDirectory(p);
                String value = dirPart + name + (isDir ? "/" : "");
                out.add(new Candidate(value, name + (isDir ? "/" : ""), null, null, null, null, complete && !isDir));
            }
        } catch (IOException unreadable) {
            // no candidates from a directory that cannot be listed
        }
    }

    // ---- Code ---------------------------------------------------------------------------

    private void code(InputParser.Line line, List<Candidate> out) {
        String word = line.word();
        int dot = word.lastIndexOf('.');
        if (dot >= 0) {
            member(word.substring(0, dot), out);
            return;
        }
        CallSite site = callSite(line.before());
        if (site != null && site.atArgumentStart()) {
            Signature sig = signatureOf(site.function());
            if (sig != null) {
                for (ParamSpec p : sig.params()) {
                    out.add(new Candidate(p.name() + ":", p.name() + ": " + p.type() + (p.required() ? "" : "?"), sig.display(),
                            p.doc(), null, null, false));
                }
            }
        }
        Map<String, Object> vars = ctx.session.variables();
        for (String v : vars.keySet()) out.add(new Candidate(v, v, "variables", Values.typeName(vars.get(v)), null, null, false));
        // Tab right after '(' or ',' is a question about the call: its parameters (and values at hand), not the whole library.
        if (site != null && site.atArgumentStart() && word.isEmpty()) return;
        for (String m : ctx.registry.moduleNames()) out.add(new Candidate(m, m, "modules", ctx.registry.module(m).doc(), null, null, false));
        for (String g : ctx.registry.globalNames()) {
            Signature sig = ctx.registry.function(g).signature();
            out.add(new Candidate(g, sig.display(), "functions", firstSentence(sig.doc()), null, null, false));
        }
        if (site == null) for (String k : KEYWORDS) out.add(new Candidate(k, k, "keywords", null, null, null, true));
    }

    /** After {@code x.}: a module's functions, a host object's fields, a map's keys, a value's methods. */
    private void member(String target, List<Candidate> out) {
        Map<String, Object> vars = ctx.session.variables();
        if (!vars.containsKey(target) && ctx.registry.isModule(target)) {
            for (String q : ctx.registry.functionNames(target)) {
                Signature sig = ctx.registry.function(q).signature();
                out.add(new Candidate(q, sig.display(), null, firstSentence(sig.doc()), null, null, false));
            }
            return;
        }
        if (!vars.containsKey(target)) return;
        Object v = vars.get(target);
        if (v instanceof HostObject h) for (String f : h.fieldNames()) out.add(new Candidate(target + "." + f, f, "fields", null, null, null, false));
        if (v instanceof Map<?, ?> m) {
            for (Object k : m.keySet()) {
                String key = String.valueOf(k);
                if (key.matches("[A-Za-z_][A-Za-z0-9_]*")) out.add(new Candidate(target + "." + key, key, "keys", null, null, null, false));
            }
        }
        for (String method : Methods.names(Values.typeName(v))) {
            out.add(new Candidate(target + "." + method, method + "(…)", "methods", null, null, null, false));
        }
    }

    private Signature signatureOf(String function) {
        HostFunction fn = ctx.registry.function(function);
        return fn == null ? null : fn.signature();
    }

    /**
     * The call whose argument list the cursor is in: its callee, how many arguments come before,
     * and the parameter name when the argument is named ({@code name: "…}).
     */
    record CallSite(String function, int position, String named, boolean atArgumentStart) {
        String param(Signature sig) {
            if (named != null) return sig.param(named) == null ? null : named;
            return position < sig.params().size() ? sig.params().get(position).name() : null;
        }
    }

    static CallSite callSite(String before) {
        int depth = 0;
        int commas = 0;
        boolean inString = false;
        for (int i = before.length() - 1; i >= 0; i--) {
            char ch = before.charAt(i);
            if (ch == '"' && (i == 0 || before.charAt(i - 1) != '\\')) inString = !inString;
            if (inString) continue;
            if (ch == ')' || ch == ']' || ch == '}') depth++;
            else if (ch == '[' || ch == '{') {
                if (depth == 0) return null;
                depth--;
            } else if (ch == '(') {
                if (depth == 0) {
                    Matcher m = CALLEE.matcher(before.substring(0, i));
                    if (!m.find()) return null;
                    String argText = before.substring(i + 1);
                    int lastComma = lastTopLevelComma(argText);
                    String current = argText.substring(lastComma + 1);
                    Matcher named = NAMED_BEFORE.matcher(current);
                    String name = named.matches() ? named.group(1) : null;
                    return new CallSite(m.group(1), commas, name, current.isBlank());
                }
                depth--;
            } else if (ch == ',' && depth == 0) {
                commas++;
            }
        }
        return null;
    }

    private static int lastTopLevelComma(String s) {
        int depth = 0;
        int last = -1;
        boolean inString = false;
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch == '"' && (i == 0 || s.charAt(i - 1) != '\\')) inString = !inString;
            if (inString) continue;
            if (ch == '(' || ch == '[' || ch == '{') depth++;
            else if (ch == ')' || ch == ']' || ch == '}') depth--;
            else if (ch == ',' && depth == 0) last = i;
        }
        return last;
    }

    private static Candidate plain(String value, String display) {
        return new Candidate(value, display, null, null, null, null, true);
    }

    private static String firstSentence(String doc) {
        if (doc == null) return null;
        int dot = doc.indexOf(". ");
        return dot < 0 ? doc : doc.substring(0, dot + 1);
    }

    /** The language's keywords, from the lexer's own vocabulary. */
    private static List<String> keywords() {
        List<String> words = new ArrayList<>();
        for (int t = 1; t <= GwrunLexer.VOCABULARY.getMaxTokenType(); t++) {
            String lit = GwrunLexer.VOCABULARY.getLiteralName(t);
            if (lit != null && lit.matches("'[a-z]+'")) words.add(lit.substring(1, lit.length() - 1));
        }
        return List.copyOf(words);
    }
}
