package dev.gwrun.stdlib.compose.model;

import java.util.List;
import java.util.Map;

/**
 * A service's build section. {@code context} is an absolute directory, or a URL (git, http) as written.
 *
 * @param dockerfile relative to the context as written (default Dockerfile); null with dockerfileInline
 */
public record Build(String context, String dockerfile, String dockerfileInline, Map<String, String> args,
                    String target, List<String> cacheFrom, Map<String, String> labels, String network,
                    List<String> tags, String platform) {
}
