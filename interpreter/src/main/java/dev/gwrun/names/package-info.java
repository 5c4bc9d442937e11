/**
 * Name resolution, once: which declaration each name reads, which variable each assignment writes, and
 * which stdlib function each call runs ({@link dev.gwrun.names.Callee}, the one rule, also applied by the
 * evaluator to its run-time scope).
 */
package dev.gwrun.names;
