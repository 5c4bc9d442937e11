package dev.gwrun.doc;

import dev.gwrun.ast.Block;
import dev.gwrun.ast.Expr;
import dev.gwrun.ast.Runbook;
import dev.gwrun.ast.Stmt;
import dev.gwrun.ast.Steps;

import java.util.ArrayList;
import java.util.List;

/**
 * A Mermaid flowchart of a runbook, for GitHub to draw in a pull request: its steps in order, the
 * runbook-level guards, {@code when} conditions and {@code if}s around steps as decisions, parallel
 * blocks and steps with nested steps as boxes, retries as loops, {@code for} loops around steps,
 * failure edges to each step's {@code on failure} (or to the runbook's), and the runbook-level
 * handlers. Statements that are not about the flow (let, log, calls) stay out of the picture.
 */
final class Flowchart {
    /** An edge waiting for the node that comes next: from a node, with an optional label. */
    private record Out(String from, String label) {}

    private static final int MAX_LABEL = 48;

    private final Runbook rb;
    private final List<String> body = new ArrayList<>();
    private final List<String> edges = new ArrayList<>();
    private int next;
    private boolean failed;
    private boolean stopped;

    private Flowchart(Runbook rb) { this.rb = rb; }

    static String of(Runbook rb) {
        return new Flowchart(rb).render();
    }

    private String render() {
        node(1, "start", "([\"", "▶ " + rb.name(), "\"])");
        List<Out> outs = seq(rb.body(), List.of(new Out("start", null)), 1, this::runbookFailure);
        if (rb.always() != null) {
            node(1, "always", "[[\"", "always" + summary(rb.always()), "\"]]");
            connect(outs, "always");
            outs = List.of(new Out("always", failed || rb.onFailure() != null ? "after success" : null));
        }
        node(1, "done", "([\"", "✔ succeeded", "\"])");
        connect(outs, "done");
        if (rb.onFailure() != null) {
            node(1, "onfail", "[/\"", "on failure (runbook)" + summary(rb.onFailure()), "\"/]");
            edges.add("onfail -.-> " + (rb.always() != null ? "always" : "failed"));
            failed = true;
        }
        if (failed) {
            node(1, "failed", "([\"", "✘ failed", "\"])");
            if (rb.always() != null) edges.add("always -.->|\"after a failure\"| failed");
        }
        if (stopped) node(1, "stopped", "([\"", "■ stopped: not confirmed", "\"])");
        StringBuilder b = new StringBuilder("flowchart TD\n");
        for (String line : body) b.append(line).append('\n');
        for (String e : edges) b.append("  ").append(e).append('\n');
        return b.toString();
    }

    /** Where a failure outside any step handler goes: the runbook's on failure, its always, or the end. */
    private String runbookFailure() {
        failed = true;
        return rb.onFailure() != null ? "onfail" : rb.always() != null ? "always" : "failed";
    }

    private interface FailTarget {
        String get();
    }

    private List<Out> seq(List<Stmt> stmts, List<Out> in, int depth, FailTarget fail) {
        List<Out> outs = in;
        for (Stmt s : stmts) outs = stmt(s, outs, depth, fail);
        return outs;
    }

    private List<Out> stmt(Stmt s, List<Out> in, int depth, FailTarget fail) {
        return s.accept(new Draw(in, depth, fail));
    }

    /** Draws one statement after the edges {@code in}; returns the edges that leave it. */
    private final class Draw implements Stmt.Visitor<List<Out>> {
        private final List<Out> in;
        private final int depth;
        private final FailTarget fail;

        Draw(List<Out> in, int depth, FailTarget fail) {
            this.in = in;
            this.depth = depth;
            this.fail = fail;
        }

        @Override public List<Out> visitStep(Stmt.Step x) { return step(x, in, depth, fail); }

        @Override
        public List<Out> visitParallel(Stmt.Parallel x) {
            // Edges go to and from the box: its steps all start when it starts, and it ends when all have ended.
            String id = id();
            body.add(indent(depth) + "subgraph " + id + " [\"parallel\"]");
            for (Stmt.Step step : x.steps()) step(step, List.of(), depth + 1, fail);
            body.add(indent(depth) + "end");
            connect(in, id);
            return List.of(new Out(id, null));
        }

        @Override
        public List<Out> visitLock(Stmt.Lock x) {
            if (!Steps.written(x.body().statements())) return in;
            // The box shows which steps run holding the lock; they run in order inside it.
            String id = id();
            body.add(indent(depth) + "subgraph " + id + " [\"" + escape("lock " + text(x.name())) + "\"]");
            List<Out> outs = seq(x.body().statements(), in, depth + 1, fail);
            body.add(indent(depth) + "end");
            return outs;
        }

        @Override
        public List<Out> visitGuard(Stmt.Guard x) {
            if (depth > 1) return in;
            String id = id();
            node(depth, id, "{{\"", "guard " + text(x.condition()), "\"}}");
            connect(in, id);
            edges.add(id + " -.->|\"fails\"| " + fail.get());
            return List.of(new Out(id, "passes"));
        }

        @Override
        public List<Out> visitIf(Stmt.If x) {
            if (!Steps.written(List.of(x))) return in;
            String id = id();
            node(depth, id, "{\"", "if " + text(x.condition()), "\"}");
            connect(in, id);
            List<Out> outs = new ArrayList<>(seq(x.then().statements(), List.of(new Out(id, "yes")), depth, fail));
            outs.addAll(x.otherwise() == null ? List.of(new Out(id, "no")) : seq(x.otherwise().statements(), List.of(new Out(id, "no")), depth, fail));
            return outs;
        }

