/**
 * {@code gwrun check}: the static checks run before anything else, statements and scopes in {@link
 * dev.gwrun.check.Checker}, expressions, calls and types in {@code ExprChecker}, and the one loader of the
 * runbooks a {@code run} names ({@link dev.gwrun.check.SubRunbooks}).
 */
package dev.gwrun.check;
