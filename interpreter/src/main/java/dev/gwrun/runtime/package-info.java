/**
 * Run-time values and what every pass may do with them: operators, templates, JSON,
 * durations, scopes, cancellation and the runbook error that carries its source span.
 */
package dev.gwrun.runtime;
