package dev.gwrun.stdlib.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Image;
import com.github.dockerjava.api.model.Network;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Live values the repl offers on Tab for docker arguments: container names where a call takes a
 * container, image references, network and volume names. One engine query per keystroke, on the
 * default engine; any failure offers nothing rather than disturbing the prompt.
 */
final class Completions {
    private Completions() {}

    private static final Set<String> CONTAINER_FUNCTIONS = Set.of(
            "docker.start", "docker.stop", "docker.restart", "docker.rm", "docker.inspect", "docker.exists",
            "docker.logs", "docker.exec", "docker.healthy");
    private static final Set<String> IMAGE_FUNCTIONS = Set.of(
            "docker.tag", "docker.rmi", "docker.push", "docker.image_exists", "docker.run");

    static List<String> of(String function, String param, String prefix) {
        try {
            Function<DockerClient, List<String>> query = query(function, param);
            if (query == null) return List.of();
            DockerClient client = Engine.fromEnvironment(System.getenv("DOCKER_HOST"), System.getenv("DOCKER_TLS_VERIFY"),
                    System.getenv("DOCKER_CERT_PATH")).client();
            TreeSet<String> out = new TreeSet<>();
            for (String v : query.apply(client)) if (v != null && v.startsWith(prefix)) out.add(v);
            return List.copyOf(out);
        } catch (RuntimeException e) {
            return List.of();
        }
    }

    private static Function<DockerClient, List<String>> query(String function, String param) {
        boolean container = CONTAINER_FUNCTIONS.contains(function) && param.equals("name")
                || function.equals("docker.rename") && param.equals("old")
                || (function.equals("docker.connect") || function.equals("docker.disconnect")) && param.equals("container");
        if (container) return Completions::containers;
        if (IMAGE_FUNCTIONS.contains(function) && (param.equals("image") || param.equals("ref") || param.equals("source"))) {
            return Completions::images;
        }
        boolean network = (function.equals("docker.network_rm") || function.equals("docker.network_exists")) && param.equals("name")
                || (function.equals("docker.connect") || function.equals("docker.disconnect")) && param.equals("network");
        if (network) return c -> c.listNetworksCmd().exec().stream().map(Network::getName).toList();
        if ((function.equals("docker.volume_rm") || function.equals("docker.volume_exists")) && param.equals("name")) {
            return c -> c.listVolumesCmd().exec().getVolumes().stream().map(v -> v.getName()).toList();
        }
        return null;
    }

    private static List<String> containers(DockerClient c) {
        List<String> names = new ArrayList<>();
        for (Container k : c.listContainersCmd().withShowAll(true).exec()) {
            if (k.getNames() != null) for (String n : k.getNames()) names.add(n.startsWith("/") ? n.substring(1) : n);
        }
        return names;
    }

    private static List<String> images(DockerClient c) {
        List<String> refs = new ArrayList<>();
        for (Image i : c.listImagesCmd().exec()) {
            if (i.getRepoTags() != null) for (String t : i.getRepoTags()) if (!t.equals("<none>:<none>")) refs.add(t);
        }
        return refs;
    }
}
