package dev.gwrun.stdlib.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.BuildImageCmd;
import com.github.dockerjava.api.command.BuildImageResultCallback;
import com.github.dockerjava.api.command.ListImagesCmd;
import com.github.dockerjava.api.command.PullImageResultCallback;
import com.github.dockerjava.api.model.BuildResponseItem;
import com.github.dockerjava.api.model.Image;
import com.github.dockerjava.api.model.PushResponseItem;
import dev.gwrun.host.Args;
import dev.gwrun.host.CallContext;
import dev.gwrun.host.Type;
import dev.gwrun.runtime.GwrunError;
import dev.gwrun.runtime.Values;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Images: pull, push, tag, rmi, image_exists, images and build. Tags follow the deployment docs'
 * scheme: an immutable {@code :<sha7>} per build plus moving {@code :dev} / {@code :prod}
 * pointers, which {@code docker.tag} moves.
 */
public final class Images {
    static final Type IMAGE_TYPE = Type.object("docker image", Map.of("id", Type.STRING, "tags", Type.LIST, "size", Type.INT));

    private Images() {}

    /** A reference split as the Engine API wants it: repository and tag (latest if none; a digest stays in the repository). */
    record Ref(String repository, String tag) {
        static Ref parse(String ref) {
            if (ref.contains("@")) return new Ref(ref, null);
            int slash = ref.lastIndexOf('/');
            int colon = ref.lastIndexOf(':');
            if (colon > slash) return new Ref(ref.substring(0, colon), ref.substring(colon + 1));
            return new Ref(ref, "latest");
        }

        @Override public String toString() { return tag == null ? repository : repository + ":" + tag; }
    }

    static Object pull(Args a, CallContext ctx, Engine engine) {
        String ref = a.string("ref");
        return Calls.run(ctx, e -> DockerErrors.translate(e, engine, "image '" + ref + "'", "pull"), attach -> {
            long start = System.nanoTime();
            pullImage(ctx, engine, ref, attach);
            String id = engine.client().inspectImageCmd(ref).exec().getId();
            ctx.log(engine.label() + ": pulled " + ref + " (" + shortId(id) + ") in " + millis(start) + "ms");
            return id;
        });
    }

    /** Pulls without logging, for docker.run's pull-if-missing; the caller words the failure. */
    public static void pullImage(CallContext ctx, Engine engine, String ref, Calls.Attach attach) throws InterruptedException {
        Ref r = Ref.parse(ref);
        var cmd = engine.client().pullImageCmd(r.repository());
        if (r.tag() != null) cmd.withTag(r.tag());
        attach.closeOnCancel(cmd.exec(new PullImageResultCallback())).awaitCompletion();
    }

    static Object push(Args a, CallContext ctx, Engine engine) {
        String ref = a.string("ref");
        return Calls.run(ctx, e -> DockerErrors.translate(e, engine, "image '" + ref + "'", "push"), attach -> {
            Ref r = Ref.parse(ref);
            long start = System.nanoTime();
            AtomicReference<String> error = new AtomicReference<>();
            var cmd = engine.client().pushImageCmd(r.repository());
            if (r.tag() != null) cmd.withTag(r.tag());
            ResultCallback.Adapter<PushResponseItem> cb = new ResultCallback.Adapter<>() {
                @Override
                public void onNext(PushResponseItem item) {
                    if (item.isErrorIndicated()) error.compareAndSet(null, item.getErrorDetail() != null ? item.getErrorDetail().getMessage() : item.getError());
                }
            };
            attach.closeOnCancel(cmd.exec(cb)).awaitCompletion();
            if (error.get() != null) throw new GwrunError("docker", "cannot push image '" + ref + "': " + error.get());
            ctx.log(engine.label() + ": pushed " + ref + " in " + millis(start) + "ms");
            return null;
        });
    }

    static Object tag(Args a, CallContext ctx, Engine engine) {
        String source = a.string("source");
        String target = a.string("target");
        Ref r = Ref.parse(target);
        if (r.tag() == null) throw new GwrunError("type", "docker.tag: the target must be repository:tag, not a digest, got '" + target + "'");
        return Calls.run(ctx, e -> DockerErrors.translate(e, engine, "image '" + source + "'", "tag"), attach -> {
            engine.client().tagImageCmd(source, r.repository(), r.tag()).withForce(true).exec();
            ctx.log(engine.label() + ": tagged " + source + " as " + target);
            return null;
        });
    }

