/**
 * {@code gwrun fmt}: the canonical layout of a runbook, built as a document of groups and breaks from the
 * tree and the comments beside it, printed to a width.
 */
package dev.gwrun.format;
