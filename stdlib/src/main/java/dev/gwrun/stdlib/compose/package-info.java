/**
 * The {@code compose} module: a loaded Compose project ({@code compose.load}, {@code compose.model}) run on
 * the Docker Engine through docker-java. Start reading at {@link dev.gwrun.stdlib.compose.ComposeModule}
 * (the functions and their signatures). {@code Up} converges the engine on the project ({@code Graph} picks
 * and orders the services, {@code ProjectResources} makes networks and volumes, {@code ServiceImages} pulls or
 * builds, {@code ContainerSpec} turns a service into a create request, {@code ConfigHash} decides what changed,
 * {@code Readiness} waits and fails fast); {@code Rollout} is the zero-downtime update; {@code Lifecycle} and
 * {@code Processes} are down/ps/start/stop/restart and exec/run/logs; {@code Names} holds Compose v2's names
 * and labels. Engine calls go through the docker module's {@code Calls} (cancellation) and {@code DockerErrors}
 * (one-line errors).
 */
package dev.gwrun.stdlib.compose;
