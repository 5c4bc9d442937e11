/**
 * Running a checked runbook: the executor and evaluator over the tree, steps with retries, timeouts,
 * handlers and locks, sub-runbooks, params, masking of secrets, and the events every view is rendered from.
 */
package dev.gwrun.engine;
