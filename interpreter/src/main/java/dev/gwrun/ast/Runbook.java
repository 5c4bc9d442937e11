package dev.gwrun.ast;

import dev.gwrun.source.SourceFile;
import dev.gwrun.source.Span;

import java.util.List;

/**
 * A whole runbook: its header (name, description, params), its body in source order, and its
 * runbook-level handlers. {@code description}, {@code descriptionSpan} (the whole
 * {@code description "…"} item), {@code onFailure} and {@code always} are null when absent.
 */
public record Runbook(String name, Span nameSpan, String description, Span descriptionSpan, List<Param> params,
                      List<Stmt> body, Block onFailure, Block always, SourceFile source, Span span) implements Node {

    public Param param(String name) {
        for (Param p : params) if (p.name().equals(name)) return p;
        return null;
    }
}
