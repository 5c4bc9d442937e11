/**
 * {@code gwrun doc}: a runbook's Markdown page and Mermaid flowchart, generated from its tree and the
 * signature table so they cannot drift from it.
 */
package dev.gwrun.doc;
