/**
 * The incident shell ({@code gwrun repl}): a JLine reader over one command table, input checked and run in
 * a session that keeps its bindings, step-through of a runbook, and a transcript that {@code :save} turns
 * back into a runbook.
 */
package dev.gwrun.cli.repl;
