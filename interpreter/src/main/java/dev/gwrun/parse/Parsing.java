package dev.gwrun.parse;

import dev.gwrun.ast.Runbook;
import dev.gwrun.ast.Stmt;
import dev.gwrun.grammar.GwrunLexer;
import dev.gwrun.grammar.GwrunParser;
import dev.gwrun.source.Diagnostic;
import dev.gwrun.source.SourceFile;
import dev.gwrun.source.Span;
import org.antlr.v4.runtime.BailErrorStrategy;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.atn.PredictionMode;
import org.antlr.v4.runtime.misc.ParseCancellationException;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The one way text becomes an AST. ANTLR's default listeners are removed; the fast SLL mode is
 * tried first and full LL only when SLL fails; the first syntax error stops the parse with a
 * message in words (never a token dump), and nothing is built from a broken tree.
 */
public final class Parsing {
    /**
     * How deeply brackets, blocks and {@code ${…}} may nest. Far beyond any real runbook; past it the
     * file is refused with a diagnostic at the bracket that goes too deep, instead of the parser and
     * the passes after it recursing until the JVM's stack overflows.
     */
    public static final int MAX_NESTING = 128;

    private Parsing() {}

    /** Parses a .gwrun file: exactly one runbook. */
    public static ParseResult<Runbook> parseRunbook(SourceFile source) {
        return parse(source, GwrunParser::file, (tree, builder) -> builder.runbook(((GwrunParser.FileContext) tree).runbook()));
    }

    /** Parses REPL input: statements and declarations without a runbook wrapper, as a runbook named "repl". */
    public static ParseResult<Runbook> parseStatements(SourceFile source) {
        return parse(source, GwrunParser::replInput, (tree, builder) -> builder.replInput((GwrunParser.ReplInputContext) tree));
    }

    /** Parses one statement list and returns only its statements (for tools that need no header). */
    public static ParseResult<List<Stmt>> parseBody(SourceFile source) {
        ParseResult<Runbook> r = parseStatements(source);
        return new ParseResult<>(r.ast() == null ? null : r.ast().body(), r.diagnostics());
    }

    private interface Build<T> {
        T apply(ParserRuleContext tree, AstBuilder builder);
    }

    private static <T> ParseResult<T> parse(SourceFile source, Function<GwrunParser, ParserRuleContext> entry, Build<T> build) {
        GuardedLexer lexer = new GuardedLexer(CharStreams.fromString(source.text(), source.name()));
        CommonTokenStream tokens = new CommonTokenStream(lexer);
        Offsets offsets = new Offsets(source);
        tokens.fill();
        Diagnostic tooDeep = nesting(tokens, offsets);
        if (tooDeep != null) return new ParseResult<>(null, List.of(tooDeep));
        try {
            return parse(source, entry, build, tokens, offsets);
        } catch (StackOverflowError e) {
            // A backstop: within MAX_NESTING this is not expected, but a diagnostic beats a stack trace.
            return new ParseResult<>(null, List.of(Diagnostic.error(new Span(source, 0, 0),
                    "the file is nested too deeply to parse (keep brackets, blocks and ${…} within " + MAX_NESTING + " levels)")));
        }
    }

    /** The first token that opens a level past MAX_NESTING, as a diagnostic; null when none does. */
    private static Diagnostic nesting(CommonTokenStream tokens, Offsets offsets) {
        int depth = 0;
        for (Token t : tokens.getTokens()) {
            switch (t.getType()) {
                case GwrunLexer.LBRACE, GwrunLexer.LPAREN, GwrunLexer.LBRACK, GwrunLexer.STR_INTERP, GwrunLexer.TRIPLE_INTERP -> {
                    if (++depth > MAX_NESTING) {
                        return Diagnostic.error(offsets.of(t), "nested deeper than " + MAX_NESTING
                                + " levels (brackets, blocks and ${…} count); gwrun's limit is " + MAX_NESTING
                                + ": split the expression or move the inner part into a fn");
                    }
                }
                case GwrunLexer.RBRACE, GwrunLexer.RPAREN, GwrunLexer.RBRACK -> depth = Math.max(0, depth - 1);
                default -> { }
            }
        }
        return null;
    }

    private static <T> ParseResult<T> parse(SourceFile source, Function<GwrunParser, ParserRuleContext> entry, Build<T> build,
                                            CommonTokenStream tokens, Offsets offsets) {
        GwrunParser parser = new GwrunParser(tokens);
        parser.removeErrorListeners();
        ParserRuleContext tree;
        try {
            parser.getInterpreter().setPredictionMode(PredictionMode.SLL);
            parser.setErrorHandler(new BailErrorStrategy());
            tree = entry.apply(parser);
        } catch (ParseCancellationException sllFailed) {
            tokens.seek(0);
            parser.reset();
            parser.getInterpreter().setPredictionMode(PredictionMode.LL);
            parser.setErrorHandler(new SyntaxErrorStrategy(source, offsets));
            try {
                tree = entry.apply(parser);
            } catch (SyntaxError e) {
                return new ParseResult<>(null, List.of(e.diagnostic));
            }
        }
        List<Diagnostic> diagnostics = new ArrayList<>();
        AstBuilder builder = new AstBuilder(source, offsets, tokens, diagnostics);
        T ast = build.apply(tree, builder);
        boolean failed = diagnostics.stream().anyMatch(Diagnostic::isError);
        return new ParseResult<>(failed ? null : ast, diagnostics);
    }
}
