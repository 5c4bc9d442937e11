package dev.gwrun.stdlib.docker;

import dev.gwrun.host.Type;
import dev.gwrun.stdlib.Fields;

import java.util.Map;

/**
 * A value the docker module returns (a container, an image, a network, a volume, an exec
 * result): a fixed set of named fields matching its static {@link Type}, and a one-line
 * description for logs and wait reports.
 */
public final class DockerObject extends Fields {
    public DockerObject(Type type, Map<String, Object> fields, String description) {
        super(type, fields, description);
    }
}
