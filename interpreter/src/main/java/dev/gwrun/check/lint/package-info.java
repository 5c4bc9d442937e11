/**
 * Lint rules: warnings about runbooks that check but are likely wrong; each rule is one class reading the
 * runbook, its resolved names and the signature table.
 */
package dev.gwrun.check.lint;
