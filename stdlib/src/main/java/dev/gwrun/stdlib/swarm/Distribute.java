package dev.gwrun.stdlib.swarm;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import dev.gwrun.host.Type;
import dev.gwrun.runtime.GwrunError;
import dev.gwrun.runtime.Values;
import dev.gwrun.stdlib.docker.DockerObject;
import dev.gwrun.stdlib.docker.Engine;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A local image to every node, with no registry: {@code docker save} on the manager streamed into
 * {@code docker load} on each other node's engine, as a shell would pipe them. Swarm itself never moves an image:
 * a node without it fails its task with "No such image". Swarm cannot say how to reach its nodes' engines either,
 * so the runbook names them ({@code docker.engine("ssh://…")}, {@code tcp://…}, a socket).
 */
final class Distribute {
    static final Type RESULT_TYPE = Type.object("swarm image copy", Map.of("engine", Type.STRING, "image", Type.STRING, "id", Type.STRING, "loaded", Type.BOOL));

    private Distribute() {}

    /** Copies the image to each engine that lacks it (or has another image under its name); one {engine, image, id, loaded} per engine. */
    static Object image(SwarmOps ops, String image, List<Object> to) throws IOException {
        String id = localId(ops.d, image);
        if (id == null) throw new GwrunError("swarm", "the engine (" + ops.engine.host() + ") has no image " + image + " to copy to the other nodes");
        List<Object> out = new ArrayList<>();
        for (Object o : to) {
            if (!(o instanceof Engine target)) {
                throw new GwrunError("type", "swarm.distribute_image: to: must be a list of engine handles from docker.engine(…), got " + Values.typeName(o) + " " + Values.repr(o));
            }
            boolean loaded = false;
            if (!id.equals(localId(target.client(), image))) {
                long start = System.nanoTime();
                try (InputStream tar = ops.d.saveImageCmd(image).exec()) {
                    target.client().loadImageCmd(tar).exec();
                }
                String now = localId(target.client(), image);
                if (!id.equals(now)) {
                    throw new GwrunError("swarm", "loaded " + image + " into " + target.host() + ", but it has " + (now == null ? "no such image" : "image " + now) + " under that name afterwards");
                }
                ops.log("copied image " + image + " (" + shortId(id) + ") to " + target.host() + " in " + (System.nanoTime() - start) / 1_000_000 + " ms");
                loaded = true;
            }
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("engine", target.host());
            f.put("image", image);
            f.put("id", id);
            f.put("loaded", loaded);
            out.add(new DockerObject(RESULT_TYPE, f, image + (loaded ? " loaded into " : " already on ") + target.host()));
        }
        return out;
    }

    /** What {@link #image} would do, reading only. */
    static String preview(SwarmOps ops, String image, List<Object> to) {
        String id = localId(ops.d, image);
        if (id == null) return "would fail: the engine has no image " + image;
        List<String> copy = new ArrayList<>();
        List<String> have = new ArrayList<>();
        for (Object o : to) {
            if (!(o instanceof Engine target)) continue;
            (id.equals(localId(target.client(), image)) ? have : copy).add(target.host());
        }
        String out = copy.isEmpty() ? "would copy nothing" : "would copy " + image + " (" + shortId(id) + ") to " + String.join(", ", copy);
        return have.isEmpty() ? out : out + "; " + String.join(", ", have) + " already " + (have.size() == 1 ? "has" : "have") + " it";
    }

    private static String localId(DockerClient d, String image) {
        try {
            return d.inspectImageCmd(image).exec().getId();
        } catch (NotFoundException e) {
            return null;
        }
    }

    private static String shortId(String id) {
        String hex = id.startsWith("sha256:") ? id.substring(7) : id;
        return hex.substring(0, Math.min(12, hex.length()));
    }
}
