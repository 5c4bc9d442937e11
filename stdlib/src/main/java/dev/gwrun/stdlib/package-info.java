/**
 * The standard library: one class per module, registered in the one table {@link
 * dev.gwrun.stdlib.StandardLibrary}; the core functions, {@code sh} and {@code http} live here, the larger
 * modules in sub-packages.
 */
package dev.gwrun.stdlib;
