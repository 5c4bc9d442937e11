package dev.gwrun.stdlib.swarm;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.dockerjava.api.model.ServiceSpec;
import dev.gwrun.stdlib.docker.Engine;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.TreeSet;

/**
 * What differs between a service's spec on the engine and the one a deploy would send, by top-level part
 * (image, env, labels, mode, update_config, …), or null when they are the same: then a deploy leaves the
 * service alone, as {@code docker stack deploy} ends up doing (Swarm rolls no task for an equal spec).
 */
final class SpecDiff {
    /** Values the engine fills in for what a spec leaves unset. */
    private static final java.util.Map<String, String> DEFAULTS = java.util.Map.of(
            "TaskTemplate.Runtime", "container",
            "UpdateConfig.FailureAction", "pause",
            "RollbackConfig.FailureAction", "pause",
            "UpdateConfig.Order", "stop-first",
            "RollbackConfig.Order", "stop-first",
            "EndpointSpec.Mode", "vip");

    private SpecDiff() {}

    static String between(ServiceSpec current, ServiceSpec next) {
        JsonNode a = Engine.json().valueToTree(current);
        JsonNode b = Engine.json().valueToTree(next);
        TreeSet<String> parts = new TreeSet<>();
        diff("", a, b, parts);
        if (parts.isEmpty()) return null;
        List<String> out = new ArrayList<>(parts);
        return String.join(", ", out) + " changed";
    }

    private static void diff(String path, JsonNode a, JsonNode b, TreeSet<String> parts) {
        if (empty(a) && empty(b)) return;
        if (a != null && b != null && a.isObject() && b.isObject()) {
            TreeSet<String> keys = new TreeSet<>();
            for (Iterator<String> i = a.fieldNames(); i.hasNext(); ) keys.add(i.next());
            for (Iterator<String> i = b.fieldNames(); i.hasNext(); ) keys.add(i.next());
            for (String k : keys) diff(path.isEmpty() ? k : path + "." + k, a.get(k), b.get(k), parts);
            return;
        }
        if (empty(b) && a != null && a.isTextual() && a.asText().equals(DEFAULTS.get(path))) return;
        if (a == null || !a.equals(b)) parts.add(word(path));
    }

    /** Absent, null, false, zero, "" and empty collections: what the engine leaves out or fills in alike. */
    private static boolean empty(JsonNode n) {
        if (n == null || n.isNull() || n.isMissingNode()) return true;
        if (n.isBoolean()) return !n.asBoolean();
        if (n.isNumber()) return n.asDouble() == 0;
        if (n.isTextual()) return n.asText().isEmpty();
        if (n.isContainerNode()) {
            for (JsonNode c : n) if (!empty(c)) return false;
            return true;
        }
        return false;
    }

    /** A spec path in the words of the Compose file: TaskTemplate.ContainerSpec.Env is "environment". */
    private static String word(String path) {
        if (path.equals("Labels." + StackSpec.IMAGE)) return "image";
        String p = path.replaceFirst("^TaskTemplate\\.ContainerSpec\\.", "").replaceFirst("^TaskTemplate\\.", "");
        String top = p.contains(".") ? p.substring(0, p.indexOf('.')) : p;
        return switch (top) {
            case "Image" -> "image";
            case "Env" -> "environment";
            case "Args" -> "command";
            case "Command" -> "entrypoint";
            case "Labels" -> path.startsWith("TaskTemplate") ? "labels" : "deploy.labels";
            case "Mode" -> "replicas";
            case "UpdateConfig" -> "update_config";
            case "RollbackConfig" -> "rollback_config";
            case "RestartPolicy" -> "restart_policy";
            case "Resources" -> "resources";
            case "Placement" -> "placement";
            case "EndpointSpec" -> "ports or endpoint_mode";
            case "Networks" -> "networks";
            case "HealthCheck" -> "healthcheck";
            case "Mounts" -> "volumes";
            case "Secrets" -> "secrets";
            case "Configs" -> "configs";
            default -> p;
        };
    }
}
