package dev.gwrun.format;

import dev.gwrun.ast.Block;
import dev.gwrun.ast.Expr;
import dev.gwrun.ast.Param;
import dev.gwrun.ast.Runbook;
import dev.gwrun.ast.Stmt;
import dev.gwrun.parse.ParseResult;
import dev.gwrun.parse.Parsing;
import dev.gwrun.source.SourceFile;
import dev.gwrun.source.Span;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;

/**
 * {@code gwrun fmt}: prints a runbook in the one canonical layout. The layout comes from the AST
 * (two-space indentation, one statement a line, blocks always broken, a blank line around steps,
 * argument lists wrapped at {@value #WIDTH} columns with a trailing comma); the comments come from
 * the lexer's hidden channel and are placed by position. Strings, numbers and durations are copied
 * from the source as written, so their values cannot change. There is one method per AST node
 * type; a node type with none fails {@code FormatterCoverageTest}.
 */
public final class Formatter {
    static final int WIDTH = 100;
    static final int INDENT = 2;

    private final SourceFile source;
    private final Comments comments;

    private Formatter(SourceFile source) {
        this.source = source;
        this.comments = new Comments(source);
    }

    /** The formatted text, or the syntax diagnostics (ast null) when the file does not parse. */
    public static ParseResult<String> format(SourceFile source) {
        ParseResult<Runbook> parsed = Parsing.parseRunbook(source);
        if (!parsed.ok()) return new ParseResult<>(null, parsed.diagnostics());
        return new ParseResult<>(new Formatter(source).runbook(parsed.ast()), parsed.diagnostics());
    }

    // ---- The runbook ------------------------------------------------------------------

    /** One entry of a block, in source order: what kind it is (for blank lines), where, and how to lay it out. */
    private record Item(Kind kind, int start, int end, Supplier<Doc> layout) {}

    private enum Kind { DESCRIPTION, PARAM, STATEMENT, SECTION }

    private String runbook(Runbook rb) {
        Doc.Builder out = new Doc.Builder();
        int lastLine = 0;
        for (Comments.Comment c : comments.takeBefore(rb.span().start())) {
            if (lastLine > 0) out.add(Doc.HARD);
            if (lastLine > 0 && c.line() - lastLine > 1) out.add(Doc.HARD);
            out.add(c.text());
            lastLine = c.line();
        }
        if (lastLine > 0) {
            out.add(Doc.HARD);
            if (source.lineOf(rb.span().start()) - lastLine > 1) out.add(Doc.HARD);
        }
        out.add("runbook ").add(verbatim(rb.nameSpan())).add(" ");
        List<Item> items = new ArrayList<>();
        Span description = rb.descriptionSpan();
        if (description != null) {
            items.add(new Item(Kind.DESCRIPTION, description.start(), description.end(),
                    () -> Doc.concat(Doc.text("description "), verbatim(new Span(source, stringStart(description), description.end())))));
        }
        for (Param p : rb.params()) items.add(new Item(Kind.PARAM, p.span().start(), p.span().end(), () -> param(p)));
        for (Stmt s : rb.body()) items.add(statementItem(s));
        if (rb.onFailure() != null) items.add(handlerItem("on failure ", rb.onFailure()));
        if (rb.always() != null) items.add(handlerItem("always ", rb.always()));
        items.sort(Comparator.comparingInt(Item::start));
        out.add(body(openBrace(rb.nameSpan().end()), items, rb.span().end() - 1));
        Comments.Comment trailing = comments.takeTrailing(rb.span().end());
        if (trailing != null) out.add(" " + trailing.text());
        lastLine = source.lineOf(rb.span().end() - 1);
        for (Comments.Comment c : comments.takeBefore(Integer.MAX_VALUE)) {
            out.add(Doc.HARD);
            if (c.line() - lastLine > 1) out.add(Doc.HARD);
            out.add(c.text());
            lastLine = c.line();
        }
        out.add(Doc.HARD);
        return DocPrinter.print(out.build(), WIDTH);
    }

    private Item handlerItem(String keyword, Block handler) {
        return new Item(Kind.SECTION, handler.span().start(), handler.span().end(),
                () -> Doc.concat(Doc.text(keyword), block(handler)));
    }

