/**
 * The {@code docker} module: containers, images, networks and volumes on the Docker Engine through docker-
 * java, with cancellable calls and one-line errors that the compose and swarm modules share.
 */
package dev.gwrun.stdlib.docker;
