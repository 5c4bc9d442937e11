/**
 * The syntax tree: plain records with a span each, the {@code Stmt.Visitor}/{@code Expr.Visitor} every pass
 * implements, and the one default walk ({@link dev.gwrun.ast.TreeWalk}); what a runbook's shape answers by
 * itself (where its steps are, what an assignment writes) is answered here once.
 */
package dev.gwrun.ast;
