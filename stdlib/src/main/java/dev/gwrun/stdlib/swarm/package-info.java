/**
 * The {@code swarm} module: Compose projects deployed as Docker Swarm stacks, waiting for convergence and
 * failing fast with the reason.
 */
package dev.gwrun.stdlib.swarm;