    private Item statementItem(Stmt s) {
        boolean section = s instanceof Stmt.Step || s instanceof Stmt.Parallel || s instanceof Stmt.Fn;
        return new Item(section ? Kind.SECTION : Kind.STATEMENT, s.span().start(), s.span().end(), () -> statement(s));
    }

    private int stringStart(Span description) {
        return skipSpace(description.start() + "description".length());
    }

    private int skipSpace(int i) {
        String text = source.text();
        while (i < text.length() && Character.isWhitespace(text.charAt(i))) i++;
        return i;
    }

    /** The offset of the first '{' at or after {@code from}, skipping comments. */
    private int openBrace(int from) {
        String text = source.text();
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '#') while (i < text.length() && text.charAt(i) != '\n') i++;
            else if (c == '{') return i;
        }
        throw new IllegalStateException("no '{' after offset " + from);
    }

    private Doc param(Param p) {
        Doc.Builder b = new Doc.Builder().add("param " + p.name() + ": " + p.type().keyword);
        if (p.defaultValue() != null) b.add(" = ").add(expr(p.defaultValue()));
        return b.build();
    }

    // ---- Blocks -----------------------------------------------------------------------

    private Doc block(Block b) {
        int open = b.span().text().startsWith("{") ? b.span().start() : openBrace(b.span().start());
        List<Item> items = new ArrayList<>();
        for (Stmt s : b.statements()) items.add(statementItem(s));
        return body(open, items, b.span().end() - 1);
    }

    /**
     * A braced body: the comment on the '{' line, each item with the comments before and after it,
     * the comments before the '}'. Blank lines from the source are kept (at most one); steps,
     * parallel blocks, functions and handlers always get one around them.
     */
    private Doc body(int open, List<Item> items, int close) {
        Doc.Builder inner = new Doc.Builder();
        Comments.Comment afterOpen = comments.takeTrailing(open + 1);
        Doc head = afterOpen == null ? Doc.text("{") : Doc.concat(Doc.text("{"), new Doc.Suffix(" " + afterOpen.text()));
        int lastLine = source.lineOf(open);
        boolean first = true;
        Kind previous = null;
        for (Item item : items) {
            List<Comments.Comment> leading = comments.takeBefore(item.start());
            Doc doc = item.layout().get();
            List<Comments.Comment> displaced = comments.takeBefore(item.end());
            Comments.Comment trailing = comments.takeTrailing(item.end());
            boolean forced = previous != null && (item.kind() != previous || item.kind() == Kind.SECTION);
            boolean startOfGroup = true;
            for (Comments.Comment c : leading) {
                if (!first) inner.add(Doc.HARD);
                if (!first && (c.line() - lastLine > 1 || startOfGroup && forced)) inner.add(Doc.HARD);
                inner.add(c.text());
                lastLine = c.line();
                first = false;
                startOfGroup = false;
            }
            int itemLine = source.lineOf(item.start());
            if (!first) inner.add(Doc.HARD);
            if (!first && (itemLine - lastLine > 1 || startOfGroup && forced)) inner.add(Doc.HARD);
            for (Comments.Comment c : displaced) inner.add(c.text()).add(Doc.HARD);
            // Newlines are not tokens: a statement starting with '(', '[' or '-' would continue the one above.
            char start = Doc.firstChar(doc);
            if (!first && (start == '(' || start == '[' || start == '-')) inner.add(";");
            inner.add(doc);
            if (trailing != null) inner.add(new Doc.Suffix(" " + trailing.text()));
            lastLine = source.lineOf(Math.max(item.start(), item.end() - 1));
            first = false;
            previous = item.kind();
        }
        for (Comments.Comment c : comments.takeBefore(close)) {
            if (!first) inner.add(Doc.HARD);
            if (!first && c.line() - lastLine > 1) inner.add(Doc.HARD);
            inner.add(c.text());
            lastLine = c.line();
            first = false;
        }
        if (inner.isEmpty()) return afterOpen == null ? Doc.text("{}") : Doc.concat(head, Doc.HARD, Doc.text("}"));
        return Doc.concat(head, Doc.nest(Doc.concat(Doc.HARD, inner.build())), Doc.HARD, Doc.text("}"));
    }

    // ---- Statements -------------------------------------------------------------------

    private Doc statement(Stmt s) {
        return s.accept(statements);
    }

    /** The layout of each kind of statement. */
    private final Stmt.Visitor<Doc> statements = new Stmt.Visitor<>() {
        @Override public Doc visitLet(Stmt.Let x) { return Doc.concat(Doc.text("let " + x.name() + " = "), expr(x.value())); }

        @Override public Doc visitAssign(Stmt.Assign x) { return Doc.concat(expr(x.target()), Doc.text(" = "), expr(x.value())); }

        @Override
        public Doc visitGuard(Stmt.Guard x) {
            return Doc.concat(Doc.text("guard "), expr(x.condition()), Doc.text(" else "), expr(x.message()));
        }

        @Override public Doc visitStep(Stmt.Step x) { return step(x); }

        @Override public Doc visitParallel(Stmt.Parallel x) { return parallel(x); }

        @Override public Doc visitWait(Stmt.Wait x) { return waitStmt(x); }

        @Override public Doc visitIf(Stmt.If x) { return ifStmt(x); }

        @Override
        public Doc visitFor(Stmt.For x) {
            return Doc.concat(Doc.text("for " + x.variable() + " in "), expr(x.iterable()), Doc.text(" "), block(x.body()));
        }

        @Override
        public Doc visitFn(Stmt.Fn x) {
            return Doc.concat(Doc.text("fn " + x.name() + "(" + String.join(", ", x.params()) + ") "), block(x.body()));
        }

        @Override
        public Doc visitReturn(Stmt.Return x) {
            return x.value() == null ? Doc.text("return") : Doc.concat(Doc.text("return "), expr(x.value()));
        }

        @Override public Doc visitFail(Stmt.Fail x) { return Doc.concat(Doc.text("fail "), expr(x.message())); }

        @Override public Doc visitLog(Stmt.Log x) { return Doc.concat(Doc.text("log "), expr(x.message())); }

        @Override public Doc visitConfirm(Stmt.Confirm x) { return Doc.concat(Doc.text("confirm "), expr(x.question())); }

        @Override
        public Doc visitRun(Stmt.Run x) {
            return x.with() == null ? Doc.concat(Doc.text("run "), expr(x.path()))
                    : Doc.concat(Doc.text("run "), expr(x.path()), Doc.text(" with "), expr(x.with()));
        }

        @Override public Doc visitRecover(Stmt.Recover x) { return Doc.text("recover"); }

        @Override
        public Doc visitLock(Stmt.Lock x) {
            return x.timeout() == null
                    ? Doc.concat(Doc.text("lock "), expr(x.name()), Doc.text(" "), block(x.body()))
                    : Doc.concat(Doc.text("lock "), expr(x.name()), Doc.text(" timeout "), expr(x.timeout()), Doc.text(" "), block(x.body()));
        }

        @Override public Doc visitExprStmt(Stmt.ExprStmt x) { return expr(x.expr()); }
    };

    private Doc step(Stmt.Step x) {
        Doc.Builder b = new Doc.Builder().add("step ").add(expr(x.name()));
        if (x.when() != null) b.add(" when ").add(expr(x.when()));
        if (x.timeout() != null) b.add(" timeout ").add(expr(x.timeout()));
        if (x.retry() != null) b.add(" retry ").add(expr(x.retry()));
        if (x.backoff() != null) b.add(" backoff ").add(expr(x.backoff()));
        if (x.once()) b.add(" once");
        b.add(" ").add(block(x.body()));
        if (x.onFailure() != null) b.add(" on failure ").add(block(x.onFailure()));
        return b.build();
    }

    private Doc parallel(Stmt.Parallel x) {
        List<Item> items = new ArrayList<>();
        for (Stmt.Step s : x.steps()) items.add(statementItem(s));
        return Doc.concat(Doc.text("parallel "), body(openBrace(x.span().start()), items, x.span().end() - 1));
    }

    private Doc waitStmt(Stmt.Wait x) {
        Doc.Builder b = new Doc.Builder().add("wait until ").add(expr(x.condition()));
        if (x.every() != null) b.add(" every ").add(expr(x.every()));
        if (x.timeout() != null) b.add(" timeout ").add(expr(x.timeout()));
        return b.build();
    }

    private Doc ifStmt(Stmt.If x) {
        Doc.Builder b = new Doc.Builder().add("if ").add(expr(x.condition())).add(" ").add(block(x.then()));
        Block otherwise = x.otherwise();
        if (otherwise != null) {
            b.add(" else ");
            // 'else if' builds a block holding one if with the same span; 'else { if … }' keeps its braces.
            if (otherwise.statements().size() == 1 && otherwise.statements().get(0) instanceof Stmt.If nested
                    && nested.span().equals(otherwise.span())) {
                b.add(ifStmt(nested));
            } else {
                b.add(block(otherwise));
            }
        }
        return b.build();
    }

    // ---- Expressions ------------------------------------------------------------------

    private static final int OR = 1, AND = 2, NOT = 3, COMPARE = 4, IN = 5, ADD = 6, MUL = 7, NEGATE = 8, POSTFIX = 9;

    private Doc expr(Expr e) {
        return e.accept(expressions);
    }

    /** The layout of each kind of expression. */
    private final Expr.Visitor<Doc> expressions = new Expr.Visitor<>() {
        @Override public Doc visitLiteral(Expr.Literal x) { return literal(x); }

        @Override public Doc visitTemplate(Expr.Template x) { return verbatim(x.span()); }

        @Override public Doc visitName(Expr.Name x) { return Doc.text(x.name()); }

        @Override
        public Doc visitListLit(Expr.ListLit x) {
            return list("[", "]", x.span(), x.items().stream().map(i -> new Element(i.span(), () -> expr(i))).toList());
        }

        @Override
        public Doc visitMapLit(Expr.MapLit x) {
            return list("{", "}", x.span(), x.entries().stream()
                    .map(en -> new Element(en.keySpan().to(en.value().span()), () -> Doc.concat(verbatim(en.keySpan()), Doc.text(": "), expr(en.value())))).toList());
        }

        @Override public Doc visitMember(Expr.Member x) { return Doc.concat(operand(x.target(), POSTFIX, false, x), Doc.text("." + x.name())); }

        @Override public Doc visitCall(Expr.Call x) { return call(x); }

        @Override
        public Doc visitIndex(Expr.Index x) {
            return Doc.concat(operand(x.target(), POSTFIX, false, x), Doc.text("["), expr(x.index()), Doc.text("]"));
        }

        @Override public Doc visitUnary(Expr.Unary x) { return unary(x); }

        @Override public Doc visitBinary(Expr.Binary x) { return binary(x); }
    };

    private Doc literal(Expr.Literal x) {
        if (x.value() instanceof String) return verbatim(x.span());
        if (x.value() == null) return Doc.text("null");
        if (x.value() instanceof Boolean b) return Doc.text(b.toString());
        String text = x.span().text();
        // A negative number is '-' and the number; the space between them (if any) goes.
        return text.indexOf('#') >= 0 ? verbatim(x.span()) : Doc.text(text.replaceAll("\\s+", ""));
    }

    private Doc call(Expr.Call x) {
        int open = x.callee().span().end();
        Span whole = new Span(source, open, x.span().end());
        // One string, number or name never wraps: "f(\n  "x",\n)" is harder to read than a long line.
        if (x.args().size() == 1 && x.args().get(0).name() == null && isAtom(x.args().get(0).value())
                && whole.text().indexOf('#') < 0) {
            return Doc.concat(operand(x.callee(), POSTFIX, false, x), Doc.text("("), expr(x.args().get(0).value()), Doc.text(")"));
        }
        List<Element> args = x.args().stream().map(a -> new Element(a.span(),
                () -> a.name() == null ? expr(a.value()) : Doc.concat(Doc.text(a.name() + ": "), expr(a.value())))).toList();
        return Doc.concat(operand(x.callee(), POSTFIX, false, x), list("(", ")", whole, args));
    }

    private static boolean isAtom(Expr e) {
        return e instanceof Expr.Literal || e instanceof Expr.Template || e instanceof Expr.Name;
    }

    private Doc unary(Expr.Unary x) {
        boolean not = x.op() == Expr.UnaryOp.NOT;
        int level = not ? NOT : NEGATE;
        boolean keepParens = x.operand() instanceof Expr.Binary && x.operand().span().end() < x.span().end();
        boolean parens = keepParens || precedence(x.operand()) < level;
        Doc operand = parens ? Doc.concat(Doc.text("("), expr(x.operand()), Doc.text(")")) : expr(x.operand());
        return Doc.concat(Doc.text(not ? "not " : "-"), operand);
    }

    private Doc binary(Expr.Binary x) {
        int level = precedence(x);
        return Doc.concat(operand(x.left(), level, false, x), Doc.text(" " + x.op().symbol + " "), operand(x.right(), level, true, x));
    }

    /**
     * An operand, in parentheses when the precedence needs them or when the source wrote them
     * around an operation (the AST drops parentheses; their spans show where they were).
     */
    private Doc operand(Expr child, int parentLevel, boolean right, Expr parent) {
        int level = precedence(child);
        boolean needed = right ? level <= parentLevel : level < parentLevel;
        boolean written = child instanceof Expr.Binary
                && (right ? child.span().end() < parent.span().end() : child.span().start() > parent.span().start());
        if (!needed && !(written && parent instanceof Expr.Binary)) return expr(child);
        return Doc.concat(Doc.text("("), expr(child), Doc.text(")"));
    }

    private static int precedence(Expr e) {
        if (e instanceof Expr.Binary b) {
            return switch (b.op()) {
                case OR -> OR;
                case AND -> AND;
                case EQ, NE, LT, LE, GT, GE -> COMPARE;
                case IN, NOT_IN -> IN;
                case ADD, SUB -> ADD;
                case MUL, DIV, MOD -> MUL;
            };
        }
        if (e instanceof Expr.Unary u) return u.op() == Expr.UnaryOp.NOT ? NOT : NEGATE;
        if (e instanceof Expr.Literal l && l.value() instanceof Number n && n.doubleValue() < 0) return NEGATE;
        if (e instanceof Expr.Literal l && l.value() instanceof Number && l.span().text().startsWith("-")) return NEGATE;
        return POSTFIX;
    }

    /** One element of a bracketed list: its span (for comments) and its layout. */
    private record Element(Span span, Supplier<Doc> layout) {}

    /**
     * {@code open a, b close} on one line when it fits and holds no comment; otherwise one element
     * a line, indented, with a trailing comma.
     */
    private Doc list(String open, String close, Span whole, List<Element> elements) {
        Doc.Builder inner = new Doc.Builder();
        for (int i = 0; i < elements.size(); i++) {
            Element el = elements.get(i);
            for (Comments.Comment c : comments.takeBefore(el.span().start())) inner.add(c.text()).add(Doc.HARD);
            inner.add(el.layout().get());
            inner.add(i < elements.size() - 1 ? Doc.text(",") : new Doc.IfBreak(",", ""));
            Comments.Comment trailing = comments.takeTrailing(el.span().end());
            if (trailing != null) inner.add(new Doc.Suffix(" " + trailing.text()));
            if (i < elements.size() - 1) inner.add(Doc.LINE);
        }
        List<Comments.Comment> atEnd = comments.takeBefore(whole.end() - 1);
        for (Comments.Comment c : atEnd) {
            if (!inner.isEmpty()) inner.add(Doc.HARD);
            inner.add(c.text()).add(Doc.BREAK);
        }
        if (inner.isEmpty()) return Doc.text(open + close);
        return Doc.group(Doc.concat(Doc.text(open), Doc.nest(Doc.concat(Doc.SOFT, inner.build())), Doc.SOFT, Doc.text(close)));
    }

    /** Source text copied as written (strings, map keys written as strings); comments inside it travel with it. */
    private Doc verbatim(Span span) {
        comments.consumeWithin(span.start(), span.end());
        return Doc.text(span.text());
    }
}
