/**
 * PostgreSQL connection strings and connections shared by the modules that talk to PostgreSQL, with
 * passwords kept out of every message.
 */
package dev.gwrun.stdlib.postgres;
