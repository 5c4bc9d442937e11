/**
 * What a run is given and what must never be shown: params turned from text or values into typed
 * values, and the masker that hides secrets and URL passwords wherever a value is shown. Below both the
 * planner and the engine, which read it; every renderer masks through it.
 */
package dev.gwrun.params;
