/**
 * {@code gwrun plan}: what a run would do, changing nothing; the planner walks the statements, a partial
 * evaluator works out the values and calls that can be known, and the plan is rendered as text, Markdown or
 * JSON.
 */
package dev.gwrun.plan;
