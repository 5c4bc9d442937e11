/**
 * Everything a runbook calls, with its signature: host functions with their effects, grouped in modules
 * and found in one registry, and the methods of built-in values; the checker, the evaluator, the planner,
 * the doc page and the REPL all read these signatures.
 */
package dev.gwrun.host;
