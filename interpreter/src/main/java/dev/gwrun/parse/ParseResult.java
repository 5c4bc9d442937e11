package dev.gwrun.parse;

import dev.gwrun.source.Diagnostic;

import java.util.List;

/** The AST (null when the text does not parse) and every syntax diagnostic. */
public record ParseResult<T>(T ast, List<Diagnostic> diagnostics) {

    public boolean ok() {
        return ast != null && diagnostics.stream().noneMatch(Diagnostic::isError);
    }
}
