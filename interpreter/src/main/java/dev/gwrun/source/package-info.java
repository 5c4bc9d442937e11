/**
 * Source files, spans and diagnostics, rendered in one place as {@code file:line:col}, the line and a
 * caret.
 */
package dev.gwrun.source;
