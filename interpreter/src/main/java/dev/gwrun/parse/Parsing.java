package dev.gwrun.parse;

import dev.gwrun.ast.Runbook;
import dev.gwrun.ast.Stmt;
import dev.gwrun.grammar.GwrunParser;
import dev.gwrun.source.Diagnostic;
import dev.gwrun.source.SourceFile;
import org.antlr.v4.runtime.BailErrorStrategy;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.ParserRuleContext;
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
        GwrunParser parser = new GwrunParser(tokens);
        parser.removeErrorListeners();
        Offsets offsets = new Offsets(source);
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
