/**
 * The {@code flyway} module: Flyway migrations against PostgreSQL behind a migration-safety gate that reads
 * the SQL before {@code migrate} runs it.
 */
package dev.gwrun.stdlib.flyway;
