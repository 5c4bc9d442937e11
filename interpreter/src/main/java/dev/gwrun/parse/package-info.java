/**
 * Source text to tree: the one parse entry ({@link dev.gwrun.parse.Parsing}, SLL then LL, no default
 * listeners), the syntax-error messages, and the builder, the only class that sees ANTLR's parse-tree
 * types.
 */
package dev.gwrun.parse;
