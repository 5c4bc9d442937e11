/**
 * Where run records and locks live: a directory or a PostgreSQL database shared by runners on many
 * machines; what {@code runs}, {@code show}, {@code resume}, {@code once} steps and {@code lock} read and
 * write.
 */
package dev.gwrun.state;
