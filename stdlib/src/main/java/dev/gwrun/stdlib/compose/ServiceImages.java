package dev.gwrun.stdlib.compose;

import com.github.dockerjava.api.command.BuildImageCmd;
import com.github.dockerjava.api.command.BuildImageResultCallback;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.BuildResponseItem;
import dev.gwrun.host.CallContext;
import dev.gwrun.runtime.GwrunError;
import dev.gwrun.stdlib.compose.model.Build;
import dev.gwrun.stdlib.compose.model.Project;
import dev.gwrun.stdlib.compose.model.Service;
import dev.gwrun.stdlib.docker.Calls;
import dev.gwrun.stdlib.docker.Engine;
import dev.gwrun.stdlib.docker.DockerErrors;
import dev.gwrun.stdlib.docker.Images;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

/** A service's image: pulled or built as pull:, build: and the service's pull_policy say; its id. */
final class ServiceImages {
    private ServiceImages() {}

    /** The local image id of the service's image, or null when the engine does not have it. */
    static String localId(Ops ops, Project p, Service s) {
        String ref = Names.image(p, s);
        return ops.on("image '" + ref + "'", "inspect", () -> {
            try {
                // A JSON tree: docker-java's InspectImageResponse codec costs a cold JVM some 20 ms (see docker.Inspected).
                return ops.engine().get("/images/" + Engine.encRef(ref) + "/json").path("Id").asText();
            } catch (NotFoundException e) {
                return null;
            }
        });
    }

    /**
     * Makes sure the image is there and returns its id.
     *
     * @param pull  missing, always, never or build (build every service that has a build section)
     * @param build build services with a build section even if their image exists
     */
    static String ensure(CallContext ctx, Ops ops, Project p, Service s, String pull, boolean build, Calls.Attach attach) throws InterruptedException {
        String ref = Names.image(p, s);
        String policy = s.pullPolicy() == null ? pull : s.pullPolicy();
        String id = localId(ops, p, s);
        boolean buildable = s.build() != null;
        if (buildable && (build || "build".equals(pull) || "build".equals(policy) || id == null)) {
            return build(ctx, ops, p, s, attach, false);
        }
        if ("always".equals(pull) || "always".equals(policy) || (id == null && !"never".equals(pull) && !"never".equals(policy))) {
            try {
                long start = System.nanoTime();
                Images.pullImage(ctx, ops.engine(), ref, attach);
                ops.log("pulled " + ref + " in " + (System.nanoTime() - start) / 1_000_000 + "ms");
            } catch (RuntimeException e) {
                ctx.cancellation().check();
                if (id != null) {
                    // Pulling is asked, not needed: the local image serves (as Compose does without a registry).
                    ops.log("could not pull " + ref + " (" + DockerErrors.daemonMessage(e) + "); using the local image");
                    return id;
                }
                throw new GwrunError("compose", "service '" + s.name() + "': image '" + ref + "' is not on the engine and could not be pulled: "
                        + DockerErrors.daemonMessage(e), null, e);
            }
            id = localId(ops, p, s);
        }
        if (id == null) throw new GwrunError("compose", "service '" + s.name() + "': image '" + ref + "' is not on the engine (pull: never)");
        return id;
    }

    static String build(CallContext ctx, Ops ops, Project p, Service s, Calls.Attach attach, boolean noCache) {
        Build b = s.build();
        String ref = Names.image(p, s);
        if (b == null) throw new GwrunError("compose", "service '" + s.name() + "' has no build section");
        if (b.context() == null || b.context().contains("://")) {
            throw new GwrunError("compose", "service '" + s.name() + "': gwrun builds from a local directory only, not '" + b.context() + "'");
        }
        Path context = Path.of(b.context());
        if (!Files.isDirectory(context)) throw new GwrunError("compose", "service '" + s.name() + "': the build context '" + context + "' is not a directory");
        long start = System.nanoTime();
        AtomicReference<String> error = new AtomicReference<>();
        String id = ops.on("image '" + ref + "'", "build", () -> {
            BuildImageCmd cmd = ops.d.buildImageCmd().withBaseDirectory(context.toFile()).withRemove(true).withForcerm(true).withNoCache(noCache);
            Set<String> tags = new LinkedHashSet<>();
            tags.add(ref);
            tags.addAll(b.tags());
            cmd.withTags(tags);
            if (b.dockerfileInline() != null) {
                throw new GwrunError("compose", "service '" + s.name() + "': dockerfile_inline is not supported by gwrun; write a Dockerfile");
            }
            cmd.withDockerfile(new File(context.resolve(b.dockerfile() == null ? "Dockerfile" : b.dockerfile()).toString()));
            b.args().forEach(cmd::withBuildArg);
            if (b.target() != null) cmd.withTarget(b.target());
            if (!b.labels().isEmpty()) cmd.withLabels(b.labels());
            if (b.network() != null) cmd.withNetworkMode(b.network());
            BuildImageResultCallback cb = new BuildImageResultCallback() {
                @Override
                public void onNext(BuildResponseItem item) {
                    if (item.isErrorIndicated()) error.compareAndSet(null, item.getErrorDetail() != null ? item.getErrorDetail().getMessage() : item.getError());
                    super.onNext(item);
                }
            };
            attach.closeOnCancel(cmd.exec(cb));
            try {
                return cb.awaitImageId();
            } catch (RuntimeException failed) {
                ctx.cancellation().check();
                if (error.get() != null) throw new GwrunError("compose", "service '" + s.name() + "': cannot build image '" + ref + "': " + error.get().strip(), null, failed);
                throw failed;
            }
        });
        ops.log("built " + ref + " (" + Images.shortId(id) + ") in " + (System.nanoTime() - start) / 1_000_000 + "ms");
        return id;
    }
}