        @Override
        public List<Out> visitFor(Stmt.For x) {
            if (!Steps.written(x.body().statements())) return in;
            String id = id();
            node(depth, id, "[[\"", "for " + x.variable() + " in " + text(x.iterable()), "\"]]");
            connect(in, id);
            List<Out> inner = seq(x.body().statements(), List.of(new Out(id, "each")), depth, fail);
            for (Out o : inner) edges.add(edge(o.from(), "next", id));
            return List.of(new Out(id, "all done"));
        }

        @Override
        public List<Out> visitWait(Stmt.Wait x) {
            if (depth > 1) return in;
            String id = id();
            node(depth, id, "[\"", "wait until " + text(x.condition()), "\"]");
            connect(in, id);
            return List.of(new Out(id, null));
        }

        @Override
        public List<Out> visitConfirm(Stmt.Confirm x) {
            if (depth > 1) return in;
            String id = id();
            node(depth, id, "{\"", "confirm " + text(x.question()), "\"}");
            connect(in, id);
            edges.add(edge(id, "no", "stopped"));
            stopped = true;
            return List.of(new Out(id, "yes"));
        }

        @Override
        public List<Out> visitRun(Stmt.Run x) {
            String id = id();
            node(depth, id, "[[\"", "run " + text(x.path()), "\"]]");
            connect(in, id);
            return List.of(new Out(id, null));
        }

        @Override
        public List<Out> visitFail(Stmt.Fail x) {
            if (depth > 1) return in;
            for (Out o : in) edges.add(edge(o.from(), o.label() == null ? "fail" : o.label(), fail.get()));
            return List.of();
        }

        // Not about the flow: they stay out of the picture.
        @Override public List<Out> visitLet(Stmt.Let x) { return in; }

        @Override public List<Out> visitAssign(Stmt.Assign x) { return in; }

        @Override public List<Out> visitFn(Stmt.Fn x) { return in; }

        @Override public List<Out> visitReturn(Stmt.Return x) { return in; }

        @Override public List<Out> visitLog(Stmt.Log x) { return in; }

        @Override public List<Out> visitRecover(Stmt.Recover x) { return in; }

        @Override public List<Out> visitExprStmt(Stmt.ExprStmt x) { return in; }
    }

    private List<Out> step(Stmt.Step x, List<Out> in, int depth, FailTarget fail) {
        List<Out> outs = new ArrayList<>();
        if (x.when() != null) {
            String w = id();
            node(depth, w, "{\"", "when " + text(x.when()), "\"}");
            connect(in, w);
            in = List.of(new Out(w, "yes"));
            outs.add(new Out(w, "no"));
        }
        String id = id();
        String handler = x.onFailure() == null ? null : id();
        FailTarget inner = handler == null ? fail : () -> handler;
        String label = RunbookDoc.stepName(x) + options(x);
        if (Steps.written(x.body().statements())) {
            body.add(indent(depth) + "subgraph " + id + " [\"" + escape(label) + "\"]");
            body.add(indent(depth + 1) + "direction TB");
            seq(x.body().statements(), List.of(), depth + 1, inner);
            body.add(indent(depth) + "end");
            connect(in, id);
        } else {
            node(depth, id, "[\"", label, "\"]");
            connect(in, id);
            if (x.retry() != null) edges.add(edge(id, "retry", id));
            edges.add(id + " -.->|\"fails\"| " + inner.get());
        }
        outs.add(0, new Out(id, null));
        if (handler != null) {
            node(depth, handler, "[/\"", "on failure" + summary(x.onFailure()), "\"/]");
            if (recovers(x.onFailure())) outs.add(new Out(handler, "recovered"));
            else edges.add(handler + " -.-> " + fail.get());
        }
        return outs;
    }

    private static String options(Stmt.Step x) {
        StringBuilder b = new StringBuilder();
        if (x.timeout() != null) b.append("<br/>timeout ").append(text(x.timeout()));
        if (x.retry() != null) b.append("<br/>retry ").append(text(x.retry())).append(x.backoff() == null ? "" : ", backoff " + text(x.backoff()));
        return b.toString();
    }

    /** The first statement of a handler, as a hint of what it does. */
    private static String summary(Block b) {
        if (b.statements().isEmpty()) return "";
        String first = RunbookDoc.oneLine(b.statements().get(0).span().text());
        return "<br/>" + cut(first) + (b.statements().size() > 1 ? " …" : "");
    }

    static boolean recovers(Block b) {
        return b.recovers();
    }

    private void connect(List<Out> from, String to) {
        for (Out o : from) edges.add(edge(o.from(), o.label(), to));
    }

    private static String edge(String from, String label, String to) {
        return from + (label == null ? " --> " : " -->|\"" + escape(label) + "\"| ") + to;
    }

    private void node(int depth, String id, String open, String label, String close) {
        body.add(indent(depth) + id + open + escapeKeepBreaks(label) + close);
    }

    private String id() { return "n" + (++next); }

    private static String indent(int depth) { return "  ".repeat(depth); }

    private static String text(Expr e) { return cut(RunbookDoc.oneLine(e.span().text())); }

    private static String cut(String s) { return s.length() > MAX_LABEL ? s.substring(0, MAX_LABEL - 1) + "…" : s; }

    /** Mermaid's entity codes for the characters that end or confuse a quoted label. */
    private static String escape(String s) {
        return s.replace("#", "#35;").replace("\"", "#quot;").replace("<", "#lt;").replace(">", "#gt;");
    }

    private static String escapeKeepBreaks(String s) {
        StringBuilder b = new StringBuilder();
        String[] parts = s.split("<br/>", -1);
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) b.append("<br/>");
            b.append(escape(parts[i]));
        }
        return b.toString();
    }
}
