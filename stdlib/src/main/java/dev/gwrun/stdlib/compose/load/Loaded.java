package dev.gwrun.stdlib.compose.load;

import dev.gwrun.source.Diagnostic;
import dev.gwrun.stdlib.compose.model.Project;

import java.util.List;

/** A project and the warnings its loading gave (an unset variable, an obsolete key), each with its file:line:col. */
public record Loaded(Project project, List<Diagnostic> warnings) {
}
