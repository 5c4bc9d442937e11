/**
 * Name resolution, once: which declaration each name reads, which variable each assignment writes, and
 * which stdlib function each call runs ({@link dev.gwrun.names.Callee}, the one rule), in tables keyed by
 * node that every later pass reads; {@link dev.gwrun.names.Resolution} holds them for a run or a REPL session.
 */
package dev.gwrun.names;
