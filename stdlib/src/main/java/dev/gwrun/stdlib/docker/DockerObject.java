package dev.gwrun.stdlib.docker;

import dev.gwrun.host.Type;
import dev.gwrun.runtime.HostObject;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A value the docker module returns (a container, an image, a network, a volume, an exec
 * result): a fixed set of named fields matching its static {@link Type}, and a one-line
 * description for logs and wait reports.
 */
public final class DockerObject implements HostObject {
    private final Type type;
    private final Map<String, Object> fields;
    private final String description;

    public DockerObject(Type type, Map<String, Object> fields, String description) {
        if (!fields.keySet().equals(type.fields().keySet())) {
            throw new IllegalArgumentException(type.name() + " fields " + fields.keySet() + " do not match " + type.fields().keySet());
        }
        this.type = type;
        this.fields = new LinkedHashMap<>(fields);
        this.description = description;
    }

    @Override public String typeName() { return type.name(); }

    @Override public List<String> fieldNames() { return new ArrayList<>(fields.keySet()); }

    @Override public Object field(String name) { return fields.get(name); }

    @Override public String describe() { return description; }

    @Override public String toString() { return description; }
}
