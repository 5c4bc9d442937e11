package dev.gwrun.stdlib.compose.model;

import java.nio.file.Path;

/**
 * A top-level secret or config: from a file (absolute), an environment variable's value, inline
 * {@code content} (configs), or external. Values read from the environment are never printed.
 */
public record FileObject(String key, String name, Path file, String environment, String content, boolean external) {
}
