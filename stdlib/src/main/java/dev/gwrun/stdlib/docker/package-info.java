/**
 * The {@code docker} module: containers, images, networks and volumes on the Docker Engine through docker-
 * java, with cancellable calls and one-line errors that the compose and swarm modules share. The calls a
 * deploy makes first (create, inspect, list, exec) send and read JSON trees over docker-java's transport
 * ({@link dev.gwrun.stdlib.docker.Engine#request}, {@link dev.gwrun.stdlib.docker.Inspected},
 * {@link dev.gwrun.stdlib.docker.Listed}) instead of its beans, whose codecs cost a cold start most of its CPU.
 */
package dev.gwrun.stdlib.docker;
