package dev.gwrun.parse;

import dev.gwrun.ast.Block;
import dev.gwrun.ast.Expr;
import dev.gwrun.ast.Param;
import dev.gwrun.ast.ParamType;
import dev.gwrun.ast.Runbook;
import dev.gwrun.ast.Stmt;
import dev.gwrun.grammar.GwrunLexer;
import dev.gwrun.grammar.GwrunParser.*;
import dev.gwrun.grammar.GwrunParserBaseVisitor;
import dev.gwrun.runtime.Durations;
import dev.gwrun.source.Diagnostic;
import dev.gwrun.source.SourceFile;
import dev.gwrun.source.Span;
import dev.gwrun.source.Suggest;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.tree.RuleNode;
import org.antlr.v4.runtime.tree.TerminalNode;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns the parse tree into the AST. The only class that sees parse-tree types; there is one
 * method for each labelled alternative of the grammar (a test checks that none is missing): a
 * {@code visit} method where a rule's alternatives each build one node, reached through ANTLR's
 * generated visitor ({@link #visitChildren} refuses one without), else a method the loop over a
 * rule's items or options calls.
 * Errors the grammar cannot express (an unknown escape, a '(' that starts a line) are collected.
 */
final class AstBuilder extends GwrunParserBaseVisitor<Object> {
    private final SourceFile source;
    private final Offsets offsets;
    private final CommonTokenStream tokens;
    private final List<Diagnostic> diagnostics;

    AstBuilder(SourceFile source, Offsets offsets, CommonTokenStream tokens, List<Diagnostic> diagnostics) {
        this.source = source;
        this.offsets = offsets;
        this.tokens = tokens;
        this.diagnostics = diagnostics;
    }

    /**
     * Where ANTLR's visitor lands for an alternative without a {@code visit} method here: a grammar change the
     * builder does not know yet, refused rather than built into whatever its children give.
     */
    @Override
    public Object visitChildren(RuleNode node) {
        throw new IllegalStateException("no AST builder for " + node.getClass().getSimpleName());
    }

    private Span span(ParserRuleContext c) { return offsets.of(c); }

    private Span span(Token t) { return offsets.of(t); }

    private Span span(TerminalNode n) { return offsets.of(n.getSymbol()); }

    private void error(Span at, String message) { diagnostics.add(Diagnostic.error(at, message)); }

    // ---- Runbook ----------------------------------------------------------------------

    Runbook runbook(RunbookContext c) {
        Expr nameExpr = string(c.name);
        String name = plainString(nameExpr, "the runbook's name");
        return items(name, span(c.name), c.runbookItem(), span(c));
    }

    Runbook replInput(ReplInputContext c) {
        return items("repl", span(c), c.runbookItem(), span(c));
    }

    private Runbook items(String name, Span nameSpan, List<RunbookItemContext> items, Span whole) {
        String description = null;
        Span descriptionSpan = null;
        List<Param> params = new ArrayList<>();
        List<Stmt> body = new ArrayList<>();
        Block onFailure = null;
        Block always = null;
        for (RunbookItemContext item : items) {
            if (item instanceof DescriptionItemContext d) {
                if (descriptionSpan != null) {
                    error(span(d), "the runbook already has a description (line " + descriptionSpan.line() + ")");
                }
                description = descriptionItem(d);
                descriptionSpan = span(d);
            } else if (item instanceof ParamItemContext p) {
                params.add(paramItem(p));
            } else if (item instanceof OnFailureItemContext f) {
                if (onFailure != null) error(span(f), "the runbook already has an 'on failure' block (line " + onFailure.span().line() + ")");
                onFailure = onFailureItem(f);
            } else if (item instanceof AlwaysItemContext a) {
                if (always != null) error(span(a), "the runbook already has an 'always' block (line " + always.span().line() + ")");
                always = alwaysItem(a);
            } else if (item instanceof StatementItemContext s) {
                if (s.statement() instanceof StepStmtContext step && handlerOnLaterLine(step)) {
                    // "} <newline> on failure {" after a top-level step is the runbook's handler.
                    body.add(step(step, false));
                    Block handler = block(step.handler);
                    if (onFailure != null) error(offsets.of(step.ON().getSymbol()), "the runbook already has an 'on failure' block (line " + onFailure.span().line() + ")");
                    onFailure = new Block(handler.statements(), offsets.of(step.ON().getSymbol(), step.handler.getStop()));
                    continue;
                }
                Stmt stmt = statementItem(s);
                if (stmt != null) body.add(stmt);
            } else {
                throw new IllegalStateException("no AST builder for " + item.getClass().getSimpleName());
            }
        }
        return new Runbook(name, nameSpan, description, descriptionSpan, List.copyOf(params), List.copyOf(body), onFailure, always, source, whole);
    }

    Param paramItem(ParamItemContext c) {
        TerminalNode nameNode = c.IDENT(0);
        String typeName = c.typeName.getText();
        ParamType type = ParamType.byKeyword(typeName);
        if (type == null) {
            error(span(c.typeName), "unknown type '" + typeName + "'" + Suggest.didYouMean(typeName, ParamType.keywords())
                    + " (types: " + String.join(", ", ParamType.keywords()) + ")");
            type = ParamType.STRING;
        }
        Expr defaultValue = c.expr() == null ? null : expr(c.expr());
        return new Param(nameNode.getText(), span(nameNode), type, span(c.typeName), defaultValue, span(c));
    }

    Block onFailureItem(OnFailureItemContext c) { return block(c.block()); }

    Block alwaysItem(AlwaysItemContext c) { return block(c.block()); }

    Stmt statementItem(StatementItemContext c) { return statement(c.statement()); }

    String descriptionItem(DescriptionItemContext c) {
        return plainString(string(c.string()), "the description");
    }

    // ---- Statements -------------------------------------------------------------------

    /** Whether a step's 'on failure' starts on a later line than the '}' that closes its body. */
    private static boolean handlerOnLaterLine(StepStmtContext step) {
        return step.handler != null && step.ON().getSymbol().getLine() > step.body.getStop().getLine();
    }

    Block block(BlockContext c) {
        List<Stmt> statements = new ArrayList<>();
        for (StatementContext s : c.statement()) {
            if (s instanceof StepStmtContext step && handlerOnLaterLine(step)) {
                diagnostics.add(Diagnostic.error(offsets.of(step.ON().getSymbol()),
                        "a step's 'on failure' must start on the line of the '}' that closes the step",
                        "write '} on failure {' — on a line of its own, 'on failure' belongs to the runbook"));
            }
            Stmt stmt = statement(s);
            if (stmt != null) statements.add(stmt);
        }
        return new Block(List.copyOf(statements), span(c));
    }

    Stmt statement(StatementContext c) { return (Stmt) c.accept(this); }

    @Override
    public Stmt visitLetStmt(LetStmtContext c) {
        return new Stmt.Let(c.IDENT().getText(), span(c.IDENT()), expr(c.expr()), span(c));
    }

    @Override
    public Stmt visitAssignStmt(AssignStmtContext c) {
        Expr target = postfix(c.target);
        if (!(target instanceof Expr.Name || target instanceof Expr.Index || target instanceof Expr.Member)) {
            error(target.span(), "cannot assign to this: only a variable, a list element or a map entry can be assigned");
        }
        return new Stmt.Assign(target, expr(c.expr()), span(c));
    }

    @Override
    public Stmt visitGuardStmt(GuardStmtContext c) {
        return new Stmt.Guard(expr(c.expr(0)), expr(c.expr(1)), span(c));
    }

    @Override
    public Stmt.Step visitStepStmt(StepStmtContext c) {
        return step(c, true);
    }

    /** A step; without its handler when that handler turned out to be the runbook's (built by the caller). */
    private Stmt.Step step(StepStmtContext c, boolean withHandler) {
        Expr when = null, timeout = null, retry = null, backoff = null;
        boolean once = false;
        for (StepOptionContext o : c.stepOption()) {
            if (o instanceof WhenOptionContext w) {
                if (when != null) error(span(w), "the step already has a 'when' condition");
                when = whenOption(w);
            } else if (o instanceof StepTimeoutOptionContext t) {
                if (timeout != null) error(span(t), "the step already has a timeout");
                timeout = stepTimeoutOption(t);
            } else if (o instanceof RetryOptionContext r) {
                if (retry != null) error(span(r), "the step already has a retry");
                retry = retryOption(r);
                backoff = r.backoff == null ? null : expr(r.backoff);
            } else if (o instanceof OnceOptionContext x) {
                if (once) error(span(x), "the step is already marked 'once'");
                once = onceOption(x);
            } else {
                throw new IllegalStateException("no AST builder for " + o.getClass().getSimpleName());
            }
        }
        Block body = block(c.body);
        Block handler = c.handler == null || !withHandler ? null : block(c.handler);
        Span whole = withHandler ? span(c) : offsets.of(c.getStart(), c.body.getStop());
        return new Stmt.Step(expr(c.name), when, timeout, retry, backoff, once, body, handler,
                new Span(source, span(c.getStart()).start(), span(c.body.getStart()).start()), whole);
    }

    Expr whenOption(WhenOptionContext c) { return expr(c.expr()); }

    Expr stepTimeoutOption(StepTimeoutOptionContext c) { return expr(c.expr()); }

    Expr retryOption(RetryOptionContext c) { return expr(c.expr(0)); }

    boolean onceOption(OnceOptionContext c) { return true; }

    @Override
    public Stmt visitParallelStmt(ParallelStmtContext c) {
        Block block = block(c.block());
        List<Stmt.Step> steps = new ArrayList<>();
        for (Stmt s : block.statements()) {
            if (s instanceof Stmt.Step step) {
                steps.add(step);
            } else {
                error(s.span(), "a parallel block holds only steps: wrap this in a step");
            }
        }
        return new Stmt.Parallel(List.copyOf(steps), span(c));
    }

    @Override
    public Stmt visitWaitStmt(WaitStmtContext c) {
        Expr every = null, timeout = null;
        for (WaitOptionContext o : c.waitOption()) {
            if (o instanceof EveryOptionContext e) {
                if (every != null) error(span(e), "the wait already has 'every'");
                every = everyOption(e);
            } else if (o instanceof WaitTimeoutOptionContext t) {
                if (timeout != null) error(span(t), "the wait already has a timeout");
                timeout = waitTimeoutOption(t);
            } else {
                throw new IllegalStateException("no AST builder for " + o.getClass().getSimpleName());
            }
        }
        return new Stmt.Wait(expr(c.cond), every, timeout, span(c));
    }

    Expr everyOption(EveryOptionContext c) { return expr(c.expr()); }

    Expr waitTimeoutOption(WaitTimeoutOptionContext c) { return expr(c.expr()); }

    @Override
    public Stmt visitIfStmt(IfStmtContext c) {
        return new Stmt.If(expr(c.expr()), block(c.block()), elseClause(c.elseClause()), span(c));
    }

    private Block elseClause(ElseClauseContext c) { return c == null ? null : (Block) c.accept(this); }

    @Override
    public Block visitElseIfClause(ElseIfClauseContext c) {
        Stmt.If nested = new Stmt.If(expr(c.expr()), block(c.block()), elseClause(c.elseClause()), span(c));
        return new Block(List.of(nested), span(c));
    }

    @Override
    public Block visitElseBlockClause(ElseBlockClauseContext c) { return block(c.block()); }

    @Override
    public Stmt visitForStmt(ForStmtContext c) {
        return new Stmt.For(c.IDENT().getText(), span(c.IDENT()), expr(c.expr()), block(c.block()), span(c));
    }

    @Override
    public Stmt visitFnStmt(FnStmtContext c) {
        List<TerminalNode> names = c.IDENT();
        List<String> params = new ArrayList<>();
        List<Span> paramSpans = new ArrayList<>();
        for (TerminalNode n : names.subList(1, names.size())) {
            if (params.contains(n.getText())) error(span(n), "parameter '" + n.getText() + "' is listed twice");
            params.add(n.getText());
            paramSpans.add(span(n));
        }
        return new Stmt.Fn(names.get(0).getText(), span(names.get(0)), List.copyOf(params), List.copyOf(paramSpans), block(c.block()), span(c));
    }

    @Override
    public Stmt visitReturnStmt(ReturnStmtContext c) {
        return new Stmt.Return(c.expr() == null ? null : expr(c.expr()), span(c));
    }

    @Override
    public Stmt visitFailStmt(FailStmtContext c) { return new Stmt.Fail(expr(c.expr()), span(c)); }

    @Override
    public Stmt visitLogStmt(LogStmtContext c) { return new Stmt.Log(expr(c.expr()), span(c)); }

    @Override
    public Stmt visitConfirmStmt(ConfirmStmtContext c) { return new Stmt.Confirm(expr(c.expr()), span(c)); }

    @Override
    public Stmt visitRunStmt(RunStmtContext c) {
        return new Stmt.Run(expr(c.expr(0)), c.expr().size() > 1 ? expr(c.expr(1)) : null, span(c));
    }

    @Override
    public Stmt visitRecoverStmt(RecoverStmtContext c) { return new Stmt.Recover(span(c)); }

    @Override
    public Stmt visitLockStmt(LockStmtContext c) {
        return new Stmt.Lock(expr(c.name), c.timeout == null ? null : expr(c.timeout), block(c.body), span(c));
    }

    @Override
    public Stmt visitEmptyStmt(EmptyStmtContext c) { return null; }

    @Override
    public Stmt visitExprStmt(ExprStmtContext c) {
        Expr e = expr(c.expr());
        return new Stmt.ExprStmt(e, e.span());
    }

    // ---- Expressions ------------------------------------------------------------------

    Expr expr(ExprContext c) { return (Expr) c.accept(this); }

    @Override
    public Expr visitPostfixItem(PostfixItemContext c) { return postfix(c.postfixExpr()); }

    @Override
    public Expr visitNegateExpr(NegateExprContext c) {
        Expr operand = expr(c.expr());
        if (operand instanceof Expr.Literal lit && lit.value() instanceof Long n) return new Expr.Literal(-n, span(c));
        if (operand instanceof Expr.Literal lit && lit.value() instanceof Double d) return new Expr.Literal(-d, span(c));
        return new Expr.Unary(Expr.UnaryOp.NEGATE, operand, span(c));
    }

    @Override
    public Expr visitNotExpr(NotExprContext c) { return new Expr.Unary(Expr.UnaryOp.NOT, expr(c.expr()), span(c)); }

    @Override
    public Expr visitMulExpr(MulExprContext c) {
        Expr.BinaryOp op = switch (c.op.getType()) {
            case GwrunLexer.STAR -> Expr.BinaryOp.MUL;
            case GwrunLexer.SLASH -> Expr.BinaryOp.DIV;
            default -> Expr.BinaryOp.MOD;
        };
        return binary(op, c.left, c.right, c.op, c);
    }

    @Override
    public Expr visitAddExpr(AddExprContext c) {
        return binary(c.op.getType() == GwrunLexer.PLUS ? Expr.BinaryOp.ADD : Expr.BinaryOp.SUB, c.left, c.right, c.op, c);
    }

    @Override
    public Expr visitInExpr(InExprContext c) {
        Token op = c.NOT() != null ? c.NOT().getSymbol() : c.IN().getSymbol();
        Expr left = expr(c.left), right = expr(c.right);
        Span opSpan = offsets.of(op, c.IN().getSymbol());
        return new Expr.Binary(c.NOT() != null ? Expr.BinaryOp.NOT_IN : Expr.BinaryOp.IN, left, right, opSpan, span(c));
    }

    @Override
    public Expr visitCompareExpr(CompareExprContext c) {
        Expr.BinaryOp op = switch (c.op.getType()) {
            case GwrunLexer.EQ -> Expr.BinaryOp.EQ;
            case GwrunLexer.NEQ -> Expr.BinaryOp.NE;
            case GwrunLexer.LT -> Expr.BinaryOp.LT;
            case GwrunLexer.LE -> Expr.BinaryOp.LE;
            case GwrunLexer.GT -> Expr.BinaryOp.GT;
            default -> Expr.BinaryOp.GE;
        };
        return binary(op, c.left, c.right, c.op, c);
    }

    @Override
    public Expr visitAndExpr(AndExprContext c) { return binary(Expr.BinaryOp.AND, c.left, c.right, c.AND().getSymbol(), c); }

    @Override
    public Expr visitOrExpr(OrExprContext c) { return binary(Expr.BinaryOp.OR, c.left, c.right, c.OR().getSymbol(), c); }

    private Expr binary(Expr.BinaryOp op, ExprContext left, ExprContext right, Token opToken, ParserRuleContext whole) {
        return new Expr.Binary(op, expr(left), expr(right), span(opToken), span(whole));
    }

    Expr postfix(PostfixExprContext c) { return (Expr) c.accept(this); }

    @Override
    public Expr visitMemberExpr(MemberExprContext c) {
        return new Expr.Member(postfix(c.postfixExpr()), c.anyName().getText(), span(c.anyName()), span(c));
    }

    @Override
    public Expr visitCallExpr(CallExprContext c) {
        Expr callee = postfix(c.postfixExpr());
        checkSameLine(c.postfixExpr(), c.LPAREN().getSymbol(), "call");
        List<Expr.Arg> args = new ArrayList<>();
        boolean sawNamed = false;
        if (c.arguments() != null) {
            for (ArgumentContext a : c.arguments().argument()) {
                Expr.Arg arg = argument(a);
                if (arg.name() != null) {
                    for (Expr.Arg other : args) {
                        if (arg.name().equals(other.name())) error(arg.nameSpan(), "argument '" + arg.name() + "' is given twice");
                    }
                    sawNamed = true;
                } else if (sawNamed) {
                    error(arg.span(), "a positional argument cannot follow named ones");
                }
                args.add(arg);
            }
        }
        return new Expr.Call(callee, List.copyOf(args), span(c));
    }

    private Expr.Arg argument(ArgumentContext c) { return (Expr.Arg) c.accept(this); }

    @Override
    public Expr.Arg visitNamedArgument(NamedArgumentContext c) {
        return new Expr.Arg(c.anyName().getText(), span(c.anyName()), expr(c.expr()), span(c));
    }

    @Override
    public Expr.Arg visitPositionalArgument(PositionalArgumentContext c) {
        Expr value = expr(c.expr());
        return new Expr.Arg(null, null, value, value.span());
    }

    @Override
    public Expr visitIndexExpr(IndexExprContext c) {
        checkSameLine(c.postfixExpr(), c.LBRACK().getSymbol(), "index");
        return new Expr.Index(postfix(c.postfixExpr()), expr(c.expr()), span(c));
    }

    /** Newlines are not tokens, so "x\n(y)" reads as a call; say so rather than guess (as Lua does). */
    private void checkSameLine(ParserRuleContext before, Token open, String what) {
        if (before.getStop() != null && open.getLine() > before.getStop().getLine()) {
            error(span(open), "'" + open.getText() + "' at the start of a line continues the expression on the line above as a "
                    + what + "; move it up a line, or put ';' before it to start a new statement");
        }
    }

    @Override
    public Expr visitPrimaryItem(PrimaryItemContext c) { return primary(c.primary()); }

    Expr primary(PrimaryContext c) { return (Expr) c.accept(this); }

    @Override
    public Expr visitIntLiteral(IntLiteralContext c) {
        String digits = c.getText().replace("_", "");
        try {
            return new Expr.Literal(Long.parseLong(digits), span(c));
        } catch (NumberFormatException e) {
            error(span(c), "the number " + c.getText() + " is too large (the largest int is " + Long.MAX_VALUE + ")");
            return new Expr.Literal(0L, span(c));
        }
    }

    @Override
    public Expr visitFloatLiteral(FloatLiteralContext c) {
        return new Expr.Literal(Double.parseDouble(c.getText().replace("_", "")), span(c));
    }

    @Override
    public Expr visitDurationLiteral(DurationLiteralContext c) {
        try {
            return new Expr.Literal(Durations.parse(c.getText()), span(c));
        } catch (IllegalArgumentException e) {
            error(span(c), e.getMessage());
            return new Expr.Literal(java.time.Duration.ZERO, span(c));
        }
    }

    @Override
    public Expr visitStringLiteral(StringLiteralContext c) { return string(c.string()); }

    @Override
    public Expr visitTrueLiteral(TrueLiteralContext c) { return new Expr.Literal(Boolean.TRUE, span(c)); }

    @Override
    public Expr visitFalseLiteral(FalseLiteralContext c) { return new Expr.Literal(Boolean.FALSE, span(c)); }

    @Override
    public Expr visitNullLiteral(NullLiteralContext c) { return new Expr.Literal(null, span(c)); }

    @Override
    public Expr visitNameExpr(NameExprContext c) { return new Expr.Name(c.getText(), span(c)); }

    @Override
    public Expr visitListLiteral(ListLiteralContext c) {
        return new Expr.ListLit(c.expr().stream().map(this::expr).toList(), span(c));
    }

    @Override
    public Expr visitMapLiteral(MapLiteralContext c) {
        List<Expr.MapLit.Entry> entries = new ArrayList<>();
        for (MapEntryContext e : c.mapEntry()) {
            String key;
            Span keySpan;
            if (e.anyName() != null) {
                key = e.anyName().getText();
                keySpan = span(e.anyName());
            } else {
                key = plainString(string(e.string()), "a map key");
                keySpan = span(e.string());
            }
            for (Expr.MapLit.Entry other : entries) {
                if (other.key().equals(key)) error(keySpan, "key '" + key + "' appears twice in this map");
            }
            entries.add(new Expr.MapLit.Entry(key, keySpan, expr(e.expr())));
        }
        return new Expr.MapLit(List.copyOf(entries), span(c));
    }

    @Override
    public Expr visitParenExpr(ParenExprContext c) { return expr(c.expr()); }

    // ---- Strings ----------------------------------------------------------------------

    Expr string(StringContext c) { return (Expr) c.accept(this); }

    @Override
    public Expr visitQuotedString(QuotedStringContext c) {
        if (c.close.getType() == GwrunLexer.STR_NEWLINE) {
            diagnostics.add(Diagnostic.error(span(c.getStart()), "unterminated string: a \"…\" string must end on the line it starts",
                    "for text over several lines, use \"\"\"…\"\"\""));
        }
        List<Object> parts = new ArrayList<>();
        for (StringPartContext p : c.stringPart()) {
            if (p instanceof TextPartContext x) textPart(x, parts);
            else if (p instanceof EscapePartContext x) escapePart(x, parts);
            else if (p instanceof DollarPartContext x) dollarPart(x, parts);
            else if (p instanceof InterpPartContext x) interpPart(x, parts);
            else throw new IllegalStateException("no AST builder for " + p.getClass().getSimpleName());
        }
        return template(parts, span(c));
    }

    void textPart(TextPartContext c, List<Object> parts) { appendText(parts, c.getText()); }

    void escapePart(EscapePartContext c, List<Object> parts) { appendText(parts, unescape(c.getStart())); }

    void dollarPart(DollarPartContext c, List<Object> parts) { appendText(parts, "$"); }

    void interpPart(InterpPartContext c, List<Object> parts) { parts.add(expr(c.expr())); }

    @Override
    public Expr visitTripleString(TripleStringContext c) {
        List<Object> parts = new ArrayList<>();
        for (TriplePartContext p : c.triplePart()) {
            if (p instanceof TripleTextPartContext x) tripleTextPart(x, parts);
            else if (p instanceof TripleEscapePartContext x) tripleEscapePart(x, parts);
            else if (p instanceof TripleInterpPartContext x) tripleInterpPart(x, parts);
            else throw new IllegalStateException("no AST builder for " + p.getClass().getSimpleName());
        }
        return template(Dedent.apply(parts), span(c));
    }

    void tripleTextPart(TripleTextPartContext c, List<Object> parts) { appendText(parts, c.getText()); }

    void tripleEscapePart(TripleEscapePartContext c, List<Object> parts) { appendText(parts, unescape(c.getStart())); }

    void tripleInterpPart(TripleInterpPartContext c, List<Object> parts) { parts.add(expr(c.expr())); }

    private static void appendText(List<Object> parts, String text) {
        if (!parts.isEmpty() && parts.get(parts.size() - 1) instanceof String last) {
            parts.set(parts.size() - 1, last + text);
        } else {
            parts.add(text);
        }
    }

    private String unescape(Token escape) {
        char c = escape.getText().charAt(1);
        return switch (c) {
            case 'n' -> "\n";
            case 't' -> "\t";
            case 'r' -> "\r";
            case '0' -> "\0";
            case '"' -> "\"";
            case '\\' -> "\\";
            case '$' -> "$";
            case '\n' -> "";
            default -> {
                error(span(escape), "unknown escape '\\" + c + "' (known: \\n \\t \\r \\0 \\\" \\\\ \\$)");
                yield "";
            }
        };
    }

    /** A string with no interpolation is a literal; otherwise a template. */
    private static Expr template(List<Object> parts, Span span) {
        if (parts.isEmpty()) return new Expr.Literal("", span);
        if (parts.size() == 1 && parts.get(0) instanceof String s) return new Expr.Literal(s, span);
        return new Expr.Template(List.copyOf(parts), span);
    }

    private String plainString(Expr e, String what) {
        if (e instanceof Expr.Literal lit && lit.value() instanceof String s) return s;
        error(e.span(), what + " must be a plain string, without ${…}");
        return "";
    }
}
