/**
 * Build-time generation of what the release ships besides the program (man pages, shell completion) from
 * the same picocli model that prints {@code --help}.
 */
package dev.gwrun.dist;
