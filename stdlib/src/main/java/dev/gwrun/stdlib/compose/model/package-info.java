/**
 * The loaded Compose project as plain records (no docker-java types): what the engine calls read. Filled by
 * {@link dev.gwrun.stdlib.compose.load.ComposeLoader}; collections are never null, paths are absolute.
 */
package dev.gwrun.stdlib.compose.model;
