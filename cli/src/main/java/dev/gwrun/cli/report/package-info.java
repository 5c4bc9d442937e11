/**
 * Renderers of a run's events for machines and reviewers (JSON lines, JUnit, GitHub annotations and
 * outputs, Markdown and HTML reports): each reads events, none is called from the interpreter.
 */
package dev.gwrun.cli.report;
