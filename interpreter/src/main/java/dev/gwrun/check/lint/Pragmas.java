package dev.gwrun.check.lint;

import dev.gwrun.grammar.GwrunLexer;
import dev.gwrun.source.SourceFile;
import dev.gwrun.source.Span;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.Token;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code # gwrun:…} comments of a runbook. {@code # gwrun:ignore RULE[, RULE…]} silences those
 * rules for the line below it (or, at the end of a line, for that line); {@code # gwrun:ci} on a
 * line of its own says the runbook runs unattended in CI. Comments, so the grammar stays as it is.
 */
final class Pragmas {
    private static final Pattern IGNORE = Pattern.compile("#\\s*gwrun:ignore\\b\\s*(.*)");
    private static final Pattern CI = Pattern.compile("#\\s*gwrun:ci\\s*");

    /** One ignore comment: the rules it names and where (for "unknown rule" warnings). */
    record Ignore(List<String> rules, Span span, int line) {}

    final List<Ignore> ignores = new ArrayList<>();
    private final Map<Integer, List<String>> ignoredByLine = new HashMap<>();
    Span ci;

    Pragmas(SourceFile source) {
        GwrunLexer lexer = new GwrunLexer(CharStreams.fromString(source.text()));
        lexer.removeErrorListeners();
        for (Token t = lexer.nextToken(); t.getType() != Token.EOF; t = lexer.nextToken()) {
            if (t.getType() != GwrunLexer.COMMENT) continue;
            String text = t.getText().strip();
            Span span = new Span(source, t.getStartIndex(), t.getStopIndex() + 1);
            Matcher m = IGNORE.matcher(text);
            if (m.matches()) {
                List<String> rules = new ArrayList<>();
                for (String r : m.group(1).split("[,\\s]+")) if (!r.isBlank()) rules.add(r);
                int line = span.line();
                boolean ownLine = source.line(line).substring(0, span.column() - 1).isBlank();
                int target = ownLine ? line + 1 : line;
                ignores.add(new Ignore(List.copyOf(rules), span, target));
                ignoredByLine.computeIfAbsent(target, k -> new ArrayList<>()).addAll(rules);
            } else if (CI.matcher(text).matches() && ci == null) {
                ci = span;
            }
        }
    }

    boolean ignored(String rule, int line) {
        List<String> rules = ignoredByLine.get(line);
        return rules != null && (rules.contains(rule) || rules.contains("all"));
    }
}