    static Object rmi(Args a, CallContext ctx, Engine engine) {
        String ref = a.string("ref");
        boolean force = a.bool("force", false);
        return Resources.remove(ctx, engine, "image", ref, () -> engine.client().removeImageCmd(ref).withForce(force).exec(), false,
                inUse -> DockerErrors.daemonMessage(inUse) + (force ? "" : " (stop and remove those containers first, or pass force: true)"));
    }

    static Object exists(Args a, CallContext ctx, Engine engine) {
        String ref = a.string("ref");
        return Resources.exists(ctx, engine, "image", ref, () -> engine.client().inspectImageCmd(ref).exec());
    }

    static Object list(Args a, CallContext ctx, Engine engine) {
        String reference = a.string("reference", null);
        return Calls.run(ctx, e -> DockerErrors.translate(e, engine, "images", "list"), attach -> {
            ListImagesCmd cmd = engine.client().listImagesCmd();
            if (reference != null) cmd.withReferenceFilter(reference);
            List<Object> out = new ArrayList<>();
            for (Image i : cmd.exec()) {
                Map<String, Object> f = new LinkedHashMap<>();
                List<Object> tags = new ArrayList<>();
                if (i.getRepoTags() != null) for (String t : i.getRepoTags()) if (!t.equals("<none>:<none>")) tags.add(t);
                f.put("id", i.getId());
                f.put("tags", tags);
                f.put("size", i.getSize() == null ? 0L : i.getSize());
                out.add(new DockerObject(IMAGE_TYPE, f, shortId(i.getId()) + " " + tags));
            }
            return out;
        });
    }

    static Object build(Args a, CallContext ctx, Engine engine) {
        Path context = ctx.directory().resolve(a.string("context")).normalize();
        if (!Files.isDirectory(context)) throw new GwrunError("docker", "docker.build: the build context '" + context + "' is not a directory");
        String dockerfileName = a.string("dockerfile", "Dockerfile");
        Path dockerfile = context.resolve(dockerfileName).normalize();
        if (!Files.isRegularFile(dockerfile)) throw new GwrunError("docker", "docker.build: no Dockerfile at '" + dockerfile + "'");
        if (!dockerfile.startsWith(context)) throw new GwrunError("docker", "docker.build: the Dockerfile must be inside the build context '" + context + "'");
        Set<String> tags = new LinkedHashSet<>();
        Object tag = a.value("tag");
        if (tag instanceof List<?> l) for (Object t : l) tags.add(Values.str(t));
        else if (tag != null) tags.add(Values.str(tag));
        Map<String, Object> buildArgs = a.map("build_args");
        String what = tags.isEmpty() ? "image from " + context : "image '" + String.join("', '", tags) + "'";
        return Calls.run(ctx, e -> DockerErrors.translate(e, engine, what, "build"), attach -> {
            long start = System.nanoTime();
            BuildImageCmd cmd = engine.client().buildImageCmd().withBaseDirectory(context.toFile())
                    .withDockerfile(new File(dockerfile.toString())).withRemove(true).withForcerm(true);
            if (!tags.isEmpty()) cmd.withTags(tags);
            for (Map.Entry<String, Object> e : buildArgs.entrySet()) cmd.withBuildArg(e.getKey(), Values.str(e.getValue()));
            AtomicReference<String> error = new AtomicReference<>();
            BuildImageResultCallback cb = new BuildImageResultCallback() {
                @Override
                public void onNext(BuildResponseItem item) {
                    if (item.getStream() != null) {
                        for (String line : item.getStream().split("\n")) if (!line.isBlank()) ctx.output("stdout", line.stripTrailing());
                    }
                    if (item.isErrorIndicated()) error.compareAndSet(null, item.getErrorDetail() != null ? item.getErrorDetail().getMessage() : item.getError());
                    super.onNext(item);
                }
            };
            attach.closeOnCancel(cmd.exec(cb));
            String id;
            try {
                id = cb.awaitImageId();
            } catch (RuntimeException failed) {
                ctx.cancellation().check();
                if (error.get() != null) throw new GwrunError("docker", "cannot build " + what + ": " + error.get().strip(), null, failed);
                throw failed;
            }
            ctx.log(engine.label() + ": built " + (tags.isEmpty() ? shortId(id) : String.join(", ", tags) + " (" + shortId(id) + ")")
                    + " in " + Duration.ofNanos(System.nanoTime() - start).toMillis() + "ms");
            return id;
        });
    }

    public static String shortId(String id) {
        if (id == null) return "?";
        String s = id.startsWith("sha256:") ? id.substring(7) : id;
        return s.length() > 12 ? s.substring(0, 12) : s;
    }

    private static long millis(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }
}
